namespace FlowSight.Engine.Messaging;

/// <summary>How a consumer waits for producers to publish: trading CPU time for wake-up latency.</summary>
public interface IWaitStrategy
{
    /// <summary>
    /// <see langword="true"/> when a waiting consumer can be parked, so producers must call
    /// <see cref="SignalAllWhenBlocking"/> after publishing; spinning strategies return <see langword="false"/> and
    /// producers then skip the call entirely.
    /// </summary>
    bool RequiresPublishSignal { get; }

    /// <summary>
    /// Waits until <paramref name="cursor"/> reaches <paramref name="sequence"/> or <paramref name="barrier"/> is
    /// alerted, and returns the last cursor value seen: a value below <paramref name="sequence"/> means the wait
    /// ended because of the alert.
    /// </summary>
    long WaitFor(long sequence, Sequence cursor, SequenceBarrier barrier);

    /// <summary>Wakes consumers parked in <see cref="WaitFor"/>; cheap when none is parked.</summary>
    void SignalAllWhenBlocking();
}
