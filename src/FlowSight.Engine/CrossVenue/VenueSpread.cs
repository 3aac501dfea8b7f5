using FlowSight.Core;

namespace FlowSight.Engine.CrossVenue;

/// <summary>
/// Selling on one venue against buying on another: the bid of <see cref="BidInstrument"/> minus the ask of
/// <see cref="AskInstrument"/>, in common units. Positive means the bid on A is above the ask on B (before fees).
/// </summary>
/// <param name="Key">The common instrument.</param>
/// <param name="BidInstrument">Venue A, where one would sell at the bid.</param>
/// <param name="BidPrice">A's best bid, common precision.</param>
/// <param name="AskInstrument">Venue B, where one would buy at the ask.</param>
/// <param name="AskPrice">B's best ask, common precision.</param>
/// <param name="Spread">BidPrice − AskPrice.</param>
/// <param name="Size">The smaller of A's bid size and B's ask size, normalised: what both sides could trade at once.</param>
public readonly record struct VenueSpread(
    CommonInstrumentKey Key,
    InstrumentId BidInstrument,
    Price BidPrice,
    InstrumentId AskInstrument,
    Price AskPrice,
    Price Spread,
    Quantity Size);
