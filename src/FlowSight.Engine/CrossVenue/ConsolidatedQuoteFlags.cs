namespace FlowSight.Engine.CrossVenue;

/// <summary>Which sides a <see cref="ConsolidatedQuote"/> has and how they stand.</summary>
[Flags]
public enum ConsolidatedQuoteFlags : byte
{
    /// <summary>No side: no live venue quotes the instrument.</summary>
    None = 0,

    /// <summary>A best bid exists.</summary>
    HasBid = 1,

    /// <summary>A best ask exists.</summary>
    HasAsk = 2,

    /// <summary>The best bid is above the best ask (negative spread): buying on one venue and selling on the other gains before fees.</summary>
    Crossed = 4,

    /// <summary>The best bid equals the best ask (zero spread).</summary>
    Locked = 8,
}
