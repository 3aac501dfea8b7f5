using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlowSight.Engine.Messaging;

/// <summary>
/// A pre-allocated, lock-free ring of <typeparamref name="T"/> slots (Disruptor-style). A producer claims a sequence
/// with <see cref="Next()"/>, writes the event in place through <see cref="this[long]"/> and makes it visible with
/// <see cref="Publish(long)"/>; a consumer (normally a <see cref="BatchEventProcessor{T}"/>) reads published slots
/// in order. Nothing is allocated or copied per event.
/// </summary>
/// <remarks>
/// <para>Full buffer: a claim never overwrites a slot the slowest consumer has not processed and never drops an event.
/// <see cref="Next()"/> then follows <see cref="FullBufferPolicy"/> (wait, or throw
/// <see cref="InsufficientCapacityException"/>); <see cref="TryNext(out long)"/> returns <see langword="false"/>.
/// Every claim that finds the ring full is counted in <see cref="FullBufferStalls"/>.</para>
/// <para>Halt: once the consumer halts or faults (<see cref="Halt"/>), a claim that needs free space throws
/// <see cref="RingBufferHaltedException"/> instead of waiting; a claim that fits in free space still succeeds.</para>
/// <para>Consumers must be registered (<see cref="AddGatingSequence"/>) before producers start. Until one is,
/// the ring accepts <see cref="Capacity"/> events and then reports full.</para>
/// </remarks>
/// <typeparam name="T">The slot type; a struct so slots are stored inline and written in place.</typeparam>
public sealed class RingBuffer<T>
    where T : struct
{
    /// <summary>The largest supported capacity.</summary>
    public const int MaxCapacity = 1 << 30;

    // Empty slots before and after the entries: the first and last entries then never share a cache line (or the
    // adjacent line the prefetcher pulls in) with the array header or whatever object the GC puts next to the array.
    private static readonly int EntryPadding = (128 + Unsafe.SizeOf<T>() - 1) / Unsafe.SizeOf<T>();

    private readonly T[] _entries;
    private readonly long _indexMask;
    private readonly Sequencer _sequencer;

    // Exactly one is set: typed fields let the JIT call (and inline) the sealed sequencer directly, no virtual call.
    private readonly SingleProducerSequencer? _single;
    private readonly MultiProducerSequencer? _multi;

    /// <summary>Creates a ring of <paramref name="capacity"/> slots.</summary>
    /// <param name="capacity">Number of slots: a power of two, 1 to <see cref="MaxCapacity"/>.</param>
    /// <param name="producerType">Whether one or several threads claim slots.</param>
    /// <param name="waitStrategy">How the consumer waits; <see cref="BlockingWaitStrategy"/> when null.</param>
    /// <param name="fullBufferPolicy">What <see cref="Next()"/> does when the ring is full.</param>
    /// <exception cref="ArgumentException"><paramref name="capacity"/> is not a power of two in range.</exception>
    public RingBuffer(
        int capacity,
        ProducerType producerType = ProducerType.Single,
        IWaitStrategy? waitStrategy = null,
        FullBufferPolicy fullBufferPolicy = FullBufferPolicy.Wait)
    {
        if (capacity < 1 || capacity > MaxCapacity || !BitOperations.IsPow2(capacity))
        {
            throw new ArgumentException(
                $"Capacity must be a power of two between 1 and {MaxCapacity}; got {capacity}.", nameof(capacity));
        }

        if (!Enum.IsDefined(producerType))
        {
            throw new ArgumentOutOfRangeException(nameof(producerType), producerType, "Unknown producer type.");
        }

        if (!Enum.IsDefined(fullBufferPolicy))
        {
            throw new ArgumentOutOfRangeException(nameof(fullBufferPolicy), fullBufferPolicy, "Unknown policy.");
        }

        waitStrategy ??= new BlockingWaitStrategy();
        _entries = new T[capacity + 2 * EntryPadding];
        _indexMask = capacity - 1;
        if (producerType == ProducerType.Single)
        {
            _sequencer = _single = new SingleProducerSequencer(capacity, waitStrategy, fullBufferPolicy);
        }
        else
        {
            _sequencer = _multi = new MultiProducerSequencer(capacity, waitStrategy, fullBufferPolicy);
        }

        ProducerType = producerType;
    }

    /// <summary>Number of slots.</summary>
    public int Capacity => _sequencer.BufferSize;

    /// <summary>Whether one or several threads claim slots.</summary>
    public ProducerType ProducerType { get; }

    /// <summary>What <see cref="Next()"/> does when the ring is full.</summary>
    public FullBufferPolicy FullBufferPolicy => _sequencer.FullBufferPolicy;

    /// <summary>How consumers wait for events.</summary>
    public IWaitStrategy WaitStrategy => _sequencer.WaitStrategy;

    /// <summary>
    /// Single producer: the highest published sequence. Multi producer: the highest claimed sequence (slots up to
    /// it may still be being written; consumers check each slot's availability).
    /// </summary>
    public long Cursor => _sequencer.Cursor.Value;

    /// <summary>How many claims (<c>Next</c> or <c>TryNext</c>) found the ring full: a measure of back-pressure.</summary>
    public long FullBufferStalls => _sequencer.FullBufferStalls;

    /// <summary>Free slots now, as seen by the producer side (approximate while producers or consumers run).</summary>
    public long RemainingCapacity => Capacity - (_sequencer.Claimed - _sequencer.GetMinimumGatingSequence());

    /// <summary>Whether <see cref="Halt"/> has been called (the consumer side has stopped).</summary>
    public bool IsHalted => _sequencer.IsHalted;

    /// <summary>The consumer fault passed to <see cref="Halt"/>, if any.</summary>
    public Exception? HaltFault => _sequencer.HaltFault;

    /// <summary>The slot for <paramref name="sequence"/>: write a claimed slot in place before publishing it, read a
    /// published one in place when consuming.</summary>
    public ref T this[long sequence]
    {
        // The mask keeps the index inside the entries, so the bounds check is redundant and skipped.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(
            ref MemoryMarshal.GetArrayDataReference(_entries),
            (nint)(sequence & _indexMask) + EntryPadding);
    }

    /// <summary>The slot of sequence 0: slot <c>s</c> is <c>Unsafe.Add(ref FirstEntry, s &amp; IndexMask)</c>.</summary>
    internal ref T FirstEntry => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries), EntryPadding);

    /// <summary>Capacity - 1: a sequence's slot index is the sequence masked with it.</summary>
    internal long IndexMask => _indexMask;

    /// <summary>Claims the next slot and returns its sequence; see <see cref="FullBufferPolicy"/> when the ring is full.</summary>
    /// <exception cref="InsufficientCapacityException">The ring is full and the policy is <see cref="FullBufferPolicy.Throw"/>.</exception>
    /// <exception cref="RingBufferHaltedException">The ring is full and its consumer has halted.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next() => _single is { } single ? single.Next(1) : _multi!.Next(1);

    /// <summary>Claims <paramref name="n"/> contiguous slots and returns the highest sequence: the batch is
    /// <c>hi - n + 1</c> to <c>hi</c>, published together with <see cref="Publish(long, long)"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is below 1 or above <see cref="Capacity"/>.</exception>
    /// <exception cref="InsufficientCapacityException">The ring is full and the policy is <see cref="FullBufferPolicy.Throw"/>.</exception>
    /// <exception cref="RingBufferHaltedException">The ring is full and its consumer has halted.</exception>
    public long Next(int n)
    {
        ValidateBatch(n);
        return _single is { } single ? single.Next(n) : _multi!.Next(n);
    }

    /// <summary>Claims the next slot if one is free, without waiting.</summary>
    /// <exception cref="RingBufferHaltedException">The ring is full and its consumer has halted.</exception>
    public bool TryNext(out long sequence) => _sequencer.TryNext(1, out sequence);

    /// <summary>Claims <paramref name="n"/> contiguous slots if that many are free, without waiting.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is below 1 or above <see cref="Capacity"/>.</exception>
    /// <exception cref="RingBufferHaltedException">The ring is full and its consumer has halted.</exception>
    public bool TryNext(int n, out long hi)
    {
        ValidateBatch(n);
        return _sequencer.TryNext(n, out hi);
    }

    /// <summary>Makes the claimed slot <paramref name="sequence"/> visible to consumers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        if (_single is { } single)
        {
            single.Publish(sequence);
        }
        else
        {
            _multi!.Publish(sequence);
        }
    }

    /// <summary>Makes the claimed slots <paramref name="lo"/> to <paramref name="hi"/> visible to consumers.</summary>
    public void Publish(long lo, long hi) => _sequencer.Publish(lo, hi);

    /// <summary>Copies <paramref name="value"/> into the next slot and publishes it (waits per <see cref="FullBufferPolicy"/>).</summary>
    public void PublishEvent(in T value)
    {
        long sequence = Next();
        this[sequence] = value;
        Publish(sequence);
    }

    /// <summary>Copies <paramref name="value"/> into the next slot and publishes it if a slot is free.</summary>
    public bool TryPublishEvent(in T value)
    {
        if (!_sequencer.TryNext(1, out long sequence))
        {
            return false;
        }

        this[sequence] = value;
        Publish(sequence);
        return true;
    }

    /// <summary>Creates a barrier a consumer waits on for published events.</summary>
    public SequenceBarrier NewBarrier() => new(_sequencer);

    /// <summary>
    /// Registers a consumer's sequence: producers never claim a slot past it. The sequence is set to where the
    /// consumer must start (<see cref="Sequence.InitialValue"/> for the first consumer). Call before producers start.
    /// </summary>
    public void AddGatingSequence(Sequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        _sequencer.AddGatingSequence(sequence);
    }

    /// <summary>
    /// Declares the consumer side stopped: producers that wait for space, or will need to, get a
    /// <see cref="RingBufferHaltedException"/> carrying <paramref name="fault"/>. Idempotent; the first fault is kept.
    /// </summary>
    public void Halt(Exception? fault = null) => _sequencer.Halt(fault);

    /// <summary>Wakes producers parked on a full ring; call after advancing a gating sequence.</summary>
    internal void NotifyConsumerProgress() => _sequencer.NotifyConsumerProgress();

    private void ValidateBatch(int n)
    {
        if (n < 1 || n > Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"A batch must claim between 1 and {Capacity} slots.");
        }
    }
}
