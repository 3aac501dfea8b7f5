namespace FlowSight.Venues.Network.Http;

/// <summary>
/// Counts what requests to one host draw from its rate-limit pools, in fixed windows aligned to the venue's clock, and
/// refuses a reservation that would take a window past its limit (the caller waits for the window to end instead).
/// </summary>
/// <remarks>
/// A window's used count is the venue's own (the highest count it reported in that window, e.g. Binance
/// <c>X-MBX-USED-WEIGHT-1M</c>), plus our estimate for answers that carried no count, plus the units of requests in
/// flight. The venue's count replaces our estimate whenever it arrives, so weight used by other processes on the
/// same IP is taken into account; counts lower than one already seen in the window are stale (answers overtaking
/// each other) and ignored. Thread-safe.
/// </remarks>
public sealed class HostRateLimiter
{
    private readonly Lock _lock = new();
    private Window[] _windows = [];
    private long _clockOffsetTicks;

    /// <summary>The rules in force.</summary>
    public IReadOnlyList<RateLimitRule> Rules
    {
        get
        {
            lock (_lock)
            {
                return [.. _windows.Select(w => w.Rule)];
            }
        }
    }

    /// <summary>
    /// The venue's clock minus ours (e.g. from a server-time request), used to align windows with the venue's.
    /// </summary>
    public TimeSpan ClockOffset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _clockOffsetTicks));
        set => Interlocked.Exchange(ref _clockOffsetTicks, value.Ticks);
    }

    /// <summary>
    /// Replaces the rules (e.g. with the limits the venue declares). A rule for the same pool and interval as an
    /// existing one keeps that window's counts.
    /// </summary>
    public void Configure(IEnumerable<RateLimitRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var list = rules.ToList();
        foreach (var rule in list)
        {
            if (rule.Limit <= 0 || rule.Interval <= TimeSpan.Zero || string.IsNullOrEmpty(rule.Pool))
            {
                throw new ArgumentException($"Invalid rate-limit rule {rule}: it needs a pool, a positive interval and a positive limit.", nameof(rules));
            }
        }

        lock (_lock)
        {
            var next = new Window[list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                var existing = Array.Find(_windows, w => w.Rule.Pool == list[i].Pool && w.Rule.Interval == list[i].Interval);
                next[i] = existing ?? new Window();
                next[i].Rule = list[i];
            }

            _windows = next;
        }
    }

    /// <summary>The windows' state at <paramref name="now"/>.</summary>
    public IReadOnlyList<RateLimitWindowSnapshot> Snapshot(DateTimeOffset now)
    {
        lock (_lock)
        {
            var result = new RateLimitWindowSnapshot[_windows.Length];
            for (var i = 0; i < _windows.Length; i++)
            {
                var window = _windows[i];
                var index = Roll(window, now);
                result[i] = new(window.Rule.Pool, window.Rule.Interval, window.Rule.Limit, window.ServerUsed + window.Unreported + window.InFlight, window.InFlight, WindowStart(window, index));
            }

            return result;
        }
    }

    /// <summary>
    /// Reserves <paramref name="costs"/> in every window of their pools, or, when a window cannot take them, reserves
    /// nothing and says how long until the last full window ends.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A cost exceeds a window's whole limit, so it can never be sent.</exception>
    public bool TryReserve(IReadOnlyList<RateLimitCost> costs, DateTimeOffset now, out RateLimitLease lease, out TimeSpan wait)
    {
        lease = RateLimitLease.None;
        wait = TimeSpan.Zero;
        if (costs.Count == 0)
        {
            return true;
        }

        lock (_lock)
        {
            List<(Window, int, long)>? parts = null;
            foreach (var cost in costs)
            {
                if (cost.Units <= 0)
                {
                    continue;
                }

                foreach (var window in _windows)
                {
                    if (window.Rule.Pool != cost.Pool)
                    {
                        continue;
                    }

                    if (cost.Units > window.Rule.Limit)
                    {
                        throw new ArgumentOutOfRangeException(nameof(costs), cost, $"The request costs {cost.Units} {cost.Pool} but the limit is {window.Rule.Limit} per {window.Rule.Interval}; it can never be sent.");
                    }

                    var index = Roll(window, now);
                    if (window.ServerUsed + window.Unreported + window.InFlight + cost.Units > window.Rule.Limit)
                    {
                        var untilEnd = WindowStart(window, index + 1) - now;
                        wait = untilEnd > wait ? untilEnd : wait;
                    }

                    (parts ??= []).Add((window, cost.Units, index));
                }
            }

            if (wait > TimeSpan.Zero || parts is null)
            {
                return wait == TimeSpan.Zero;
            }

            foreach (var (window, units, _) in parts)
            {
                window.InFlight += units;
            }

            lease = new RateLimitLease([.. parts]);
            return true;
        }
    }

    /// <summary>
    /// Ends a reservation once its request is answered or has failed. <paramref name="usedCount"/> reads the venue's
    /// count for a header name from the answer (null when absent or when there was no answer).
    /// </summary>
    public void Complete(RateLimitLease lease, DateTimeOffset now, Func<string, int?> usedCount)
    {
        lock (_lock)
        {
            foreach (var (window, units, index) in lease.Parts ?? [])
            {
                window.InFlight -= units;
                var reported = window.Rule.UsedHeader is { } header && usedCount(header) is not null;
                if (!reported && index == Roll(window, now))
                {
                    // No count from the venue: assume the request reached it and counted.
                    window.Unreported += units;
                }
            }

            foreach (var window in _windows)
            {
                if (window.Rule.UsedHeader is { } header && usedCount(header) is { } count)
                {
                    // The venue's count includes this request and everything else it counted from our IP.
                    Roll(window, now);
                    if (count >= window.ServerUsed)
                    {
                        window.ServerUsed = count;
                        window.Unreported = 0;
                    }
                }
            }
        }
    }

    private long Roll(Window window, DateTimeOffset now)
    {
        var venueMs = now.ToUnixTimeMilliseconds() + (Interlocked.Read(ref _clockOffsetTicks) / TimeSpan.TicksPerMillisecond);
        var lengthMs = (long)window.Rule.Interval.TotalMilliseconds;
        var index = Math.DivRem(venueMs, lengthMs, out var rem) - (rem < 0 ? 1 : 0);
        if (index != window.Index)
        {
            window.Index = index;
            window.ServerUsed = 0;
            window.Unreported = 0;
        }

        return index;
    }

    private DateTimeOffset WindowStart(Window window, long index) =>
        DateTimeOffset.FromUnixTimeMilliseconds(index * (long)window.Rule.Interval.TotalMilliseconds) - ClockOffset;

    /// <summary>One rule's counts in its current window (mutated under the limiter's lock).</summary>
    internal sealed class Window
    {
        public RateLimitRule Rule { get; set; } = null!;

        public long Index { get; set; } = long.MinValue;

        public int ServerUsed { get; set; }

        public int Unreported { get; set; }

        public int InFlight { get; set; }
    }
}
