using FlowSight.Core;
using FlowSight.Venues.Network;
using FlowSight.Engine.OrderBook;
using FlowSight.Engine.Replay;
using FlowSight.Venues.Okx.Book;
using FlowSight.Venues.Okx.Parsing;

namespace FlowSight.Venues.Okx.Replay;

/// <summary>
/// Replays an OKX recording (ours or cryptofeed's) through the live path — <see cref="OkxStreamParser"/>, then one
/// <see cref="OkxBookSynchronizer"/> and <see cref="L2OrderBook"/> per instrument — verifying OKX's checksum after
/// every book message. A recording cannot resubscribe, so a book that lost sync waits for the next snapshot; a
/// reconnect in the recording (a second "connected" line) resets every book. Updates take the fused path (parsed
/// straight into their book) unless <see cref="OkxReplayOptions.Fused"/> is off. Not thread-safe.
/// </summary>
public sealed class OkxReplay : IOkxBookSink
{
    private readonly OkxReplayOptions _options;
    private readonly OkxStreamParser _parser;
    private readonly Dictionary<InstrumentId, OkxReplayBook> _books = [];
    private readonly List<OkxReplayBook> _ordered = [];
    private long _connections;
    private OkxReplayBook? _taking;

    /// <summary>Creates a replay; feed it with <see cref="Run"/> or <see cref="Process"/>.</summary>
    public OkxReplay(OkxReplayOptions? options = null)
    {
        _options = options ?? new OkxReplayOptions();
        _parser = new OkxStreamParser(_options.Registry ?? new OkxSymbolRegistry());
        if (_options.Fused)
        {
            _parser.BookSink = this;
        }
    }

    /// <summary>The instruments seen, in order of first appearance.</summary>
    public IReadOnlyList<OkxReplayBook> Books => _ordered;

    /// <summary>Frames processed (received messages; sent, connect and HTTP lines are not counted).</summary>
    public long Frames { get; private set; }

    /// <summary>Frames that could not be parsed.</summary>
    public long Malformed => _parser.Diagnostics.MalformedCount;

    /// <summary>The parser's diagnostics (samples of refused frames).</summary>
    public FrameDiagnostics<OkxMessageKind> Diagnostics => _parser.Diagnostics;

    /// <summary>Replays <paramref name="source"/> as fast as possible.</summary>
    public void Run(IRecordedFrameSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        while (source.TryRead(out var frame))
        {
            Process(frame);
        }
    }

    /// <summary>Processes one recorded frame.</summary>
    public void Process(in RecordedFrame frame)
    {
        switch (frame.Kind)
        {
            case RecordedFrameKind.Received:
                Frames++;
                OnMessage(frame.ReceiveTime, frame.Payload.Span);
                break;
            case RecordedFrameKind.Connected when ++_connections > 1:
                foreach (var book in _ordered)
                {
                    book.Synchronizer.Reset(); // messages may have been lost while disconnected
                }

                break;
            default:
                break;
        }
    }

    /// <summary>The statistics of one instrument.</summary>
    public OkxReplayStatistics StatisticsOf(InstrumentId instrument) =>
        _books.TryGetValue(instrument, out var book) ? book.Statistics(Malformed) : default;

    private void OnMessage(long receiveTime, ReadOnlySpan<byte> payload)
    {
        if (_parser.Parse(payload, receiveTime) != OkxMessageKind.Book || _parser.UpdateTaken)
        {
            return; // a taken update was applied during Parse
        }

        var deltas = _parser.Deltas;
        if (!_books.TryGetValue(deltas.Instrument, out var book))
        {
            if (!deltas.IsSnapshot)
            {
                return; // an update before the instrument's first snapshot says nothing about its precision
            }

            book = Create(deltas);
        }

        book.Frames++;
        book.Synchronizer.Apply(deltas);
    }

    /// <inheritdoc/>
    L2OrderBook? IOkxBookSink.BeginUpdate(in OkxUpdateHeader header, out bool keepLevels)
    {
        keepLevels = false;
        _taking = _books.TryGetValue(header.Instrument, out var book) ? book : null;
        return _taking?.Synchronizer.BeginUpdate(header);
    }

    /// <inheritdoc/>
    void IOkxBookSink.EndUpdate(BookDeltas update, bool levelsValid)
    {
        var book = _taking!;
        _taking = null;
        book.Frames++;
        book.Synchronizer.EndUpdate(update, levelsValid);
    }

    /// <inheritdoc/>
    OkxBookChecksum? IOkxBookSink.LevelTextChecksum => _taking?.Synchronizer.TakingChecksum;

    /// <inheritdoc/>
    void IOkxBookSink.AbortUpdate()
    {
        // Not counted in Frames: the classic path counts only frames that parse.
        var book = _taking!;
        _taking = null;
        book.Synchronizer.AbortUpdate();
    }

    private OkxReplayBook Create(BookDeltas snapshot)
    {
        var price = _options.MinPricePrecision;
        var size = _options.MinSizePrecision;
        foreach (var delta in snapshot.Deltas)
        {
            if (delta.Action == BookAction.Set)
            {
                price = Math.Max(price, delta.Price.Precision);
                size = Math.Max(size, delta.Size.Precision);
            }
        }

        var instrument = snapshot.Instrument;
        var synchronizer = new OkxBookSynchronizer(new L2OrderBook(instrument, price, size, _options.BookCapacity));
        var book = new OkxReplayBook(instrument, synchronizer);
        synchronizer.ResubscribeRequested += request => book.LastFailure = request;
        _books.Add(instrument, book);
        _ordered.Add(book);
        return book;
    }
}
