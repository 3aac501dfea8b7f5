namespace FlowSight.PaperVenue.Okx.Trading;

/// <summary>
/// What OKX keeps of one conditional (algo) order beyond the simulator's stop order: its <c>algoId</c>,
/// <c>algoClOrdId</c>, whether it is a take-profit or a stop-loss, the trigger price type and the order price as sent
/// (<c>-1</c> for market), and why it failed if it did.
/// </summary>
internal sealed class OkxAlgoOrder
{
    /// <summary>OKX's algo id (never an <c>ordId</c>).</summary>
    public required long AlgoId { get; init; }

    /// <summary>The simulator's order: the regular order's <c>ordId</c> once triggered.</summary>
    public long OrderId { get; set; }

    /// <summary>The <c>algoClOrdId</c> sent, empty when none.</summary>
    public required string AlgoClOrdId { get; init; }

    /// <summary>True for <c>tpTriggerPx</c>/<c>tpOrdPx</c>, false for <c>slTriggerPx</c>/<c>slOrdPx</c>.</summary>
    public required bool TakeProfit { get; init; }

    /// <summary><c>last</c> or <c>mark</c>.</summary>
    public required string TriggerPxType { get; init; }

    /// <summary>The order price as sent: <c>-1</c> for a market order.</summary>
    public required string OrdPx { get; init; }

    /// <summary>The <c>tag</c> sent.</summary>
    public string Tag { get; init; } = string.Empty;

    /// <summary><c>cross</c> or <c>isolated</c>.</summary>
    public string TdMode { get; init; } = "cross";

    /// <summary>The code of the failure when the triggered order could not be placed (<c>order_failed</c>), else empty.</summary>
    public string FailCode { get; set; } = string.Empty;
}
