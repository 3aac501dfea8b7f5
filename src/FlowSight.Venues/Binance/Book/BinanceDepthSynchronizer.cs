using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Venues.Binance.Parsing;
using FlowSight.Venues.Data;

namespace FlowSight.Venues.Binance.Book;

/// <summary>
/// Keeps one instrument's <see cref="L2OrderBook"/> in sync with Binance's depth stream by the documented procedure
/// ("How to manage a local order book correctly", spot and USDⓈ-M/COIN-M), as pure logic: no I/O, no clock, no
/// threads. The owner feeds parsed diffs (<see cref="OnDiff"/>) and REST snapshots (<see cref="OnSnapshot"/>) and
/// fetches a snapshot whenever <see cref="SnapshotRequested"/> fires.
/// </summary>
/// <remarks>
/// <para>The procedure: buffer diffs until a snapshot arrives; drop the diffs it already covers (spot <c>u &lt;=
/// lastUpdateId</c>, futures <c>u &lt; lastUpdateId</c>); the first diff applied must straddle it (spot
/// <c>U &lt;= lastUpdateId + 1 &lt;= u</c>, futures <c>U &lt;= lastUpdateId &lt;= u</c>); after that each diff must
/// continue the chain (spot <c>U == previous u + 1</c>, futures and COIN-M <c>pu == previous u</c>). A break in
/// the chain, a crossed book after a complete diff or an invalid message marks the book out of sync: it is
/// reported through <see cref="OutOfSync"/>, diffs are buffered again (bounded: see
/// <see cref="BinanceDepthSynchronizerOptions.MaxBufferedDiffs"/>) and a new snapshot is requested.</para>
/// <para>One synchronizer per instrument, so one instrument's resync never holds up another. Not thread-safe: call
/// it from one thread (the connection's receive thread, or the engine's). Allocation-free once synced; while
/// buffering it copies diffs into arrays that grow up to the configured bounds and are then reused.</para>
/// <para>The fused path: set it as the parser's <see cref="BinanceStreamParser.DepthSink"/> and a diff that the
/// procedure would apply goes from the frame straight into the book (the chain is checked on the header, before the
/// levels); anything else — buffering, dropping, gaps — still comes through <see cref="OnDiff"/> as usual, and the
/// parser's <see cref="BinanceStreamParser.DiffTaken"/> says which. The book ends up the same either way.</para>
/// </remarks>
public sealed class BinanceDepthSynchronizer : IBinanceDepthSink
{
    private readonly BookUpdateBuffer _buffer;
    private readonly BookDeltas _replay = new(1024);
    private readonly BinanceDepthSynchronizerOptions _options;
    private L2OrderBook? _book;
    private long _lastApplied;
    private BinanceDiffHeader _taking; // the header of the diff the parser is writing into the book (fused path)
    private bool _isTaking;
    private int _topDepth = 1;

    /// <summary>Creates a synchronizer in <see cref="BinanceDepthSyncState.AwaitingSnapshot"/>. Call <see cref="Start"/> to raise the first snapshot request.</summary>
    public BinanceDepthSynchronizer(BinanceDepthSynchronizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _book = options.Book;
        _buffer = new BookUpdateBuffer(options.MaxBufferedDiffs, options.MaxBufferedLevels);
        IsFutures = options.Market.IsFutures();
    }

    /// <summary>Raised (synchronously, on the calling thread) when a snapshot is needed: fetch one and pass it to <see cref="OnSnapshot"/>.</summary>
    public event Action<InstrumentId>? SnapshotRequested;

    /// <summary>Raised (synchronously) when the book goes out of sync, with the reason; a <see cref="SnapshotRequested"/> follows.</summary>
    public event Action<BinanceDepthOutOfSync>? OutOfSync;

    /// <summary>
    /// Raised after each message is applied to the book: the snapshot (with <see cref="BookDeltas.IsSnapshot"/>) and
    /// then each diff, in chain order — buffered diffs included. The batch is reused: copy what you keep.
    /// </summary>
    public event Action<BookDeltas>? Applied;

    /// <summary>
    /// Top first (the fused path only): raised on the parsing thread, in the middle of a diff, once the levels that can
    /// change the best <see cref="TopDepth"/> levels of each side are in the book and the book is not crossed; the
    /// rest of the diff is applied when the handler returns, or as soon as it reads deeper than those levels or
    /// writes (<see cref="L2OrderBook.DeferRest"/>). For a strategy that reacts to the top of the book without waiting
    /// for a diff's deep levels. The diff may still turn out malformed after it (the book then resyncs as usual).
    /// Not raised while <see cref="Applied"/> has listeners (they need the levels in the frame's order).
    /// </summary>
    public event Action<L2OrderBook>? TopApplied;

    /// <summary>Levels per side that <see cref="TopApplied"/> handlers may read (1 … 256); 1 by default: the best bid and ask.</summary>
    public int TopDepth
    {
        get => _topDepth;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 256);
            _topDepth = value;
        }
    }

    /// <summary>The instrument.</summary>
    public InstrumentId Instrument => _options.Instrument;

    /// <summary>The market (decides the chain rule).</summary>
    public BinanceMarket Market => _options.Market;

    /// <summary>The book, or null until the first snapshot when the options gave none.</summary>
    public L2OrderBook? Book => _book;

    /// <summary>Where the procedure stands.</summary>
    public BinanceDepthSyncState State { get; private set; }

    /// <summary>True when the book follows the stream (a snapshot and a verified chain of diffs since).</summary>
    public bool IsSynced => State == BinanceDepthSyncState.Synced;

    /// <summary>True from a snapshot request until a snapshot arrives.</summary>
    public bool IsSnapshotPending { get; private set; }

    /// <summary>The last update id the book reflects (the snapshot's <c>lastUpdateId</c> or the last applied <c>u</c>); 0 before any snapshot.</summary>
    public long LastUpdateId => _lastApplied;

    /// <summary>Diffs waiting for a snapshot.</summary>
    public int BufferedDiffs => _buffer.Count;

    /// <summary>The update ids the buffered diffs span (oldest <c>U</c>, newest <c>u</c>); false when none is buffered.</summary>
    public bool TryGetBufferedRange(out long firstUpdateId, out long lastUpdateId)
    {
        bool any = _buffer.Count > 0;
        firstUpdateId = any ? _buffer.OldestFirstUpdateId : 0;
        lastUpdateId = any ? _buffer.NewestLastUpdateId : 0;
        return any;
    }

    /// <summary>What has happened so far.</summary>
    public BinanceDepthSyncCounters Counters { get; } = new();

    /// <summary>The last reason the book went out of sync, if it ever did.</summary>
    public BinanceDepthOutOfSync? LastFailure { get; private set; }

    private bool IsFutures { get; }

    /// <summary>Requests the first snapshot (raises <see cref="SnapshotRequested"/>) unless one is already pending.</summary>
    public void Start()
    {
        if (!IsSnapshotPending && State == BinanceDepthSyncState.AwaitingSnapshot)
        {
            RequestSnapshot();
        }
    }

    /// <summary>
    /// Marks the book out of sync on the owner's word — after a reconnect, diffs may have been missed — and requests a
    /// new snapshot. Reported as <see cref="BinanceDepthSyncFailure.Requested"/>.
    /// </summary>
    public void Resync() => Fail(BinanceDepthSyncFailure.Requested, 0, 0, -1, countResync: State != BinanceDepthSyncState.AwaitingSnapshot);

    /// <summary>Feeds one parsed depth diff (<see cref="BookDeltas.FirstUpdateId"/> = <c>U</c>, <see cref="BookDeltas.LastUpdateId"/> = <c>u</c>, <see cref="BookDeltas.PreviousUpdateId"/> = <c>pu</c>).</summary>
    public BinanceDepthResult OnDiff(BookDeltas diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        Counters.Diffs++;
        if (State == BinanceDepthSyncState.AwaitingSnapshot)
        {
            Buffer(diff);
            return BinanceDepthResult.Buffered;
        }

        var result = Process(diff);
        if (result == BinanceDepthResult.OutOfSync)
        {
            Buffer(diff); // it follows the gap: the next snapshot may need it
        }

        return result;
    }

    /// <summary>
    /// Feeds a parsed REST depth snapshot (<see cref="BookDeltas.IsSnapshot"/>, <see cref="BookDeltas.LastUpdateId"/> =
    /// <c>lastUpdateId</c>). It replaces the book and replays the buffered diffs when the synchronizer is waiting for
    /// one; a snapshot nobody asked for while synced, or older than the book, is ignored.
    /// </summary>
    public BinanceDepthResult OnSnapshot(BookDeltas snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Counters.Snapshots++;
        if (State != BinanceDepthSyncState.AwaitingSnapshot && (!IsSnapshotPending || snapshot.LastUpdateId <= _lastApplied))
        {
            Counters.SnapshotsIgnored++;
            return BinanceDepthResult.Ignored;
        }

        IsSnapshotPending = false;
        var book = _book ??= CreateBook(snapshot);
        if (!book.Apply(snapshot))
        {
            Counters.Invalid++;
            Fail(BinanceDepthSyncFailure.InvalidMessage, 0, 0, -1, countResync: false);
            return BinanceDepthResult.OutOfSync;
        }

        _lastApplied = snapshot.LastUpdateId;
        State = BinanceDepthSyncState.AwaitingFirstDiff;
        Applied?.Invoke(snapshot);
        DrainBuffer();
        return State == BinanceDepthSyncState.AwaitingSnapshot ? BinanceDepthResult.OutOfSync : BinanceDepthResult.Applied;
    }

    /// <inheritdoc/>
    L2OrderBook? IBinanceDepthSink.BeginDiff(in BinanceDiffHeader header, out bool keepLevels)
    {
        keepLevels = Applied is not null;
        _isTaking = false;
        if (header.Instrument != Instrument || State == BinanceDepthSyncState.AwaitingSnapshot || _book is null
            || Check(header.FirstUpdateId, header.LastUpdateId, header.PreviousUpdateId, out _) != BinanceDepthResult.Applied)
        {
            return null; // OnDiff will buffer, drop or fail it exactly as before
        }

        _isTaking = true;
        _taking = header;
        return _book;
    }

    /// <inheritdoc/>
    bool IBinanceDepthSink.EndDiff(BookDeltas diff, bool levelsValid)
    {
        if (!_isTaking)
        {
            throw new InvalidOperationException("EndDiff without a diff begun.");
        }

        _isTaking = false;
        Counters.Diffs++;
        Counters.DiffsFused++;
        var book = _book!;
        book.LastUpdateId = _taking.LastUpdateId;
        book.LastEventTime = _taking.EventTime;
        return Complete(diff, levelsValid) == BinanceDepthResult.OutOfSync;
    }

    /// <inheritdoc/>
    void IBinanceDepthSink.AbortDiff()
    {
        if (!_isTaking)
        {
            return;
        }

        // Part of the frame may be in the book: it cannot be trusted any more.
        _isTaking = false;
        Counters.Diffs++;
        Counters.Invalid++;
        Fail(BinanceDepthSyncFailure.InvalidMessage, _taking.FirstUpdateId, _taking.LastUpdateId, _taking.PreviousUpdateId, countResync: true);
    }

    /// <inheritdoc/>
    void IBinanceDepthSink.Retain(BookDeltas diff) => Buffer(diff);

    /// <inheritdoc/>
    int IBinanceDepthSink.TopFirstDepth => TopApplied is not null && Applied is null ? _topDepth : 0;

    /// <inheritdoc/>
    void IBinanceDepthSink.OnTopApplied(L2OrderBook book)
    {
        // A crossed top fails the diff once it is complete: nobody should act on it.
        if (_isTaking && ReferenceEquals(book, _book) && !book.IsCrossed)
        {
            book.LastUpdateId = _taking.LastUpdateId;
            book.LastEventTime = _taking.EventTime;
            TopApplied?.Invoke(book);
        }
    }

    private L2OrderBook CreateBook(BookDeltas snapshot)
    {
        byte pricePrecision = _options.PricePrecision ?? 0;
        byte sizePrecision = _options.SizePrecision ?? 0;
        foreach (ref readonly var delta in snapshot.Deltas)
        {
            if (delta.Action == BookAction.Set)
            {
                pricePrecision = _options.PricePrecision ?? delta.Price.Precision;
                sizePrecision = _options.SizePrecision ?? delta.Size.Precision;
                break;
            }
        }

        return new L2OrderBook(Instrument, pricePrecision, sizePrecision, _options.BookCapacity);
    }

    private void DrainBuffer()
    {
        while (_buffer.Count > 0 && State != BinanceDepthSyncState.AwaitingSnapshot)
        {
            _buffer.PeekOldest(_replay, Instrument);
            if (Process(_replay) == BinanceDepthResult.OutOfSync)
            {
                return; // the failing diff stays buffered, with the newer ones, for the next snapshot
            }

            _buffer.RemoveOldest();
        }
    }

    private BinanceDepthResult Process(BookDeltas diff)
    {
        var verdict = Check(diff.FirstUpdateId, diff.LastUpdateId, diff.PreviousUpdateId, out var failure);
        switch (verdict)
        {
            case BinanceDepthResult.Dropped:
                Counters.DiffsDropped++;
                return verdict;
            case BinanceDepthResult.OutOfSync:
                if (failure == BinanceDepthSyncFailure.InvalidMessage)
                {
                    Counters.Invalid++;
                }
                else
                {
                    Counters.Gaps++;
                }

                return Fail(failure, diff.FirstUpdateId, diff.LastUpdateId, diff.PreviousUpdateId, countResync: true);
            default:
                return Complete(diff, _book!.Apply(diff));
        }
    }

    /// <summary>
    /// The procedure's checks of a diff's ids, before its levels: <see cref="BinanceDepthResult.Applied"/> when it is
    /// to be applied, <see cref="BinanceDepthResult.Dropped"/> when the book already covers it, or
    /// <see cref="BinanceDepthResult.OutOfSync"/> with the reason. Changes nothing, so the fused path can ask first.
    /// </summary>
    private BinanceDepthResult Check(long first, long last, long previous, out BinanceDepthSyncFailure failure)
    {
        failure = BinanceDepthSyncFailure.InvalidMessage;
        if (first > last)
        {
            return BinanceDepthResult.OutOfSync;
        }

        if (State == BinanceDepthSyncState.AwaitingFirstDiff)
        {
            // Drop what the snapshot covers; the first diff kept must straddle lastUpdateId.
            bool covered = IsFutures ? last < _lastApplied : last <= _lastApplied;
            if (covered)
            {
                return BinanceDepthResult.Dropped;
            }

            // A futures snapshot taken exactly at a message boundary is followed by a diff with U > lastUpdateId whose
            // pu names the snapshot: the chain proves nothing is missing, so it bridges too (otherwise a server that
            // snapshots on boundaries, like our paper venue, would never be joined).
            long bridge = IsFutures ? _lastApplied : _lastApplied + 1;
            bool chained = IsFutures && previous == _lastApplied;
            if (first > bridge && !chained)
            {
                failure = BinanceDepthSyncFailure.SnapshotTooOld;
                return BinanceDepthResult.OutOfSync;
            }
        }
        else
        {
            if (last <= _lastApplied)
            {
                // Already reflected in the book (a replayed or duplicated message): applying it would step back.
                return BinanceDepthResult.Dropped;
            }

            bool continues = IsFutures ? previous == _lastApplied : first <= _lastApplied + 1;
            if (!continues)
            {
                failure = BinanceDepthSyncFailure.Gap;
                return BinanceDepthResult.OutOfSync;
            }
        }

        return BinanceDepthResult.Applied;
    }

    /// <summary>After a diff's levels went into the book (<paramref name="valid"/>: none refused): the checks on the result, then <see cref="Applied"/>.</summary>
    private BinanceDepthResult Complete(BookDeltas diff, bool valid)
    {
        _lastApplied = diff.LastUpdateId;
        if (!valid)
        {
            Counters.Invalid++;
            return Fail(BinanceDepthSyncFailure.InvalidMessage, diff.FirstUpdateId, diff.LastUpdateId, diff.PreviousUpdateId, countResync: true);
        }

        if (_book!.IsCrossed)
        {
            Counters.Crossed++;
            return Fail(BinanceDepthSyncFailure.Crossed, diff.FirstUpdateId, diff.LastUpdateId, diff.PreviousUpdateId, countResync: true);
        }

        State = BinanceDepthSyncState.Synced;
        Counters.DiffsApplied++;
        Applied?.Invoke(diff);
        return BinanceDepthResult.Applied;
    }

    private BinanceDepthResult Fail(BinanceDepthSyncFailure reason, long first, long last, long previous, bool countResync)
    {
        var failure = new BinanceDepthOutOfSync(Instrument, reason, _lastApplied, first, last, previous);
        LastFailure = failure;
        if (countResync)
        {
            Counters.Resyncs++;
        }

        State = BinanceDepthSyncState.AwaitingSnapshot;
        OutOfSync?.Invoke(failure);
        if (!IsSnapshotPending)
        {
            RequestSnapshot();
        }

        return BinanceDepthResult.OutOfSync;
    }

    private void RequestSnapshot()
    {
        IsSnapshotPending = true;
        Counters.SnapshotRequests++;
        SnapshotRequested?.Invoke(Instrument);
    }

    private void Buffer(BookDeltas diff)
    {
        int discarded = _buffer.Add(diff);
        Counters.BufferOverflows += discarded;
    }
}
