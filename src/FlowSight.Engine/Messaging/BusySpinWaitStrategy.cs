namespace FlowSight.Engine.Messaging;

/// <summary>
/// Spins on the cursor: the lowest latency, at the cost of a whole core. Use only when the consumer has a core to
/// itself (producers + consumers ≤ cores); on an oversubscribed machine prefer <see cref="YieldingWaitStrategy"/>.
/// </summary>
public sealed class BusySpinWaitStrategy : IWaitStrategy
{
    /// <inheritdoc />
    public bool RequiresPublishSignal => false;

    /// <inheritdoc />
    public long WaitFor(long sequence, Sequence cursor, SequenceBarrier barrier)
    {
        long available;
        while ((available = cursor.Value) < sequence)
        {
            if (barrier.IsAlerted)
            {
                return available;
            }

            // A pause instruction: frees pipeline resources for a hyper-threaded sibling without giving up the core.
            Thread.SpinWait(1);
        }

        return available;
    }

    /// <inheritdoc />
    public void SignalAllWhenBlocking()
    {
    }
}
