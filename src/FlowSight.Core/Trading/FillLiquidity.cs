namespace FlowSight.Core;

/// <summary>Whether a fill added liquidity (maker) or took it (taker).</summary>
public enum FillLiquidity : byte
{
    /// <summary>The venue did not say.</summary>
    Unknown = 0,

    /// <summary>Resting order filled: maker fee.</summary>
    Maker = 1,

    /// <summary>Aggressing order: taker fee.</summary>
    Taker = 2,
}
