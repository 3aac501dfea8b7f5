using FlowSight.Core;

namespace FlowSight.Engine.Sizing;

/// <summary>What a sizer needs to know about the instrument, the price and the account.</summary>
public readonly record struct SizingRequest
{
    /// <summary>The instrument's rules (step, minimums, multiplier).</summary>
    public required Instrument Instrument { get; init; }

    /// <summary>The reference price (expected fill or mark), in the quote asset; must be positive.</summary>
    public required decimal Price { get; init; }

    /// <summary>Account equity in the quote asset (<see cref="Portfolio.IPortfolioView.Equity"/>).</summary>
    public decimal Equity { get; init; }

    /// <summary>The instrument's realised volatility, annualised (0.6 = 60 %), for volatility targeting.</summary>
    public decimal? RealizedVolatility { get; init; }
}
