using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlowSight.Engine.Messaging;

/// <summary>
/// Claims for any number of producer threads, as the LMAX Disruptor does: a compare-and-swap advances the claim
/// cursor, and each slot has an availability flag (the sequence's lap number) set when it is published. Producers
/// may publish out of order; a consumer reads up to the first slot not yet published, never past it.
/// </summary>
internal sealed class MultiProducerSequencer : Sequencer
{
    private readonly Sequence _gatingCache = new();

    // Lap number (sequence >> log2(size)) of the last publish into each slot: a slot is published for sequence s
    // when its flag equals s's lap, so the flags never need resetting.
    private readonly int[] _availableBuffer;
    private readonly int _indexMask;
    private readonly int _indexShift;

    public MultiProducerSequencer(int bufferSize, IWaitStrategy waitStrategy, FullBufferPolicy fullBufferPolicy)
        : base(bufferSize, waitStrategy, fullBufferPolicy)
    {
        _availableBuffer = new int[bufferSize];
        _availableBuffer.AsSpan().Fill(-1);
        _indexMask = bufferSize - 1;
        _indexShift = BitOperations.Log2((uint)bufferSize);
    }

    public override long Claimed => Cursor.Value;

    public override long Next(int n)
    {
        while (true)
        {
            long current = Cursor.Value;
            long next = current + n;
            long wrapPoint = next - BufferSize;
            long cachedGating = _gatingCache.Value;

            if (wrapPoint > cachedGating || cachedGating > current)
            {
                long gating = GetMinimumGatingSequence();
                if (wrapPoint > gating)
                {
                    // Wait without holding a claim, then race for it again: another producer may take the space.
                    WaitForCapacity(wrapPoint);
                    continue;
                }

                _gatingCache.SetValue(gating);
            }
            else if (Cursor.CompareAndSet(current, next))
            {
                return next;
            }
        }
    }

    public override bool TryNext(int n, out long hi)
    {
        while (true)
        {
            long current = Cursor.Value;
            long next = current + n;
            long wrapPoint = next - BufferSize;
            long cachedGating = _gatingCache.Value;

            if (wrapPoint > cachedGating || cachedGating > current)
            {
                long gating = GetMinimumGatingSequence();
                if (wrapPoint > gating)
                {
                    RecordStall();
                    ThrowIfHalted();
                    hi = Sequence.InitialValue;
                    return false;
                }

                _gatingCache.SetValue(gating);
            }
            else if (Cursor.CompareAndSet(current, next))
            {
                hi = next;
                return true;
            }
        }
    }

    public override void Publish(long sequence)
    {
        SetAvailable(sequence);
        if (SignalOnPublish)
        {
            WaitStrategy.SignalAllWhenBlocking();
        }
    }

    public override void Publish(long lo, long hi)
    {
        for (long sequence = lo; sequence <= hi; sequence++)
        {
            SetAvailable(sequence);
        }

        if (SignalOnPublish)
        {
            WaitStrategy.SignalAllWhenBlocking();
        }
    }

    public override long GetHighestPublishedSequence(long lo, long available)
    {
        for (long sequence = lo; sequence <= available; sequence++)
        {
            if (!IsAvailable(sequence))
            {
                return sequence - 1;
            }
        }

        return available;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetAvailable(long sequence) =>
        Volatile.Write(ref SlotFlag(sequence), (int)(sequence >>> _indexShift));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsAvailable(long sequence) =>
        Volatile.Read(ref SlotFlag(sequence)) == (int)(sequence >>> _indexShift);

    // The mask keeps the index in range, so the bounds check is skipped.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref int SlotFlag(long sequence) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_availableBuffer), (nint)((int)sequence & _indexMask));
}
