namespace FlowSight.Engine.Messaging;

/// <summary>
/// Parks the consumer on a monitor when nothing is published: no CPU while idle, at the cost of a wake-up
/// (microseconds) on the next publish. Producers take the lock only when a consumer is actually parked.
/// </summary>
public sealed class BlockingWaitStrategy : IWaitStrategy
{
    private readonly object _gate = new();
    private int _waiters;

    /// <inheritdoc />
    public bool RequiresPublishSignal => true;

    /// <inheritdoc />
    public long WaitFor(long sequence, Sequence cursor, SequenceBarrier barrier)
    {
        long available = cursor.Value;
        if (available >= sequence)
        {
            return available;
        }

        lock (_gate)
        {
            // Interlocked (a full fence) so the cursor re-read below cannot be satisfied before producers can see
            // the waiter count: either the producer sees us and pulses, or we see its publish and do not park.
            Interlocked.Increment(ref _waiters);
            try
            {
                while ((available = cursor.Value) < sequence && !barrier.IsAlerted)
                {
                    Monitor.Wait(_gate);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _waiters);
            }
        }

        return available;
    }

    /// <inheritdoc />
    public void SignalAllWhenBlocking()
    {
        // The other half of the handshake in WaitFor: the fence orders the producer's cursor store before its read
        // of the waiter count. A fence, not a lock: a producer pays no lock while the consumer is busy.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _waiters) != 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }
}
