using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlowSight.Engine.Messaging;

/// <summary>
/// Claims for exactly one producer thread: the claim counter is a plain field and the slowest consumer's position
/// is cached, so a claim that fits costs two compares and a store; only a claim that reaches the cached consumer
/// position reads the consumers' sequences. Publishing is one release store of the cursor.
/// </summary>
internal sealed class SingleProducerSequencer : Sequencer
{
    private ProducerState _state;

    public SingleProducerSequencer(int bufferSize, IWaitStrategy waitStrategy, FullBufferPolicy fullBufferPolicy)
        : base(bufferSize, waitStrategy, fullBufferPolicy)
    {
        _state.NextValue = Sequence.InitialValue;
        _state.CachedGating = Sequence.InitialValue;
    }

    public override long Claimed => _state.NextValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long Next(int n)
    {
        long nextValue = _state.NextValue;
        long nextSequence = nextValue + n;
        long wrapPoint = nextSequence - BufferSize;
        long cachedGating = _state.CachedGating;

        // The second test catches a cache that is ahead of the claim (never true in normal use; kept from LMAX
        // because it makes the fast path safe against any cached value, not just a stale one).
        if (wrapPoint > cachedGating || cachedGating > nextValue)
        {
            _state.CachedGating = RefreshGating(wrapPoint);
        }

        _state.NextValue = nextSequence;
        return nextSequence;
    }

    public override bool TryNext(int n, out long hi)
    {
        long nextValue = _state.NextValue;
        long nextSequence = nextValue + n;
        long wrapPoint = nextSequence - BufferSize;
        long cachedGating = _state.CachedGating;

        if (wrapPoint > cachedGating || cachedGating > nextValue)
        {
            long minimum = GetMinimumGatingSequence();
            _state.CachedGating = minimum;
            if (wrapPoint > minimum)
            {
                RecordStall();
                ThrowIfHalted();
                hi = Sequence.InitialValue;
                return false;
            }
        }

        _state.NextValue = nextSequence;
        hi = nextSequence;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long sequence)
    {
        Cursor.SetValue(sequence);
        if (SignalOnPublish)
        {
            WaitStrategy.SignalAllWhenBlocking();
        }
    }

    public override void Publish(long lo, long hi) => Publish(hi);

    public override long GetHighestPublishedSequence(long lo, long available) => available;

    // Kept out of line so the inlined fast path of Next stays small.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long RefreshGating(long wrapPoint)
    {
        long minimum = GetMinimumGatingSequence();
        return wrapPoint > minimum ? WaitForCapacity(wrapPoint) : minimum;
    }

    /// <summary>Producer-only fields, padded (128 bytes each side: adjacent-line prefetch) so neither consumer
    /// reads nor writes of neighbouring memory, such as the sequencer's fields a consumer checks per batch, ever
    /// take these lines away from the producer.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128 + 16 + 128)]
    private struct ProducerState
    {
        [FieldOffset(128)]
        public long NextValue;

        [FieldOffset(136)]
        public long CachedGating;
    }
}
