namespace FlowSight.Simulator.Orders;

/// <summary>
/// Which price a stop or take-profit watches for its trigger (Binance <c>workingType</c>; OKX <c>triggerPxType</c>
/// last / mark).
/// </summary>
public enum WorkingType : byte
{
    /// <summary>The last traded price on this market (Binance <c>CONTRACT_PRICE</c>, the default).</summary>
    ContractPrice = 0,

    /// <summary>The mark price, fed to the market by the exchange (Binance <c>MARK_PRICE</c>).</summary>
    MarkPrice = 1,
}
