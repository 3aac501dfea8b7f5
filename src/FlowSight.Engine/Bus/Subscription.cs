using FlowSight.Core;

namespace FlowSight.Engine.Bus;

/// <summary>How a handler subscribes: which instrument, which events, in what order.</summary>
/// <typeparam name="T">The event type.</typeparam>
public sealed record Subscription<T>
    where T : notnull
{
    /// <summary>A name for statistics and errors, e.g. <c>order-book</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Only events about this instrument; <c>null</c> for every instrument.</summary>
    public InstrumentId? Instrument { get; init; }

    /// <summary>Only events this filter accepts; <c>null</c> for all.</summary>
    public EventFilter<T>? Filter { get; init; }

    /// <summary>Higher priorities run first; equal priorities run in subscription order.</summary>
    public int Priority { get; init; }
}
