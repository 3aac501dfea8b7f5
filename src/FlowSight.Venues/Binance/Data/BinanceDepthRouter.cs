using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Venues.Binance.Parsing;

namespace FlowSight.Venues.Binance.Data;

/// <summary>
/// The depth sink of one connection's parser (the fused path): a connection carries several symbols, so each diff
/// goes to the synchronizer of the instrument its header names, under that feed's <see cref="Venues.Data.SnapshotBookFeed.Gate"/>.
/// </summary>
/// <remarks>
/// The lock is taken in <see cref="BeginDiff"/> before the synchronizer checks the header (a resync or snapshot
/// between the check and the levels would make them land in the wrong book state), and held while the parser writes
/// the levels. It is released when the synchronizer declines the diff, after <see cref="AbortDiff"/>, after an
/// <see cref="EndDiff"/> that needs no <see cref="Retain"/>, after <see cref="Retain"/>, and in any case by
/// <see cref="EndFrame"/>, which the caller runs once <see cref="BinanceStreamParser.Parse"/> returns or throws.
/// Used only from the connection's receive thread.
/// </remarks>
internal sealed class BinanceDepthRouter(IReadOnlyDictionary<InstrumentId, BinanceInstrumentFeed> feeds) : IBinanceDepthSink
{
    private BinanceInstrumentFeed? _held; // the feed whose Gate this thread holds
    private bool _open; // BeginDiff gave its book and neither EndDiff nor AbortDiff came yet

    /// <inheritdoc/>
    public L2OrderBook? BeginDiff(in BinanceDiffHeader header, out bool keepLevels)
    {
        keepLevels = false;
        if (!feeds.TryGetValue(header.Instrument, out var feed))
        {
            return null; // not an instrument we keep a book of: the classic path ignores it too
        }

        feed.Gate.Enter();
        _held = feed;
        L2OrderBook? book = null;
        try
        {
            book = ((IBinanceDepthSink)feed.Synchronizer).BeginDiff(header, out keepLevels);
        }
        finally
        {
            if (book is null)
            {
                Release(); // OnDiff will buffer, drop or fail it, taking the lock itself
            }
        }

        _open = book is not null;
        return book;
    }

    /// <inheritdoc/>
    public bool EndDiff(BookDeltas diff, bool levelsValid)
    {
        if (_held is not { } feed)
        {
            throw new InvalidOperationException("EndDiff without a diff begun.");
        }

        _open = false;
        var retain = false;
        try
        {
            retain = ((IBinanceDepthSink)feed.Synchronizer).EndDiff(diff, levelsValid);
            return retain;
        }
        finally
        {
            if (!retain)
            {
                Release();
            }
        }
    }

    /// <inheritdoc/>
    public void AbortDiff()
    {
        if (_held is not { } feed)
        {
            return;
        }

        _open = false;
        try
        {
            ((IBinanceDepthSink)feed.Synchronizer).AbortDiff();
        }
        finally
        {
            Release();
        }
    }

    /// <inheritdoc/>
    public void Retain(BookDeltas diff)
    {
        if (_held is not { } feed)
        {
            throw new InvalidOperationException("Retain without a diff ended.");
        }

        try
        {
            ((IBinanceDepthSink)feed.Synchronizer).Retain(diff);
        }
        finally
        {
            Release();
        }
    }

    /// <inheritdoc/>
    public int TopFirstDepth => _open && _held is { } feed ? ((IBinanceDepthSink)feed.Synchronizer).TopFirstDepth : 0;

    /// <inheritdoc/>
    public void OnTopApplied(L2OrderBook book)
    {
        if (_open && _held is { } feed)
        {
            ((IBinanceDepthSink)feed.Synchronizer).OnTopApplied(book);
        }
    }

    /// <summary>
    /// After each <see cref="BinanceStreamParser.Parse"/>, returned or thrown: a diff still open (only when the parse
    /// threw past its own handler) may be half in the book, so the synchronizer fails it; then the lock is released.
    /// </summary>
    public void EndFrame()
    {
        if (_held is not { } feed)
        {
            return;
        }

        try
        {
            if (_open)
            {
                _open = false;
                ((IBinanceDepthSink)feed.Synchronizer).AbortDiff();
            }
        }
        finally
        {
            Release();
        }
    }

    private void Release()
    {
        if (_held is { } feed)
        {
            _held = null;
            feed.Gate.Exit();
        }
    }
}
