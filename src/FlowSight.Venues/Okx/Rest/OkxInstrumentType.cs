namespace FlowSight.Venues.Okx.Rest;

/// <summary>OKX's <c>instType</c> values FlowSight reads.</summary>
public enum OkxInstrumentType : byte
{
    /// <summary><c>SPOT</c>.</summary>
    Spot = 1,

    /// <summary><c>SWAP</c>: perpetual swaps.</summary>
    Swap = 2,

    /// <summary><c>FUTURES</c>: dated futures.</summary>
    Futures = 3,
}
