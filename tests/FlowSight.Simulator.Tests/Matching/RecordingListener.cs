using FlowSight.Core;
using FlowSight.Simulator.Markets;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Tests.Matching;

/// <summary>Keeps everything a market reported, in order.</summary>
internal sealed class RecordingListener : IMarketListener
{
    public List<OrderEvent> Orders { get; } = [];

    public List<TradeTick> Trades { get; } = [];

    public List<(OrderSide Side, Price Price, Quantity Total)> Levels { get; } = [];

    /// <summary>Called after each order event is recorded (e.g. to update positions).</summary>
    public Action<OrderEvent>? OnOrder { get; set; }

    public void OnOrderEvent(in OrderEvent orderEvent)
    {
        Orders.Add(orderEvent);
        OnOrder?.Invoke(orderEvent);
    }

    public void OnTrade(in TradeTick trade) => Trades.Add(trade);

    public void OnBookLevel(InstrumentId instrument, OrderSide side, Price price, Quantity total, long timestamp) =>
        Levels.Add((side, price, total));

    public OrderEvent Last => Orders[^1];

    public void Clear()
    {
        Orders.Clear();
        Trades.Clear();
        Levels.Clear();
    }
}
