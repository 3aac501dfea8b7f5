namespace FlowSight.Simulator.Accounts;

/// <summary>How a derivatives position is margined (Binance <c>marginType</c>, OKX <c>mgnMode</c>).</summary>
public enum MarginType : byte
{
    /// <summary>The whole cross wallet backs every cross position; a liquidation takes the cross wallet.</summary>
    Cross = 0,

    /// <summary>The position has its own isolated wallet; a liquidation takes only that.</summary>
    Isolated = 1,
}
