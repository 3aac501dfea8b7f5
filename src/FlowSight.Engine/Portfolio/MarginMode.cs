namespace FlowSight.Engine.Portfolio;

/// <summary>How a derivatives position is margined.</summary>
public enum MarginMode : byte
{
    /// <summary>The whole cross wallet backs every cross position (Binance's default).</summary>
    Cross = 0,

    /// <summary>Only the margin put into the position backs it.</summary>
    Isolated = 1,
}
