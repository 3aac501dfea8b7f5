using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Markets;

namespace FlowSight.Simulator.Exchange;

/// <summary>
/// Everything the <see cref="SimulatedExchange"/> reports, in one ordered stream on the exchange's thread: order events
/// (with commission and realised PnL), public trades, book levels, and balance, position, funding and liquidation
/// events. A wire protocol or a backtest recorder implements it.
/// </summary>
public interface ISimulatorEventSink : IMarketListener, IAccountEventSink;
