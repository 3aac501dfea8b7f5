using FlowSight.Core;
using FlowSight.Simulator.Markets;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Tests.Markets.Synthetic;

/// <summary>Every report of a market, in order, with checks that need no market access (time order).</summary>
internal sealed class EventLog : IMarketListener
{
    public List<OrderEvent> Orders { get; } = [];

    public List<TradeTick> Trades { get; } = [];

    public List<(OrderSide Side, Price Price, Quantity Total, long Time)> Levels { get; } = [];

    public long LastTime { get; private set; } = long.MinValue;

    public int OutOfOrder { get; private set; }

    public void OnOrderEvent(in OrderEvent orderEvent)
    {
        Orders.Add(orderEvent);
        See(orderEvent.Timestamp);
    }

    public void OnTrade(in TradeTick trade)
    {
        Trades.Add(trade);
        See(trade.EventTime);
    }

    public void OnBookLevel(InstrumentId instrument, OrderSide side, Price price, Quantity total, long timestamp)
    {
        Levels.Add((side, price, total, timestamp));
        See(timestamp);
    }

    private void See(long time)
    {
        if (time < LastTime)
        {
            OutOfOrder++;
        }

        LastTime = time;
    }
}
