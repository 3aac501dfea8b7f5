namespace FlowSight.Venues.Network.Http;

/// <summary>
/// Everything shared by the calls to one host (scheme, name and port): its rate-limit windows and the block a 429 or
/// 418 puts on it. A venue limits by IP per host, so every client talking to the host must share one of these (get
/// it from a <see cref="RestHostRegistry"/>). Thread-safe.
/// </summary>
public sealed class RestHost
{
    private readonly Lock _lock = new();
    private DateTimeOffset _blockedUntil = DateTimeOffset.MinValue;
    private bool _isBanned;
    private int _inFlight;
    private int _waiting;
    private long _requests;
    private long _throttledWaits;
    private long _rateLimited;
    private long _bans;
    private long _retries;

    /// <summary>Creates the state for <paramref name="name"/>.</summary>
    public RestHost(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The host, e.g. <c>https://fapi.binance.com</c>.</summary>
    public string Name { get; }

    /// <summary>The host's rate-limit windows.</summary>
    public HostRateLimiter Limiter { get; } = new();

    /// <summary>Raised (on the thread that made the change) whenever a count, a wait or the block changes.</summary>
    public event EventHandler? Changed;

    /// <summary>Until when the host takes no request (in the past when open).</summary>
    public DateTimeOffset BlockedUntil
    {
        get
        {
            lock (_lock)
            {
                return _blockedUntil;
            }
        }
    }

    /// <summary>The host's state at <paramref name="now"/>.</summary>
    public RestHostSnapshot Snapshot(DateTimeOffset now)
    {
        lock (_lock)
        {
            return new RestHostSnapshot(
                Name,
                _inFlight,
                _waiting,
                _blockedUntil > now ? _blockedUntil : null,
                _blockedUntil > now && _isBanned,
                Limiter.Snapshot(now),
                _requests,
                _throttledWaits,
                _rateLimited,
                _bans,
                _retries);
        }
    }

    /// <summary>Stops every request to the host until <paramref name="until"/> (a later block wins over an earlier one).</summary>
    internal void Block(DateTimeOffset until, bool isBan)
    {
        lock (_lock)
        {
            if (isBan)
            {
                _bans++;
            }
            else
            {
                _rateLimited++;
            }

            if (until > _blockedUntil)
            {
                _blockedUntil = until;
                _isBanned = isBan;
            }
            else if (until == _blockedUntil)
            {
                _isBanned |= isBan;
            }
        }

        OnChanged();
    }

    internal bool IsBanned(DateTimeOffset now)
    {
        lock (_lock)
        {
            return _blockedUntil > now && _isBanned;
        }
    }

    internal void OnSent() => Update(ref _inFlight, 1, countRequest: true);

    internal void OnAnswered() => Update(ref _inFlight, -1, countRequest: false);

    internal void OnWaitStarted(bool throttled)
    {
        lock (_lock)
        {
            _waiting++;
            if (throttled)
            {
                _throttledWaits++;
            }
        }

        OnChanged();
    }

    internal void OnWaitEnded() => Update(ref _waiting, -1, countRequest: false);

    internal void OnRetry()
    {
        Interlocked.Increment(ref _retries);
        OnChanged();
    }

    internal void OnCountsChanged() => OnChanged();

    private void Update(ref int field, int delta, bool countRequest)
    {
        lock (_lock)
        {
            field += delta;
            if (countRequest)
            {
                _requests++;
            }
        }

        OnChanged();
    }

    private void OnChanged() => Changed?.Invoke(this, EventArgs.Empty);
}
