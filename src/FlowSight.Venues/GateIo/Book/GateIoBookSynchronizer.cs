using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Venues.Data;

namespace FlowSight.Venues.GateIo.Book;

/// <summary>
/// Keeps one instrument's <see cref="L2OrderBook"/> in sync with Gate.io's <c>order_book_update</c> channel (spot and
/// USDT futures alike) by Gate's documented procedure, as pure logic: no I/O, no clock, no threads. The owner feeds
/// parsed updates (<see cref="OnUpdate"/>) and REST snapshots fetched with <c>with_id=true</c>
/// (<see cref="OnSnapshot"/>) and fetches a snapshot whenever <see cref="SnapshotRequested"/> fires.
/// </summary>
/// <remarks>
/// <para>The procedure ("How to maintain local order book", Gate.io v4 spot and futures WebSocket): buffer updates
/// until a snapshot with <c>id</c> arrives; dump updates with <c>u &lt; id + 1</c>; the first update applied must
/// contain <c>id + 1</c> (<c>U &lt;= id + 1 &lt;= u</c>), else the snapshot is behind the stream and a newer one is
/// fetched; after that each update must continue the chain (<c>U == previous u + 1</c>; Gate calls
/// <c>U &gt; previous u + 1</c> lost updates). Sizes are absolute and 0 removes the price, so an update overlapping
/// the book (<c>U &lt;= previous u</c> &lt; <c>u</c>) is still safe to apply. A gap, a crossed book after a complete
/// update or an invalid message marks the book out of sync: it is reported through <see cref="OutOfSync"/>, updates
/// are buffered again (bounded) and a new snapshot is requested.</para>
/// <para>Futures sizes are contracts and stay contracts in the book. One synchronizer per instrument; not thread-safe.
/// Allocation-free once synced; while buffering it copies updates into arrays that grow up to the configured bounds
/// and are then reused.</para>
/// </remarks>
public sealed class GateIoBookSynchronizer
{
    private readonly BookUpdateBuffer _buffer;
    private readonly BookDeltas _replay = new(1024);
    private readonly GateIoBookSynchronizerOptions _options;
    private L2OrderBook? _book;
    private long _lastApplied;

    /// <summary>Creates a synchronizer in <see cref="GateIoBookSyncState.AwaitingSnapshot"/>. Call <see cref="Start"/> to raise the first snapshot request.</summary>
    public GateIoBookSynchronizer(GateIoBookSynchronizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _book = options.Book;
        _buffer = new BookUpdateBuffer(options.MaxBufferedUpdates, options.MaxBufferedLevels);
    }

    /// <summary>Raised (synchronously, on the calling thread) when a snapshot is needed: fetch one with <c>with_id=true</c> and pass it to <see cref="OnSnapshot"/>.</summary>
    public event Action<InstrumentId>? SnapshotRequested;

    /// <summary>Raised (synchronously) when the book goes out of sync, with the reason; a <see cref="SnapshotRequested"/> follows.</summary>
    public event Action<GateIoBookOutOfSync>? OutOfSync;

    /// <summary>
    /// Raised after each message is applied to the book: the snapshot (with <see cref="BookDeltas.IsSnapshot"/>) and then
    /// each update, in chain order — buffered ones included. The batch is reused: copy what you keep.
    /// </summary>
    public event Action<BookDeltas>? Applied;

    /// <summary>The instrument.</summary>
    public InstrumentId Instrument => _options.Instrument;

    /// <summary>The book, or null until the first snapshot when the options gave none.</summary>
    public L2OrderBook? Book => _book;

    /// <summary>Where the procedure stands.</summary>
    public GateIoBookSyncState State { get; private set; }

    /// <summary>True when the book follows the stream (a snapshot and a verified chain of updates since).</summary>
    public bool IsSynced => State == GateIoBookSyncState.Synced;

    /// <summary>True from a snapshot request until a snapshot arrives.</summary>
    public bool IsSnapshotPending { get; private set; }

    /// <summary>The update id the book reflects (the snapshot's <c>id</c> or the last applied <c>u</c>); 0 before any snapshot.</summary>
    public long LastUpdateId => _lastApplied;

    /// <summary>Updates waiting for a snapshot.</summary>
    public int BufferedUpdates => _buffer.Count;

    /// <summary>What has happened so far.</summary>
    public GateIoBookSyncCounters Counters { get; } = new();

    /// <summary>The last reason the book went out of sync, if it ever did.</summary>
    public GateIoBookOutOfSync? LastFailure { get; private set; }

    /// <summary>The update ids the buffered updates span (oldest <c>U</c>, newest <c>u</c>); false when none is buffered.</summary>
    public bool TryGetBufferedRange(out long firstUpdateId, out long lastUpdateId)
    {
        var any = _buffer.Count > 0;
        firstUpdateId = any ? _buffer.OldestFirstUpdateId : 0;
        lastUpdateId = any ? _buffer.NewestLastUpdateId : 0;
        return any;
    }

    /// <summary>Requests the first snapshot (raises <see cref="SnapshotRequested"/>) unless one is already pending.</summary>
    public void Start()
    {
        if (!IsSnapshotPending && State == GateIoBookSyncState.AwaitingSnapshot)
        {
            RequestSnapshot();
        }
    }

    /// <summary>
    /// Marks the book out of sync on the owner's word — after a reconnect, updates may have been missed — drops the
    /// buffered updates of the old connection and requests a new snapshot. Reported as <see cref="GateIoBookSyncFailure.Requested"/>.
    /// </summary>
    public void Resync()
    {
        _buffer.Clear();
        IsSnapshotPending = false;
        Fail(GateIoBookSyncFailure.Requested, null, countResync: State != GateIoBookSyncState.AwaitingSnapshot);
    }

    /// <summary>Feeds one parsed <c>order_book_update</c> (<see cref="BookDeltas.FirstUpdateId"/> = <c>U</c>, <see cref="BookDeltas.LastUpdateId"/> = <c>u</c>).</summary>
    public GateIoBookResult OnUpdate(BookDeltas update)
    {
        ArgumentNullException.ThrowIfNull(update);
        Counters.Updates++;
        if (State == GateIoBookSyncState.AwaitingSnapshot)
        {
            Buffer(update);
            return GateIoBookResult.Buffered;
        }

        var result = Process(update);
        if (result == GateIoBookResult.OutOfSync)
        {
            Buffer(update); // it follows the gap: the next snapshot may need it
        }

        return result;
    }

    /// <summary>
    /// Feeds a parsed REST snapshot (<see cref="BookDeltas.IsSnapshot"/>, <see cref="BookDeltas.LastUpdateId"/> = <c>id</c>).
    /// It replaces the book and replays the buffered updates when the synchronizer is waiting for one; a snapshot
    /// nobody asked for while synced, or older than the book, is ignored.
    /// </summary>
    public GateIoBookResult OnSnapshot(BookDeltas snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Counters.Snapshots++;
        if (State != GateIoBookSyncState.AwaitingSnapshot && (!IsSnapshotPending || snapshot.LastUpdateId <= _lastApplied))
        {
            Counters.SnapshotsIgnored++;
            return GateIoBookResult.Ignored;
        }

        IsSnapshotPending = false;
        var book = _book ??= CreateBook(snapshot);
        if (!book.Apply(snapshot))
        {
            Counters.Invalid++;
            Fail(GateIoBookSyncFailure.InvalidMessage, null, countResync: false);
            return GateIoBookResult.OutOfSync;
        }

        _lastApplied = snapshot.LastUpdateId;
        State = GateIoBookSyncState.AwaitingFirstUpdate;
        Applied?.Invoke(snapshot);
        DrainBuffer();
        return State == GateIoBookSyncState.AwaitingSnapshot ? GateIoBookResult.OutOfSync : GateIoBookResult.Applied;
    }

    private L2OrderBook CreateBook(BookDeltas snapshot)
    {
        var pricePrecision = _options.PricePrecision ?? 0;
        var sizePrecision = _options.SizePrecision ?? 0;
        if (_options.PricePrecision is null || _options.SizePrecision is null)
        {
            // Gate writes levels without trailing zeros, so the finest level shows the book's precision.
            foreach (ref readonly var delta in snapshot.Deltas)
            {
                if (delta.Action == BookAction.Set)
                {
                    pricePrecision = _options.PricePrecision ?? Math.Max(pricePrecision, delta.Price.Precision);
                    sizePrecision = _options.SizePrecision ?? Math.Max(sizePrecision, delta.Size.Precision);
                }
            }
        }

        return new L2OrderBook(Instrument, pricePrecision, sizePrecision, _options.BookCapacity);
    }

    private void DrainBuffer()
    {
        while (_buffer.Count > 0 && State != GateIoBookSyncState.AwaitingSnapshot)
        {
            _buffer.PeekOldest(_replay, Instrument);
            if (Process(_replay) == GateIoBookResult.OutOfSync)
            {
                return; // the failing update stays buffered, with the newer ones, for the next snapshot
            }

            _buffer.RemoveOldest();
        }
    }

    private GateIoBookResult Process(BookDeltas update)
    {
        var first = update.FirstUpdateId;
        var last = update.LastUpdateId;
        if (first > last)
        {
            Counters.Invalid++;
            return Fail(GateIoBookSyncFailure.InvalidMessage, update, countResync: true);
        }

        if (last < _lastApplied + 1)
        {
            // Already in the book: before the snapshot's id, or a replayed message.
            Counters.UpdatesDropped++;
            return GateIoBookResult.Dropped;
        }

        if (first > _lastApplied + 1)
        {
            Counters.Gaps++;
            return Fail(State == GateIoBookSyncState.AwaitingFirstUpdate ? GateIoBookSyncFailure.SnapshotTooOld : GateIoBookSyncFailure.Gap, update, countResync: true);
        }

        var book = _book!;
        var valid = book.Apply(update);
        _lastApplied = last;
        if (!valid)
        {
            Counters.Invalid++;
            return Fail(GateIoBookSyncFailure.InvalidMessage, update, countResync: true);
        }

        if (book.IsCrossed)
        {
            Counters.Crossed++;
            return Fail(GateIoBookSyncFailure.Crossed, update, countResync: true);
        }

        State = GateIoBookSyncState.Synced;
        Counters.UpdatesApplied++;
        Applied?.Invoke(update);
        return GateIoBookResult.Applied;
    }

    private GateIoBookResult Fail(GateIoBookSyncFailure reason, BookDeltas? update, bool countResync)
    {
        var failure = new GateIoBookOutOfSync(Instrument, reason, _lastApplied, update?.FirstUpdateId ?? 0, update?.LastUpdateId ?? 0);
        LastFailure = failure;
        if (countResync)
        {
            Counters.Resyncs++;
        }

        State = GateIoBookSyncState.AwaitingSnapshot;
        OutOfSync?.Invoke(failure);
        if (!IsSnapshotPending)
        {
            RequestSnapshot();
        }

        return GateIoBookResult.OutOfSync;
    }

    private void RequestSnapshot()
    {
        IsSnapshotPending = true;
        Counters.SnapshotRequests++;
        SnapshotRequested?.Invoke(Instrument);
    }

    private void Buffer(BookDeltas update)
    {
        var discarded = _buffer.Add(update);
        Counters.BufferOverflows += discarded;
    }
}
