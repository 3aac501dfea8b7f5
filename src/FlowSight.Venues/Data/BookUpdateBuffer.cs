using FlowSight.Core;

namespace FlowSight.Venues.Data;

/// <summary>
/// The book updates a venue's synchronizer (Binance's diffs, Gate.io's updates — any snapshot + update-id chain)
/// holds while it waits for a snapshot: a FIFO of compact copies
/// (the parser's <see cref="BookDeltas"/> is reused for the next frame). Bounded in messages and in levels; when
/// full, the oldest diff goes. Its arrays grow on demand up to the bounds and are then reused, so a synchronizer that
/// resyncs again and again stops allocating.
/// </summary>
internal sealed class BookUpdateBuffer
{
    private readonly int _maxDiffs;
    private readonly int _maxLevels;
    private Header[] _headers = new Header[16];
    private Level[] _levels = new Level[256];
    private int _head;
    private int _tail;
    private int _levelEnd;

    public BookUpdateBuffer(int maxDiffs, int maxLevels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDiffs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLevels);
        _maxDiffs = maxDiffs;
        _maxLevels = maxLevels;
    }

    public int Count => _tail - _head;

    /// <summary>The first update id (<c>U</c>) of the oldest buffered diff.</summary>
    public long OldestFirstUpdateId => _headers[_head].First;

    /// <summary>The last update id (<c>u</c>) of the newest buffered diff.</summary>
    public long NewestLastUpdateId => _headers[_tail - 1].Last;

    public void Clear()
    {
        _head = 0;
        _tail = 0;
        _levelEnd = 0;
    }

    /// <summary>Copies <paramref name="diff"/> in; returns how many older diffs were discarded to make room.</summary>
    public int Add(BookDeltas diff)
    {
        int count = diff.Count;
        int discarded = 0;
        if (count > _maxLevels)
        {
            // One diff larger than the whole buffer: keep nothing, the snapshot will cover it.
            discarded = Count + 1;
            Clear();
            return discarded;
        }

        while (Count >= _maxDiffs || (Count > 0 && LiveLevels + count > _maxLevels))
        {
            _head++;
            discarded++;
        }

        if (Count == 0)
        {
            Clear();
        }

        EnsureHeaderRoom();
        EnsureLevelRoom(count);
        int start = _levelEnd;
        var deltas = diff.Deltas;
        for (int i = 0; i < deltas.Length; i++)
        {
            ref readonly var d = ref deltas[i];
            _levels[start + i] = new Level(d.Price.Raw, d.Size.Raw, d.Price.Precision, d.Size.Precision, d.Side, d.Action);
        }

        _levelEnd += count;
        _headers[_tail++] = new Header(
            diff.FirstUpdateId, diff.LastUpdateId, diff.PreviousUpdateId, diff.EventTime, diff.ReceiveTime, start, count);
        return discarded;
    }

    /// <summary>Rebuilds the oldest diff into <paramref name="into"/> (cleared first) without removing it.</summary>
    public void PeekOldest(BookDeltas into, InstrumentId instrument)
    {
        ref readonly var header = ref _headers[_head];
        into.Clear();
        into.Instrument = instrument;
        into.FirstUpdateId = header.First;
        into.LastUpdateId = header.Last;
        into.PreviousUpdateId = header.Previous;
        into.EventTime = header.EventTime;
        into.ReceiveTime = header.ReceiveTime;
        for (int i = 0; i < header.Count; i++)
        {
            ref readonly var level = ref _levels[header.Start + i];
            into.Add(new BookDelta(
                instrument,
                level.Action,
                level.Side,
                Price.FromRaw(level.Price, level.PricePrecision),
                Quantity.FromRaw(level.Size, level.SizePrecision),
                header.Last,
                BookDeltaFlags.None,
                header.EventTime,
                header.ReceiveTime));
        }

        into.MarkLast();
    }

    public void RemoveOldest()
    {
        _head++;
        if (_head == _tail)
        {
            Clear();
        }
    }

    private int LiveLevels => Count == 0 ? 0 : _levelEnd - _headers[_head].Start;

    private void EnsureHeaderRoom()
    {
        if (_tail < _headers.Length)
        {
            return;
        }

        if (_head > 0)
        {
            Array.Copy(_headers, _head, _headers, 0, Count);
            _tail -= _head;
            _head = 0;
        }

        if (_tail == _headers.Length)
        {
            Array.Resize(ref _headers, Math.Min(_headers.Length * 2, Math.Max(_maxDiffs, 16)));
        }
    }

    private void EnsureLevelRoom(int count)
    {
        if (_levelEnd + count <= _levels.Length)
        {
            return;
        }

        // Compact: move the live levels to the front and rebase the headers.
        int liveStart = Count == 0 ? _levelEnd : _headers[_head].Start;
        int live = _levelEnd - liveStart;
        if (liveStart > 0)
        {
            Array.Copy(_levels, liveStart, _levels, 0, live);
            for (int i = _head; i < _tail; i++)
            {
                _headers[i] = _headers[i] with { Start = _headers[i].Start - liveStart };
            }

            _levelEnd = live;
        }

        if (_levelEnd + count > _levels.Length)
        {
            int size = _levels.Length;
            while (size < _levelEnd + count)
            {
                size *= 2;
            }

            Array.Resize(ref _levels, Math.Min(size, Math.Max(_maxLevels, _levelEnd + count)));
        }
    }

    private readonly record struct Header(long First, long Last, long Previous, long EventTime, long ReceiveTime, int Start, int Count);

    private readonly record struct Level(long Price, long Size, byte PricePrecision, byte SizePrecision, OrderSide Side, BookAction Action);
}
