using FlowSight.Engine.Bus;
using FlowSight.Engine.CrossVenue;

namespace FlowSight.Engine.Tests.CrossVenue;

/// <summary>Keeps every consolidated quote published on a bus, in order.</summary>
internal sealed class ConsolidatedQuoteCollector : IEventHandler<ConsolidatedQuote>
{
    public List<ConsolidatedQuote> Quotes { get; } = [];

    public ConsolidatedQuote Last => Quotes[^1];

    public void Handle(in ConsolidatedQuote evt) => Quotes.Add(evt);
}
