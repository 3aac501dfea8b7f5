namespace FlowSight.Core;

/// <summary>What kind of market an instrument is.</summary>
public enum InstrumentKind : byte
{
    /// <summary>Spot: buy and sell the base asset for the quote asset.</summary>
    Spot = 1,

    /// <summary>A perpetual future (swap) with periodic funding and no expiry.</summary>
    Perpetual = 2,

    /// <summary>A future that settles at a fixed expiry.</summary>
    DatedFuture = 3,
}
