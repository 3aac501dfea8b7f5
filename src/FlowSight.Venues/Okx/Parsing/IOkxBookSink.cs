using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Venues.Okx.Book;

namespace FlowSight.Venues.Okx.Parsing;

/// <summary>
/// Takes OKX <c>books</c> updates from an <see cref="OkxStreamParser"/> level by level, straight into a book, instead
/// of through a <see cref="BookDeltas"/> batch (set <see cref="OkxStreamParser.BookSink"/>): the fused path, which
/// skips writing and re-reading a 72-byte <see cref="BookDelta"/> per level. An update the sink does not take
/// (<see cref="BeginUpdate"/> returns null), every snapshot and every frame outside the parser's fast layout are
/// parsed into <see cref="OkxStreamParser.Deltas"/> as usual.
/// </summary>
/// <remarks>
/// OKX sends <c>seqId</c>, <c>prevSeqId</c> and <c>checksum</c> after the levels, so the parser reads that trailer
/// first (from the frame's end) and calls <see cref="BeginUpdate"/> with it before the first level. If it returned a
/// book, the levels go into it as they are read, then, once <see cref="OkxStreamParser.Parse"/> has finished the frame,
/// exactly one of <see cref="EndUpdate"/> (every level of a valid frame is in the book) or <see cref="AbortUpdate"/>
/// (the frame was malformed: part of it may be in the book).
/// </remarks>
public interface IOkxBookSink
{
    /// <summary>
    /// The update's header, before its first level. Returns the book its levels should go into, or null to leave the
    /// update to <see cref="OkxStreamParser.Deltas"/>. <paramref name="keepLevels"/> asks for the levels to be
    /// written to <see cref="OkxStreamParser.Deltas"/> as well (for listeners).
    /// </summary>
    L2OrderBook? BeginUpdate(in OkxUpdateHeader header, out bool keepLevels);

    /// <summary>
    /// Every level of the update is in the book. <paramref name="update"/> has the header (and the levels if they were
    /// kept); <paramref name="levelsValid"/> is false when the book refused a level.
    /// </summary>
    void EndUpdate(BookDeltas update, bool levelsValid);

    /// <summary>The frame turned out malformed after <see cref="BeginUpdate"/> returned a book: it may hold part of the update.</summary>
    void AbortUpdate();

    /// <summary>
    /// The checksum memory of the book <see cref="BeginUpdate"/> just returned, or null: the parser gives it the
    /// <c>price:size:</c> part of each level it sets from the frame's own text, so the checksum does not format them again.
    /// </summary>
    internal OkxBookChecksum? LevelTextChecksum => null;
}
