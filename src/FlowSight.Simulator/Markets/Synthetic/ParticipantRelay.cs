using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Markets.Synthetic;

/// <summary>Passes the engine's reports on, showing the flow its participants' order events on the way.</summary>
internal sealed class ParticipantRelay(IMarketListener listener) : IMarketListener
{
    public SyntheticOrderFlow? Flow { get; set; }

    public void OnOrderEvent(in OrderEvent orderEvent)
    {
        Flow?.OnOrderEvent(orderEvent);
        listener.OnOrderEvent(orderEvent);
    }

    public void OnTrade(in TradeTick trade) => listener.OnTrade(trade);

    public void OnBookLevel(InstrumentId instrument, OrderSide side, Price price, Quantity total, long timestamp) =>
        listener.OnBookLevel(instrument, side, price, total, timestamp);
}
