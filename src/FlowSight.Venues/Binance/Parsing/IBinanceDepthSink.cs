using FlowSight.Core;
using FlowSight.Engine.OrderBook;

namespace FlowSight.Venues.Binance.Parsing;

/// <summary>
/// Takes <c>depthUpdate</c> diffs from a <see cref="BinanceStreamParser"/> level by level, straight into a book,
/// instead of through a <see cref="BookDeltas"/> batch (set <see cref="BinanceStreamParser.DepthSink"/>): the fused
/// path, which skips writing and re-reading a 72-byte <see cref="BookDelta"/> per level. A diff the sink does not
/// take (<see cref="BeginDiff"/> returns null) is parsed into <see cref="BinanceStreamParser.Deltas"/> as usual.
/// </summary>
/// <remarks>
/// Order of calls for one frame: <see cref="BeginDiff"/> once the header is read; if it returned a book, the levels go
/// into it as they are read, then exactly one of <see cref="EndDiff"/> (the whole frame was valid) or
/// <see cref="AbortDiff"/> (it was not: some of its levels may already be in the book); after an
/// <see cref="EndDiff"/> that returned true, one <see cref="Retain"/> with the diff's levels.
/// </remarks>
public interface IBinanceDepthSink
{
    /// <summary>
    /// The diff's header, before its first level. Returns the book its levels should go into, or null to leave the
    /// diff to <see cref="BinanceStreamParser.Deltas"/> (it will be passed on as usual). <paramref name="keepLevels"/>
    /// asks for the levels to be written to <see cref="BinanceStreamParser.Deltas"/> as well (for listeners).
    /// </summary>
    L2OrderBook? BeginDiff(in BinanceDiffHeader header, out bool keepLevels);

    /// <summary>
    /// The frame was valid and every level is in the book. <paramref name="diff"/> has the header (and the levels if
    /// they were kept); <paramref name="levelsValid"/> is false when the book refused a level. Returns true when the
    /// sink needs the diff's levels after all (it failed after applying and keeps failed diffs): <see cref="Retain"/> follows.
    /// </summary>
    bool EndDiff(BookDeltas diff, bool levelsValid);

    /// <summary>The frame turned out malformed after <see cref="BeginDiff"/> returned a book: it may hold part of the diff.</summary>
    void AbortDiff();

    /// <summary>The diff of the last <see cref="EndDiff"/> with its levels, when that returned true.</summary>
    void Retain(BookDeltas diff);

    /// <summary>
    /// Top first: asked after <see cref="BeginDiff"/> returned a book (and did not ask to keep the levels). N &gt; 0
    /// lets the parser apply first the levels that can change the best N of each side, call
    /// <see cref="OnTopApplied"/>, then apply the rest; 0 (the default) applies the diff in the frame's order.
    /// </summary>
    int TopFirstDepth => 0;

    /// <summary>
    /// Top first: the best <see cref="TopFirstDepth"/> levels of each side of the book are final for this diff, the
    /// rest of its levels are not applied yet (<see cref="L2OrderBook.HasDeferredRest"/>): reading deeper, or
    /// writing, applies them first. <see cref="EndDiff"/> or <see cref="AbortDiff"/> follows as usual.
    /// </summary>
    void OnTopApplied(L2OrderBook book)
    {
    }
}
