using FlowSight.Core;
using FlowSight.Simulator.Markets;
using FlowSight.Simulator.Matching;

namespace FlowSight.Simulator.Exchange;

/// <summary>Creates the market of one instrument for a <see cref="SimulatedExchange"/>, reporting to the exchange and asking its accounts.</summary>
/// <param name="instrument">The instrument.</param>
/// <param name="listener">The exchange: every market event must reach it.</param>
/// <param name="admission">The exchange's accounts.</param>
/// <param name="orderIds">The exchange's order id sequence, shared with liquidation orders.</param>
public delegate ISimulatedMarket MarketFactory(Instrument instrument, IMarketListener listener, IOrderAdmission admission, IdSequence orderIds);
