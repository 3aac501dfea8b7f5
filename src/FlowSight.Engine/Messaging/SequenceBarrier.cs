namespace FlowSight.Engine.Messaging;

/// <summary>
/// A consumer's view of a ring buffer: waits (through the ring's <see cref="IWaitStrategy"/>) until a sequence is
/// published, and can be alerted to stop waiting. Obtain one from <see cref="RingBuffer{T}.NewBarrier"/>.
/// </summary>
public sealed class SequenceBarrier
{
    // Null on a single-producer ring, where everything up to the cursor is published: no availability scan and no
    // virtual call on the consumer's per-batch path.
    private readonly MultiProducerSequencer? _multiProducer;
    private readonly IWaitStrategy _waitStrategy;
    private readonly Sequence _cursor;
    private volatile bool _alerted;

    internal SequenceBarrier(Sequencer sequencer)
    {
        _multiProducer = sequencer as MultiProducerSequencer;
        _waitStrategy = sequencer.WaitStrategy;
        _cursor = sequencer.Cursor;
    }

    /// <summary>Whether <see cref="Alert"/> has been called (and not cleared).</summary>
    public bool IsAlerted => _alerted;

    /// <summary>
    /// Waits until <paramref name="sequence"/> is published and returns the highest sequence from which every slot
    /// up to it is published (often far beyond <paramref name="sequence"/>: a whole batch). Returns a value below
    /// <paramref name="sequence"/> when the barrier was alerted.
    /// </summary>
    public long WaitFor(long sequence)
    {
        // Under load the events are usually there already: skip the wait strategy (an interface call) entirely.
        if (!_alerted)
        {
            long highest = GetAvailable(sequence);
            if (highest >= sequence)
            {
                return highest;
            }
        }

        var spinner = default(SpinWait);
        while (!_alerted)
        {
            long available = _waitStrategy.WaitFor(sequence, _cursor, this);
            if (available < sequence)
            {
                continue;
            }

            long highest = HighestPublished(sequence, available);
            if (highest >= sequence)
            {
                return highest;
            }

            // Multi-producer only: the slot is claimed but its producer has not published it yet; that is a
            // window of nanoseconds, so spin (no Sleep(1)) rather than go back to a possibly blocking strategy.
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return sequence - 1;
    }

    /// <summary>The highest sequence from <paramref name="sequence"/> on that is published now, without waiting;
    /// below <paramref name="sequence"/> when nothing is.</summary>
    public long GetAvailable(long sequence)
    {
        long available = _cursor.Value;
        return available < sequence ? available : HighestPublished(sequence, available);
    }

    /// <summary>Makes current and future <see cref="WaitFor"/> calls return promptly.</summary>
    public void Alert()
    {
        _alerted = true;
        _waitStrategy.SignalAllWhenBlocking();
    }

    /// <summary>Clears a previous <see cref="Alert"/>.</summary>
    public void ClearAlert() => _alerted = false;

    private long HighestPublished(long sequence, long available) =>
        _multiProducer is null ? available : _multiProducer.GetHighestPublishedSequence(sequence, available);
}
