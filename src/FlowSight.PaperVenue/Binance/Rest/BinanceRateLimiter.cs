namespace FlowSight.PaperVenue.Binance.Rest;

/// <summary>
/// Binance's REST limits in fixed windows of the venue's clock, as Binance counts them: request weight per IP per
/// minute (<c>X-MBX-USED-WEIGHT-1M</c>) and new orders per account per 10 seconds and per minute
/// (<c>X-MBX-ORDER-COUNT-10S</c>, <c>X-MBX-ORDER-COUNT-1M</c>). Thread-safe.
/// </summary>
public sealed class BinanceRateLimiter(TimeProvider time, int weightPerMinute, int ordersPer10Seconds, int ordersPerMinute)
{
    private readonly Dictionary<string, Window> _weight = new(StringComparer.Ordinal);
    private readonly Dictionary<int, (Window TenSeconds, Window Minute)> _orders = [];
    private readonly Lock _lock = new();

    /// <summary>The weight limit per minute.</summary>
    public int WeightPerMinute => weightPerMinute;

    /// <summary>The order limit per 10 seconds.</summary>
    public int OrdersPer10Seconds => ordersPer10Seconds;

    /// <summary>The order limit per minute.</summary>
    public int OrdersPerMinute => ordersPerMinute;

    /// <summary>Adds <paramref name="weight"/> for <paramref name="ip"/>; returns the minute's total and whether it is within the limit.</summary>
    public (int Used, bool Allowed) AddWeight(string ip, int weight)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_lock)
        {
            if (_weight.Count > 10_000)
            {
                _weight.Clear();
            }

            var window = _weight.GetValueOrDefault(ip);
            window = window.Add(now / 60_000, weight);
            _weight[ip] = window;
            return (window.Count, window.Count <= weightPerMinute);
        }
    }

    /// <summary>
    /// Counts one new order of <paramref name="accountId"/>; returns the windows' totals and, when a limit is
    /// exceeded, which (<c>10S</c> or <c>1M</c>) — the order is then not counted, as Binance does not count refused ones.
    /// </summary>
    public (int TenSeconds, int Minute, string? Exceeded) AddOrder(int accountId)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_lock)
        {
            var (ten, minute) = _orders.GetValueOrDefault(accountId);
            var nextTen = ten.Add(now / 10_000, 1);
            var nextMinute = minute.Add(now / 60_000, 1);
            if (nextTen.Count > ordersPer10Seconds)
            {
                _orders[accountId] = (ten.Add(now / 10_000, 0), minute.Add(now / 60_000, 0));
                return (ten.Add(now / 10_000, 0).Count, minute.Add(now / 60_000, 0).Count, "10S");
            }

            if (nextMinute.Count > ordersPerMinute)
            {
                _orders[accountId] = (ten.Add(now / 10_000, 0), minute.Add(now / 60_000, 0));
                return (ten.Add(now / 10_000, 0).Count, minute.Add(now / 60_000, 0).Count, "1M");
            }

            _orders[accountId] = (nextTen, nextMinute);
            return (nextTen.Count, nextMinute.Count, null);
        }
    }

    /// <summary>The account's order counts now, without counting.</summary>
    public (int TenSeconds, int Minute) OrderCounts(int accountId)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_lock)
        {
            var (ten, minute) = _orders.GetValueOrDefault(accountId);
            return (ten.Add(now / 10_000, 0).Count, minute.Add(now / 60_000, 0).Count);
        }
    }

    private readonly record struct Window(long Index, int Count)
    {
        public Window Add(long index, int amount) => index == Index ? this with { Count = Count + amount } : new Window(index, amount);
    }
}
