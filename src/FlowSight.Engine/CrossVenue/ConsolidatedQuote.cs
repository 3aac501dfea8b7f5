using FlowSight.Core;

namespace FlowSight.Engine.CrossVenue;

/// <summary>
/// The best bid and offer of one common instrument across venues, published on the engine bus by the
/// <see cref="ConsolidatedQuoteBook"/> whenever any field but the times changes. Prices are at the key's common price
/// precision and sizes in the key's common size asset (base units; quote currency for inverse contracts) at its common
/// size precision, so venues quoting contracts compare with venues quoting coins.
/// </summary>
/// <param name="Key">The common instrument, e.g. <c>BTC/USDT-PERP</c>.</param>
/// <param name="BidPrice">The highest bid among live venues.</param>
/// <param name="BidSize">The quantity at that bid on its venue, normalised.</param>
/// <param name="BidInstrument">The venue instrument of the best bid (its venue is <see cref="BidVenue"/>); default when there is no bid.</param>
/// <param name="AskPrice">The lowest ask among live venues.</param>
/// <param name="AskSize">The quantity at that ask on its venue, normalised.</param>
/// <param name="AskInstrument">The venue instrument of the best ask; default when there is no ask.</param>
/// <param name="Spread">Best ask − best bid across venues; negative when crossed. Zero when a side is missing.</param>
/// <param name="Flags">Sides present, crossed, locked.</param>
/// <param name="Venues">Venues contributing (live, with a quote).</param>
/// <param name="StaleVenues">Venues left out because they are stale (no update for too long, or marked stale).</param>
/// <param name="EventTime">The venue event time of the update that caused this quote, Unix ns (0 after a staleness check).</param>
/// <param name="Time">When it was computed, Unix ns on the engine's clock.</param>
public readonly record struct ConsolidatedQuote(
    CommonInstrumentKey Key,
    Price BidPrice,
    Quantity BidSize,
    InstrumentId BidInstrument,
    Price AskPrice,
    Quantity AskSize,
    InstrumentId AskInstrument,
    Price Spread,
    ConsolidatedQuoteFlags Flags,
    byte Venues,
    byte StaleVenues,
    long EventTime,
    long Time)
{
    /// <summary>The venue of the best bid.</summary>
    public Venue BidVenue => BidInstrument.Venue;

    /// <summary>The venue of the best ask.</summary>
    public Venue AskVenue => AskInstrument.Venue;

    /// <summary>True when both sides exist.</summary>
    public bool IsTwoSided => (Flags & (ConsolidatedQuoteFlags.HasBid | ConsolidatedQuoteFlags.HasAsk)) == (ConsolidatedQuoteFlags.HasBid | ConsolidatedQuoteFlags.HasAsk);

    /// <summary>True when the best bid is above the best ask: an arbitrage between venues, before fees.</summary>
    public bool IsCrossed => (Flags & ConsolidatedQuoteFlags.Crossed) != 0;

    /// <summary>True when this quote equals <paramref name="other"/> in everything but the times (same top, same venues).</summary>
    public bool SameTopAs(in ConsolidatedQuote other) =>
        Key == other.Key
        && Flags == other.Flags
        && Venues == other.Venues
        && StaleVenues == other.StaleVenues
        && BidInstrument == other.BidInstrument
        && AskInstrument == other.AskInstrument
        && BidPrice.Raw == other.BidPrice.Raw && BidPrice.Precision == other.BidPrice.Precision
        && AskPrice.Raw == other.AskPrice.Raw && AskPrice.Precision == other.AskPrice.Precision
        && BidSize.Raw == other.BidSize.Raw && BidSize.Precision == other.BidSize.Precision
        && AskSize.Raw == other.AskSize.Raw && AskSize.Precision == other.AskSize.Precision;
}
