using FlowSight.Core;

namespace FlowSight.Venues.GateIo.Rest;

/// <summary>One Gate.io spot currency pair: the core spec plus the Gate fields it does not carry.</summary>
/// <param name="Spec">The spec: tick 10^-<c>precision</c>, step 10^-<c>amount_precision</c>, minimum <c>min_base_amount</c>, minimum notional <c>min_quote_amount</c>, fee.</param>
/// <param name="TradeStatus">Gate's <c>trade_status</c>: <c>tradable</c>, <c>untradable</c>, <c>buyable</c>, <c>sellable</c>.</param>
/// <param name="FeePercent">Gate's <c>fee</c>, in percent (0.2 = 0.2 %).</param>
public sealed record GateIoCurrencyPair(Instrument Spec, string TradeStatus, decimal FeePercent)
{
    /// <summary>True when both sides trade (<c>trade_status</c> = <c>tradable</c>).</summary>
    public bool IsTradable => string.Equals(TradeStatus, "tradable", StringComparison.Ordinal);
}
