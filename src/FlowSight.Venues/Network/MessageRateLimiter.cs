namespace FlowSight.Venues.Network;

/// <summary>
/// Allows at most <c>limit</c> messages in any window of <c>window</c> length (a sliding log of the last
/// <c>limit</c> send times), so a burst can never exceed the venue's per-connection limit the way a token bucket
/// can (a bucket of 5 refilling every 200 ms lets 9 through in the first second). Time comes from the injected
/// <see cref="TimeProvider"/>. Not thread-safe: callers serialise sends (the session's send lock does).
/// </summary>
public sealed class MessageRateLimiter
{
    private readonly long[] _sentAt;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private int _next;
    private int _count;

    /// <summary>Creates a limiter for <paramref name="limit"/> messages per <paramref name="window"/>.</summary>
    public MessageRateLimiter(int limit, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        _sentAt = new long[limit];
        _window = window;
        _time = time;
    }

    /// <summary>The number of messages allowed per window.</summary>
    public int Limit => _sentAt.Length;

    /// <summary>The window length.</summary>
    public TimeSpan Window => _window;

    /// <summary>Messages that had to wait for the window to move.</summary>
    public long Delayed { get; private set; }

    /// <summary>How long until one more message may be sent (zero when it may go now).</summary>
    public TimeSpan GetWaitTime()
    {
        if (_count < _sentAt.Length)
        {
            return TimeSpan.Zero;
        }

        // The oldest of the last `limit` sends sits at _next (the ring is full).
        var elapsed = _time.GetElapsedTime(_sentAt[_next]);
        return elapsed >= _window ? TimeSpan.Zero : _window - elapsed;
    }

    /// <summary>Records that a message was sent now.</summary>
    public void RecordSent()
    {
        _sentAt[_next] = _time.GetTimestamp();
        _next = (_next + 1) % _sentAt.Length;
        if (_count < _sentAt.Length)
        {
            _count++;
        }
    }

    /// <summary>Waits (on the <see cref="TimeProvider"/>) until a message may be sent, then records it as sent.</summary>
    public async ValueTask WaitAndRecordAsync(CancellationToken cancellationToken)
    {
        var wait = GetWaitTime();
        if (wait > TimeSpan.Zero)
        {
            Delayed++;
            while (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
                wait = GetWaitTime();
            }
        }

        RecordSent();
    }
}
