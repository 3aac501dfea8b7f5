using FlowSight.Engine.Bus;
using FlowSight.Engine.Instruments;
using FlowSight.Engine.OrderBook;

namespace FlowSight.Engine.CrossVenue;

/// <summary>What a <see cref="ConsolidatedQuoteBook"/> reads and where it publishes.</summary>
public sealed record ConsolidatedQuoteBookOptions
{
    /// <summary>The venue instruments and their common keys and conversions.</summary>
    public required InstrumentRegistry Registry { get; init; }

    /// <summary>The bus <see cref="ConsolidatedQuote"/> events go to (the engine's bus).</summary>
    public required EventBus Bus { get; init; }

    /// <summary>The engine's books, whose tops feed the consolidated quote; null to use quote ticks only.</summary>
    public OrderBookManager? Books { get; init; }

    /// <summary>The engine's clock (a simulated one in backtests).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>A venue with no update for this long is left out until it updates again.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(5);
}
