using FlowSight.Cli.Trading;
using FlowSight.Engine.Risk;
using FlowSight.Server.Hosting;

namespace FlowSight.Cli.Hosting;

/// <summary>What a <see cref="FlowSightHost"/> runs: the markets it follows, the accounts it trades, the server it serves.</summary>
internal sealed record FlowSightHostOptions
{
    /// <summary>The markets whose books, trades, quotes and mark prices flow into the engine.</summary>
    public required IReadOnlyList<MarketFeed> Markets { get; init; }

    /// <summary>The accounts the trading node trades, one per venue (none: a read-only server).</summary>
    public IReadOnlyList<TradingAccount> Accounts { get; init; } = [];

    /// <summary>The web server (users, address, token key).</summary>
    public required ServerOptions Server { get; init; }

    /// <summary>The risk engine's limits.</summary>
    public RiskLimits Risk { get; init; } = new();

    /// <summary>How long the books may take to sync and the first trade to arrive before the start fails.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>How far back the candle store is seeded from the venues' kline history.</summary>
    public int HistoryCandles { get; init; } = 500;
}
