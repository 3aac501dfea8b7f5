namespace FlowSight.TestServers.GateIo;

/// <summary>The settings of a <see cref="GateIoPrivateServer"/>: one user's credentials, markets, balances and fees.</summary>
public sealed class GateIoPrivateServerOptions
{
    /// <summary>The API key the server accepts (<c>KEY</c>).</summary>
    public string ApiKey { get; init; } = "gate-test-key";

    /// <summary>Its secret (verifies <c>SIGN</c>).</summary>
    public string ApiSecret { get; init; } = "gate-test-secret-0123456789abcdef";

    /// <summary>The user id futures channels must name.</summary>
    public string UserId { get; init; } = "10001";

    /// <summary>The markets (spot pairs and USDT contracts).</summary>
    public IReadOnlyList<GateIoPrivateMarket> Markets { get; init; } = [];

    /// <summary>Initial spot balances per currency.</summary>
    public IReadOnlyDictionary<string, decimal> SpotBalances { get; init; } = new Dictionary<string, decimal> { ["USDT"] = 100_000m, ["BTC"] = 10m };

    /// <summary>Initial futures (USDT) balance.</summary>
    public decimal FuturesBalance { get; init; } = 100_000m;

    /// <summary>Leverage used for futures margin.</summary>
    public decimal Leverage { get; init; } = 10m;

    /// <summary>Maker fee rate.</summary>
    public decimal MakerFee { get; init; } = 0.001m;

    /// <summary>Taker fee rate.</summary>
    public decimal TakerFee { get; init; } = 0.002m;

    /// <summary>How far a request's <c>Timestamp</c> may be from the server's clock (Gate: 60 s).</summary>
    public TimeSpan MaxTimestampSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// When a price order triggers, push the regular order's <c>futures.orders</c> / <c>futures.usertrades</c> updates
    /// before the <c>futures.autoorders</c> update that names it (Gate documents no order between the two channels).
    /// </summary>
    public bool AutoOrderUpdateAfterTriggeredOrder { get; init; }

    /// <summary>The server's clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
