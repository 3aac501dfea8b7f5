using FlowSight.Core;

namespace FlowSight.Engine.CrossVenue;

/// <summary>One venue's latest top of book as the <see cref="ConsolidatedQuoteBook"/> holds it, in common units.</summary>
/// <param name="Instrument">The venue instrument.</param>
/// <param name="Status">Whether it counts.</param>
/// <param name="HasBid">True when it has a bid.</param>
/// <param name="BidPrice">Its best bid, common precision.</param>
/// <param name="BidSize">The size there, normalised.</param>
/// <param name="HasAsk">True when it has an ask.</param>
/// <param name="AskPrice">Its best ask, common precision.</param>
/// <param name="AskSize">The size there, normalised.</param>
/// <param name="LastUpdate">When its last update reached the book, Unix ns on the engine's clock (0: never).</param>
public readonly record struct VenueQuote(
    InstrumentId Instrument,
    VenueQuoteStatus Status,
    bool HasBid,
    Price BidPrice,
    Quantity BidSize,
    bool HasAsk,
    Price AskPrice,
    Quantity AskSize,
    long LastUpdate)
{
    /// <summary>The venue.</summary>
    public Venue Venue => Instrument.Venue;
}
