using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Venues.Binance.Book;

namespace FlowSight.Venues.Binance.Replay;

/// <summary>One instrument of a <see cref="BinanceReplay"/>: its synchronizer, book and counters.</summary>
public sealed class BinanceReplayBook
{
    private readonly BookTickerCheck _tickers = new();
    private readonly Func<long> _unattributedMalformed;

    internal BinanceReplayBook(BinanceDepthSynchronizer synchronizer, Func<long> unattributedMalformed)
    {
        Synchronizer = synchronizer;
        _unattributedMalformed = unattributedMalformed;
        synchronizer.Applied += OnApplied;
    }

    /// <summary>The instrument.</summary>
    public InstrumentId Instrument => Synchronizer.Instrument;

    /// <summary>The synchronizer that kept the book (its counters, state and last failure).</summary>
    public BinanceDepthSynchronizer Synchronizer { get; }

    /// <summary>The rebuilt book, or null when no snapshot was ever applied.</summary>
    public L2OrderBook? Book => Synchronizer.Book;

    /// <summary>True when the recording ended with the book in sync.</summary>
    public bool IsSynced => Synchronizer.IsSynced;

    /// <summary>The update id the book reached.</summary>
    public long LastUpdateId => Synchronizer.LastUpdateId;

    /// <summary>The last bookTicker that disagreed with the book, if any (diagnostics).</summary>
    public QuoteTick? LastTickerMismatch => _tickers.LastMismatch;

    /// <summary>The replay's counters for this instrument.</summary>
    public BinanceReplayStatistics Statistics
    {
        get
        {
            var c = Synchronizer.Counters;
            return new BinanceReplayStatistics(
                Frames,
                c.DiffsApplied,
                c.DiffsDropped,
                c.Gaps,
                c.Resyncs,
                c.Crossed,
                _tickers.Checked,
                _tickers.Mismatched,
                Malformed + _unattributedMalformed());
        }
    }

    internal long Frames { get; set; }

    internal long Malformed { get; set; }

    internal void OnTicker(in QuoteTick quote) => _tickers.OnTicker(quote, Synchronizer.LastUpdateId);

    private void OnApplied(BookDeltas batch)
    {
        if (!batch.IsSnapshot)
        {
            _tickers.OnDiffApplied(Synchronizer.Book!, batch.LastUpdateId);
        }
    }
}
