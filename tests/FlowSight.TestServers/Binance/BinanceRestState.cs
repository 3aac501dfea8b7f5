namespace FlowSight.TestServers.Binance;

/// <summary>
/// Everything the local Binance REST endpoints share: the data, the clock, the per-market request-weight windows
/// (fixed 1-minute windows on the server's clock, answered in <c>X-MBX-USED-WEIGHT-1M</c>, 429 when exceeded), the
/// injected faults, the klines removed to make gaps, and the log of requests received. Thread-safe; tests drive it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The stall-release source has no timer; it lives as long as the server and is replaced (and disposed) on every release.")]
public sealed class BinanceRestState
{
    private readonly Lock _lock = new();
    private readonly Dictionary<BinanceServerMarket, int> _limits = [];
    private readonly Dictionary<(BinanceServerMarket, long), int> _used = [];
    private readonly List<BinanceRestFault> _faults = [];
    private readonly Dictionary<BinanceRestFault, int> _faultUses = [];
    private readonly List<(BinanceServerMarket Market, string Symbol, long From, long To)> _removedKlines = [];
    private readonly List<BinanceRestRequestRecord> _requests = [];
    private readonly List<(int Count, TaskCompletionSource Done)> _requestWaiters = [];
    private readonly List<(int Count, TaskCompletionSource Done)> _stallWaiters = [];
    private CancellationTokenSource _stallRelease = new();
    private int _stalls;
    private int _rejections;

    /// <summary>Creates the state over <paramref name="data"/> with <paramref name="time"/> as the server's clock.</summary>
    public BinanceRestState(BinanceRestData data, TimeProvider time, int seed = 42)
    {
        Data = data ?? throw new ArgumentNullException(nameof(data));
        Time = time ?? throw new ArgumentNullException(nameof(time));
        Synthetic = new BinanceSyntheticMarketData(seed);
    }

    /// <summary>The recorded bodies.</summary>
    public BinanceRestData Data { get; }

    /// <summary>The generator for what was not recorded.</summary>
    public BinanceSyntheticMarketData Synthetic { get; }

    /// <summary>The clock (a FakeTimeProvider in tests).</summary>
    public TimeProvider Time { get; }

    /// <summary>How far the server's clock runs ahead of <see cref="Time"/> (serverTime, weight windows, klines).</summary>
    public TimeSpan ServerClockSkew { get; set; }

    /// <summary>The earliest kline open time served (the symbol's "listing").</summary>
    public DateTimeOffset ListingTime { get; set; } = new(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The server's present: <see cref="Time"/> plus <see cref="ServerClockSkew"/>.</summary>
    public DateTimeOffset ServerNow => Time.GetUtcNow() + ServerClockSkew;

    /// <summary>429s the server answered because a window's weight would have been exceeded (not injected ones).</summary>
    public int WeightLimitRejections
    {
        get
        {
            lock (_lock)
            {
                return _rejections;
            }
        }
    }

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<BinanceRestRequestRecord> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The request-weight limit per minute: as set, else the REQUEST_WEIGHT of the served exchangeInfo, else Binance's default.</summary>
    public int WeightLimit(BinanceServerMarket market)
    {
        lock (_lock)
        {
            return LimitOf(market);
        }
    }

    /// <summary>Sets the per-minute weight limit (also declared in the exchangeInfo served from now on).</summary>
    public void SetWeightLimit(BinanceServerMarket market, int limit)
    {
        lock (_lock)
        {
            _limits[market] = limit;
        }
    }

    /// <summary>The limit set with <see cref="SetWeightLimit"/>, or null when the served exchangeInfo's own applies.</summary>
    public int? WeightLimitOverride(BinanceServerMarket market)
    {
        lock (_lock)
        {
            return _limits.TryGetValue(market, out var limit) ? limit : null;
        }
    }

    /// <summary>Adds weight to the current window as if another process on the same IP had used it.</summary>
    public void AddExternalWeight(BinanceServerMarket market, int weight)
    {
        lock (_lock)
        {
            var key = (market, WindowIndex(ServerNow));
            _used[key] = _used.GetValueOrDefault(key) + weight;
        }
    }

    /// <summary>The weight used in the current window.</summary>
    public int UsedWeight(BinanceServerMarket market)
    {
        lock (_lock)
        {
            return _used.GetValueOrDefault((market, WindowIndex(ServerNow)));
        }
    }

    /// <summary>The weight used per window (window start on the server's clock).</summary>
    public IReadOnlyDictionary<DateTimeOffset, int> WeightByWindow(BinanceServerMarket market)
    {
        lock (_lock)
        {
            return _used.Where(p => p.Key.Item1 == market)
                .ToDictionary(p => DateTimeOffset.FromUnixTimeMilliseconds(p.Key.Item2 * 60_000), p => p.Value);
        }
    }

    /// <summary>Injects a fault.</summary>
    public void Inject(BinanceRestFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_lock)
        {
            _faults.Add(fault);
            _faultUses[fault] = 0;
        }
    }

    /// <summary>Answers every stalled request (with the normal answer).</summary>
    public void ReleaseStalls()
    {
        CancellationTokenSource old;
        lock (_lock)
        {
            old = _stallRelease;
            _stallRelease = new CancellationTokenSource();
        }

        old.Cancel();
        old.Dispose();
    }

    /// <summary>Removes the klines of <paramref name="symbol"/> opening in [<paramref name="from"/>, <paramref name="to"/>) (server clock), to make a gap.</summary>
    public void RemoveKlines(BinanceServerMarket market, string symbol, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_lock)
        {
            _removedKlines.Add((market, symbol, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds()));
        }
    }

    /// <summary>Completes when <paramref name="count"/> requests have arrived in total.</summary>
    public Task WaitForRequestsAsync(int count, CancellationToken cancellationToken = default) => Wait(_requestWaiters, () => _requests.Count, count, cancellationToken);

    /// <summary>Completes when <paramref name="count"/> requests have stalled in total.</summary>
    public Task WaitForStallsAsync(int count, CancellationToken cancellationToken = default) => Wait(_stallWaiters, () => _stalls, count, cancellationToken);

    /// <summary>True when the kline opening at <paramref name="openMs"/> was removed.</summary>
    internal bool IsKlineRemoved(BinanceServerMarket market, string symbol, long openMs)
    {
        lock (_lock)
        {
            return _removedKlines.Any(r => r.Market == market && r.Symbol == symbol && openMs >= r.From && openMs < r.To);
        }
    }

    /// <summary>Takes one use of the first fault matching the request, if any.</summary>
    internal BinanceRestFault? TakeFault(BinanceServerMarket market, string endpoint)
    {
        lock (_lock)
        {
            foreach (var fault in _faults)
            {
                if ((fault.Market is null || fault.Market == market) && (fault.Endpoint is null || fault.Endpoint == endpoint) && _faultUses[fault] < fault.Times)
                {
                    _faultUses[fault]++;
                    return fault;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Charges <paramref name="weight"/> to the current window; false (nothing charged) when it would exceed the
    /// limit. <paramref name="used"/> is the window's count afterwards, <paramref name="retryAfter"/> the seconds to its end.
    /// </summary>
    internal bool TryCharge(BinanceServerMarket market, int weight, out int used, out int retryAfter)
    {
        lock (_lock)
        {
            var now = ServerNow;
            var index = WindowIndex(now);
            var key = (market, index);
            used = _used.GetValueOrDefault(key);
            retryAfter = (int)Math.Ceiling((((index + 1) * 60_000) - now.ToUnixTimeMilliseconds()) / 1000.0);
            if (used + weight > LimitOf(market))
            {
                _rejections++;
                return false;
            }

            used += weight;
            _used[key] = used;
            return true;
        }
    }

    internal CancellationToken StallReleaseToken
    {
        get
        {
            lock (_lock)
            {
                return _stallRelease.Token;
            }
        }
    }

    internal void OnStalled()
    {
        lock (_lock)
        {
            _stalls++;
            Signal(_stallWaiters, _stalls);
        }
    }

    internal void Record(BinanceRestRequestRecord record)
    {
        lock (_lock)
        {
            _requests.Add(record with { Sequence = _requests.Count + 1 });
            Signal(_requestWaiters, _requests.Count);
        }
    }

    private int LimitOf(BinanceServerMarket market) =>
        _limits.TryGetValue(market, out var limit) ? limit : Data.DeclaredWeightLimit(market) ?? (market == BinanceServerMarket.Spot ? 6000 : 2400);

    private static long WindowIndex(DateTimeOffset serverNow) => Math.DivRem(serverNow.ToUnixTimeMilliseconds(), 60_000, out var rem) - (rem < 0 ? 1 : 0);

    private static void Signal(List<(int Count, TaskCompletionSource Done)> waiters, int value)
    {
        for (var i = waiters.Count - 1; i >= 0; i--)
        {
            if (value >= waiters[i].Count)
            {
                waiters[i].Done.TrySetResult();
                waiters.RemoveAt(i);
            }
        }
    }

    private Task Wait(List<(int Count, TaskCompletionSource Done)> waiters, Func<int> current, int count, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (current() >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((count, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }
}
