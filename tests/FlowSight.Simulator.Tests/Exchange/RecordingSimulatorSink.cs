using FlowSight.Core;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Exchange;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Tests.Exchange;

/// <summary>Keeps every exchange event in arrival order, typed and as text (for stream comparisons).</summary>
internal sealed class RecordingSimulatorSink : ISimulatorEventSink
{
    public List<object> Events { get; } = [];

    public IEnumerable<T> Of<T>() => Events.OfType<T>();

    public IEnumerable<OrderEvent> Orders(int accountId) => Of<OrderEvent>().Where(e => e.AccountId == accountId);

    public IEnumerable<string> Lines => Events.Select(e => e.ToString()!);

    public void OnOrderEvent(in OrderEvent orderEvent) => Events.Add(orderEvent);

    public void OnTrade(in TradeTick trade) => Events.Add(trade);

    public void OnBookLevel(InstrumentId instrument, OrderSide side, Price price, Quantity total, long timestamp) =>
        Events.Add((instrument, side, price, total, timestamp));

    public void OnBalanceUpdate(in BalanceUpdate update) => Events.Add(update);

    public void OnPositionUpdate(in PositionUpdate update) => Events.Add(update);

    public void OnFundingPayment(in FundingPayment payment) => Events.Add(payment);

    public void OnLiquidation(in LiquidationEvent liquidation) => Events.Add(liquidation);
}
