namespace FlowSight.Engine.Portfolio;

/// <summary>How the portfolio values and samples the account.</summary>
public sealed record PortfolioOptions
{
    /// <summary>The currency equity, PnL and notionals are reported in.</summary>
    public string ValuationCurrency { get; init; } = "USDT";

    /// <summary>How often equity is sampled into <see cref="Portfolio.EquityCurve"/> (at most once per interval).</summary>
    public TimeSpan EquitySampleInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The most equity samples kept; older ones are dropped.</summary>
    public int EquityCurveCapacity { get; init; } = 10_080;

    /// <summary>Leverage assumed for an instrument until set or reported (Binance's default is 20×).</summary>
    public int DefaultLeverage { get; init; } = 20;
}
