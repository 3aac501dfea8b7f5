using FlowSight.Core;

namespace FlowSight.Engine.Sizing;

/// <summary>What a sizer needs to know about the instrument, the price and the account.</summary>
public readonly record struct SizingRequest
{
    /// <summary>The instrument's rules (step, minimums, multiplier).</summary>
    public required Instrument Instrument { get; init; }

    /// <summary>The reference price (expected fill or mark), in the quote asset; must be positive.</summary>
    public required decimal Price { get; init; }

    /// <summary>
    /// Equity of the account that trades the instrument, in the quote asset (<see cref="ForAccount"/> takes
    /// <see cref="Portfolio.IPortfolioView.AccountEquity"/>): another account's money cannot margin this order.
    /// </summary>
    public decimal Equity { get; init; }

    /// <summary>The instrument's realised volatility, annualised (0.6 = 60 %), for volatility targeting.</summary>
    public decimal? RealizedVolatility { get; init; }

    /// <summary>
    /// A request for <paramref name="instrument"/> at <paramref name="price"/> sized on the equity of the venue account
    /// that trades it (<see cref="Portfolio.IPortfolioView.AccountOf"/>), not the node's total over every account.
    /// </summary>
    public static SizingRequest ForAccount(Portfolio.IPortfolioView portfolio, Instrument instrument, decimal price, decimal? realizedVolatility = null)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(instrument);
        return new SizingRequest
        {
            Instrument = instrument,
            Price = price,
            Equity = portfolio.AccountEquity(portfolio.AccountOf(instrument.Id)),
            RealizedVolatility = realizedVolatility,
        };
    }
}
