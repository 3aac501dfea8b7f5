using FlowSight.Engine.Risk;
using FlowSight.Server.Hosting;

namespace FlowSight.Cli.Hosting;

/// <summary>What <c>flowsight demo</c> runs (see <see cref="DemoHost"/>).</summary>
internal sealed record DemoOptions
{
    /// <summary>The dashboard's port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; } = 8080;

    /// <summary>Seed of the synthetic markets.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>A Binance recording (flowsight record) that drives the Binance venue's market instead of the synthetic one.</summary>
    public string? ReplayFile { get; init; }

    /// <summary>Simulated seconds per second of both venues' markets.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Synthetic history each venue generates before it opens (its trades and klines seed the charts).</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The demo user's name (role admin).</summary>
    public string UserName { get; init; } = "demo";

    /// <summary>The demo user's password.</summary>
    public string Password { get; init; } = "demo";

    /// <summary>Users besides the demo user, with hashed passwords (<c>PasswordHashes.Hash</c>); tests add a viewer and a trader.</summary>
    public IReadOnlyList<ServerUser> ExtraUsers { get; init; } = [];

    /// <summary>How long the books may take to sync and the first trade to arrive.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>The dashboard's files (null: the server's own <c>wwwroot</c>).</summary>
    public string? WebRoot { get; init; }

    /// <summary>
    /// The demo's risk limits: generous enough to trade the paper account by hand, tight enough that an outsized
    /// order is refused with its reason (the account holds 100,000 USDT).
    /// </summary>
    public RiskLimits Risk { get; init; } = new()
    {
        Defaults = new InstrumentRiskLimits
        {
            MaxOrderNotional = 250_000m,
            MaxPositionNotional = 500_000m,
            MaxOpenOrders = 50,
            PriceBandBps = 1_000m,
        },
        MaxTotalOpenOrders = 200,
        MaxOrdersPerSecond = 20,
        MaxLeverage = 20m,
        DailyLossLimit = 25_000m,
    };
}
