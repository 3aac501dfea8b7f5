using FlowSight.Core;
using FlowSight.Simulator.Markets;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Tests.Markets.Synthetic;

/// <summary>Counts reports without keeping them.</summary>
internal sealed class CountingListener : IMarketListener
{
    public long Events { get; private set; }

    public void OnOrderEvent(in OrderEvent orderEvent) => Events++;

    public void OnTrade(in TradeTick trade) => Events++;

    public void OnBookLevel(InstrumentId instrument, OrderSide side, Price price, Quantity total, long timestamp) => Events++;
}
