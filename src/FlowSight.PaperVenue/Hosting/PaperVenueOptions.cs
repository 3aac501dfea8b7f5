namespace FlowSight.PaperVenue.Hosting;

/// <summary>How a paper venue is started: protocol, instruments, market, clock, network and accounts.</summary>
public sealed record PaperVenueOptions
{
    /// <summary>The protocol spoken.</summary>
    public PaperVenueKind Venue { get; init; } = PaperVenueKind.BinanceUsdm;

    /// <summary>Venue symbols to list (<c>BTCUSDT</c>, or OKX's <c>BTC-USDT-SWAP</c>); empty: the venue's default pair.</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>Seed of the synthetic market (each instrument gets seed + its listing index).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Market speed: simulated seconds per wall-clock second. 0 pauses the market (no synthetic flow; only our
    /// orders move the book) while timestamps keep following the wall clock.
    /// </summary>
    public double Speed { get; init; } = 1;

    /// <summary>Synthetic history generated before the venue opens (trades, candles, 24 h statistics).</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>A recording to replay instead of a synthetic market (our recording format); null for synthetic.</summary>
    public string? ReplayFile { get; init; }

    /// <summary>Address Kestrel binds; loopback unless configured otherwise.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>API keys; when empty one key is made up (see <see cref="PaperCredentials.Default"/>).</summary>
    public IReadOnlyList<PaperCredential> Credentials { get; init; } = [];

    /// <summary>What each account is given at start, per asset (futures wallet for derivatives venues, spot otherwise).</summary>
    public IReadOnlyDictionary<string, decimal> InitialBalances { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["USDT"] = 100_000m,
        ["BTC"] = 10m,
        ["ETH"] = 100m,
    };

    /// <summary>Funding rate announced for every perpetual (settled every 8 hours at 00:00, 08:00, 16:00 UTC).</summary>
    public decimal FundingRate { get; init; } = 0.0001m;

    /// <summary>How often (simulated time) the mark price is taken from the book's mid and published.</summary>
    public TimeSpan MarkPriceInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the exchange thread sleeps at most between two clock ticks when idle.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Largest number of outbound WebSocket messages queued per connection before it is closed as too slow.</summary>
    public int MaxQueuedMessagesPerConnection { get; init; } = 4096;

    /// <summary>Accepted clock skew for signed requests is the request's <c>recvWindow</c>; this is its default (ms).</summary>
    public long DefaultRecvWindowMs { get; init; } = 5_000;

    /// <summary>Binance's request weight limit per minute per IP (<c>X-MBX-USED-WEIGHT-1M</c>).</summary>
    public int RequestWeightPerMinute { get; init; } = 2_400;

    /// <summary>Binance's order limit per minute per account (<c>X-MBX-ORDER-COUNT-1M</c>).</summary>
    public int OrdersPerMinute { get; init; } = 1_200;

    /// <summary>Binance's order limit per 10 seconds per account (<c>X-MBX-ORDER-COUNT-10S</c>).</summary>
    public int OrdersPer10Seconds { get; init; } = 300;
}
