using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Markets;

/// <summary>What a <see cref="ISimulatedMarket"/> reports, synchronously, on the caller's thread.</summary>
public interface IMarketListener
{
    /// <summary>An order changed (accepted, filled, canceled, expired, rejected, amended, triggered).</summary>
    void OnOrderEvent(in OrderEvent orderEvent);

    /// <summary>A public trade (one per maker fill), for the market-data feed and for stop triggers.</summary>
    void OnTrade(in TradeTick trade);

    /// <summary>An aggregated book level changed to <paramref name="total"/> (zero: the level is gone), for depth feeds.</summary>
    void OnBookLevel(InstrumentId instrument, OrderSide side, Price price, Quantity total, long timestamp);
}
