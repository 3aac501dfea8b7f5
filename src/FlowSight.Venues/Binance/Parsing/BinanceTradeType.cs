namespace FlowSight.Venues.Binance.Parsing;

/// <summary>The futures <c>trade</c> stream's <c>X</c> field: where the print came from.</summary>
public enum BinanceTradeType : byte
{
    /// <summary>A normal trade (<c>MARKET</c>); spot trades, which have no <c>X</c>, are reported as this.</summary>
    Market = 0,

    /// <summary>A liquidation taken over by the insurance fund (<c>INSURANCE_FUND</c>); the price can be far off the market.</summary>
    InsuranceFund = 1,

    /// <summary>An auto-deleveraging fill (<c>ADL</c>).</summary>
    Adl = 2,

    /// <summary><c>NA</c>, or a value this parser does not know.</summary>
    Other = 3,
}
