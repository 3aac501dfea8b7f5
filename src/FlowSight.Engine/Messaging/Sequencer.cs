using System.Runtime.CompilerServices;

namespace FlowSight.Engine.Messaging;

/// <summary>
/// The claim side of a ring buffer: hands out sequences to producers, never past the slowest consumer, and tells
/// consumers which sequences are published. Shared by the single- and multi-producer variants: the consumers
/// (gating sequences), the full-buffer wait, the halt state and the stall counter.
/// </summary>
internal abstract class Sequencer
{
    // Spins and yields cover the common case where the consumer frees space within microseconds; parking only
    // happens when it is really behind, so a stalled producer stops burning the core the consumer may need.
    private const int SpinsBeforePark = 64;

    // The consumer signals parked producers without a full fence (it would cost every batch), so a wake-up can
    // be missed in a narrow race; the timeout bounds that rare case to a millisecond instead of a hang.
    private const int ParkTimeoutMilliseconds = 1;

    private readonly object _spaceGate = new();
    private readonly Sequence _fullBufferStalls = new(0);
    private Sequence[] _gatingSequences = [];
    private int _parkedProducers;
    private int _halted;
    private Exception? _haltFault;

    protected Sequencer(int bufferSize, IWaitStrategy waitStrategy, FullBufferPolicy fullBufferPolicy)
    {
        BufferSize = bufferSize;
        WaitStrategy = waitStrategy;
        FullBufferPolicy = fullBufferPolicy;
        SignalOnPublish = waitStrategy.RequiresPublishSignal;
    }

    public int BufferSize { get; }

    public IWaitStrategy WaitStrategy { get; }

    public FullBufferPolicy FullBufferPolicy { get; }

    /// <summary>Single producer: the last published sequence. Multi producer: the last claimed sequence.</summary>
    public Sequence Cursor { get; } = new();

    /// <summary>Cached from the wait strategy so producers skip the interface call when nobody can be parked.</summary>
    protected bool SignalOnPublish { get; }

    public long FullBufferStalls => _fullBufferStalls.Value;

    public bool IsHalted => Volatile.Read(ref _halted) != 0;

    public Exception? HaltFault => IsHalted ? _haltFault : null;

    /// <summary>The highest sequence a producer has claimed (exact only on a producer thread or when idle).</summary>
    public abstract long Claimed { get; }

    public abstract long Next(int n);

    public abstract bool TryNext(int n, out long hi);

    public abstract void Publish(long sequence);

    public abstract void Publish(long lo, long hi);

    /// <summary>The highest sequence in [<paramref name="lo"/>, <paramref name="available"/>] up to which every slot is published.</summary>
    public abstract long GetHighestPublishedSequence(long lo, long available);

    public void AddGatingSequence(Sequence sequence)
    {
        lock (_spaceGate)
        {
            var current = _gatingSequences;
            // Slots after the slowest existing consumer still hold unconsumed events, so a new consumer starts
            // there; with no consumer yet nothing has been consumed (and nothing overwritten).
            sequence.SetValue(current.Length == 0 ? Sequence.InitialValue : Minimum(current, long.MaxValue));
            var updated = new Sequence[current.Length + 1];
            current.CopyTo(updated, 0);
            updated[^1] = sequence;
            Volatile.Write(ref _gatingSequences, updated);
        }
    }

    /// <summary>The slowest consumer's sequence; <see cref="Sequence.InitialValue"/> when there is none, so a ring
    /// without a consumer fills up instead of overwriting.</summary>
    public long GetMinimumGatingSequence()
    {
        var sequences = Volatile.Read(ref _gatingSequences);
        return sequences.Length == 0 ? Sequence.InitialValue : Minimum(sequences, long.MaxValue);
    }

    /// <summary>Marks the consumer side as gone: producers that need space from now on throw instead of waiting.</summary>
    public void Halt(Exception? fault)
    {
        lock (_spaceGate)
        {
            if (Volatile.Read(ref _halted) == 0)
            {
                _haltFault = fault;
                Volatile.Write(ref _halted, 1);
            }

            // Under the gate: a producer re-checks the halt flag under it before parking, so this wake-up cannot be lost.
            Monitor.PulseAll(_spaceGate);
        }
    }

    /// <summary>Called by a consumer after it advanced its sequence; costs one read unless a producer is parked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void NotifyConsumerProgress()
    {
        if (Volatile.Read(ref _parkedProducers) != 0)
        {
            WakeParkedProducers();
        }
    }

    /// <summary>
    /// Slow path of a claim that found no room for <paramref name="wrapPoint"/>: counts the stall, then throws or
    /// waits per <see cref="FullBufferPolicy"/> and returns the minimum gating sequence once there is room.
    /// </summary>
    protected long WaitForCapacity(long wrapPoint)
    {
        RecordStall();
        if (FullBufferPolicy == FullBufferPolicy.Throw)
        {
            ThrowIfHalted();
            throw new InsufficientCapacityException();
        }

        var spinner = default(SpinWait);
        while (true)
        {
            ThrowIfHalted();
            if (spinner.Count < SpinsBeforePark)
            {
                // -1: never Thread.Sleep(1), which would add a millisecond where the consumer needs microseconds.
                spinner.SpinOnce(sleep1Threshold: -1);
            }
            else
            {
                Park(wrapPoint);
            }

            long minimum = GetMinimumGatingSequence();
            if (wrapPoint <= minimum)
            {
                return minimum;
            }
        }
    }

    protected void RecordStall() => _fullBufferStalls.IncrementAndGet();

    protected void ThrowIfHalted()
    {
        if (Volatile.Read(ref _halted) != 0)
        {
            throw new RingBufferHaltedException(
                _haltFault is null
                    ? "The ring buffer's consumer has halted; no slot will be freed."
                    : "The ring buffer's consumer faulted; no slot will be freed.",
                _haltFault);
        }
    }

    // Out of line: inlined, the lock's P/Invoke frame set-up would run on every consumer batch, not just here.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WakeParkedProducers()
    {
        lock (_spaceGate)
        {
            Monitor.PulseAll(_spaceGate);
        }
    }

    private void Park(long wrapPoint)
    {
        lock (_spaceGate)
        {
            Interlocked.Increment(ref _parkedProducers);
            try
            {
                if (Volatile.Read(ref _halted) == 0 && wrapPoint > GetMinimumGatingSequence())
                {
                    Monitor.Wait(_spaceGate, ParkTimeoutMilliseconds);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _parkedProducers);
            }
        }
    }

    private static long Minimum(Sequence[] sequences, long minimum)
    {
        foreach (var sequence in sequences)
        {
            minimum = Math.Min(minimum, sequence.Value);
        }

        return minimum;
    }
}
