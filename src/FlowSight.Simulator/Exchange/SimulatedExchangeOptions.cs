using FlowSight.Simulator.Matching;

namespace FlowSight.Simulator.Exchange;

/// <summary>How a <see cref="SimulatedExchange"/> builds its markets and numbers its orders.</summary>
public sealed record SimulatedExchangeOptions
{
    /// <summary>The defaults: a <see cref="MatchingEngine"/> per instrument, ids from 1.</summary>
    public static SimulatedExchangeOptions Default { get; } = new();

    /// <summary>Creates each instrument's market; null for a <see cref="MatchingEngine"/> sharing the exchange's id sequences.</summary>
    public MarketFactory? MarketFactory { get; init; }

    /// <summary>The first order id (order ids increase across instruments, liquidation orders included).</summary>
    public long FirstOrderId { get; init; } = 1;
}
