namespace FlowSight.Core;

/// <summary>Which side took liquidity in a trade.</summary>
public enum AggressorSide : byte
{
    /// <summary>The venue does not say (e.g. auctions, block trades).</summary>
    None = 0,

    /// <summary>The buyer was the taker (Binance <c>m=false</c>).</summary>
    Buyer = 1,

    /// <summary>The seller was the taker (Binance <c>m=true</c>: the buyer was the maker).</summary>
    Seller = 2,
}
