namespace FlowSight.Engine.Messaging;

/// <summary>
/// Spins briefly, then yields the processor between checks: near busy-spin latency while still letting producers
/// run when there are fewer cores than busy threads.
/// </summary>
public sealed class YieldingWaitStrategy : IWaitStrategy
{
    /// <inheritdoc />
    public bool RequiresPublishSignal => false;

    /// <inheritdoc />
    public long WaitFor(long sequence, Sequence cursor, SequenceBarrier barrier)
    {
        var spinner = default(SpinWait);
        long available;
        while ((available = cursor.Value) < sequence)
        {
            if (barrier.IsAlerted)
            {
                return available;
            }

            // SpinWait spins with back-off for a few rounds, then yields (Thread.Yield / Sleep(0)); -1 disables
            // Sleep(1), which would add a millisecond of latency.
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return available;
    }

    /// <inheritdoc />
    public void SignalAllWhenBlocking()
    {
    }
}
