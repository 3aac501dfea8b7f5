using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Engine.Replay;
using FlowSight.Storage.Recording;
using FlowSight.TestKit;
using FlowSight.Venues.Okx;
using FlowSight.Venues.Okx.Book;
using FlowSight.Venues.Okx.Parsing;

namespace FlowSight.Benchmarks.Okx;

/// <summary>
/// OKX <c>books</c> update frame → book applied with the checksum verified: <see cref="OkxStreamParser"/> →
/// <see cref="OkxBookSynchronizer"/> (seqId chain, then <see cref="OkxChecksum"/> over the top 25 levels after every
/// message) → <see cref="L2OrderBook"/>, frames pre-loaded in memory. Mean is per update frame.
/// <list type="bullet">
/// <item><b>recording</b>: the cryptofeed session <c>recordings/cryptofeed/OKX.ws.1.0</c> (BTC-USDT spot,
/// UNI-USD-SWAP, BTC-USD-220527; 3 snapshots + 287 updates, 24.6 levels and 786 B per update on average). 287 updates
/// are too few to run without resetting, so every invocation replays the 3 snapshots too: the "3 snapshots" case
/// measures that reset alone (same per-update scale), to subtract.</item>
/// <item><b>synthetic</b>: <see cref="OkxSyntheticBooksStream"/>, seeded, one BTC-USDT-like book: one 400 + 400-level
/// snapshot (reloaded each invocation, ~1 % of the work) and 4,096 updates with seqId/prevSeqId and correct checksums.</item>
/// </list>
/// Baseline of each group: a naive <see cref="JsonSerializer"/> deserialisation of the same update frames into
/// classes with string levels (no book, no checksum). Run:
/// <c>dotnet run -c Release --project bench/FlowSight.Benchmarks -- --filter '*Okx*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class OkxBookBenchmarks
{
    private const int RecordedUpdates = 287;
    private const int SyntheticUpdates = 4_096;

    private byte[][] _recordedBooks = [];
    private byte[][] _recordedSnapshots = [];
    private byte[][] _recordedUpdates = [];
    private byte[] _syntheticSnapshot = [];
    private byte[][] _syntheticUpdates = [];
    private OkxStreamParser _parser = null!;
    private Dictionary<InstrumentId, OkxBookSynchronizer> _books = null!;
    private OkxBookSynchronizer _synthetic = null!;
    private OkxBookSynchronizer _syntheticUnverified = null!;
    private OkxStreamParser _fusedParser = null!;
    private Dictionary<InstrumentId, OkxBookSynchronizer> _fusedBooks = null!;
    private OkxBookSynchronizer _syntheticFused = null!;
    private OkxStreamParser _keptParser = null!;
    private OkxBookSynchronizer _syntheticKept = null!;


    [GlobalSetup]
    public void Setup()
    {
        var books = new List<byte[]>();
        using (var reader = new RecordingReader([SharedData.Require("recordings/cryptofeed/OKX.ws.1.0")]))
        {
            while (reader.TryRead(out var frame))
            {
                if (frame.Kind == RecordedFrameKind.Received && frame.Payload.Span.StartsWith("{\"arg\":{\"channel\":\"books\","u8))
                {
                    books.Add(frame.Payload.ToArray());
                }
            }
        }

        _recordedBooks = [.. books];
        _recordedSnapshots = [.. books.Where(IsSnapshot)];
        _recordedUpdates = [.. books.Where(b => !IsSnapshot(b))];
        Check(_recordedUpdates.Length == RecordedUpdates && _recordedSnapshots.Length == 3, "recording: expected 3 snapshots and 287 updates");

        var stream = new OkxSyntheticBooksStream("BTC-USDT", seed: 20261124);
        _syntheticSnapshot = stream.Snapshot();
        _syntheticUpdates = [.. Enumerable.Range(0, SyntheticUpdates).Select(_ => stream.NextUpdate())];

        _parser = new OkxStreamParser(new OkxSymbolRegistry());
        _books = [];
        _synthetic = null!;
        _fusedParser = new OkxStreamParser(new OkxSymbolRegistry());
        _fusedBooks = [];
        _keptParser = new OkxStreamParser(new OkxSymbolRegistry());

        // Warm up the books to their depth, and prove every checksum verifies: a benchmark of a failing path says nothing.
        Check(RecordingToBooks() == RecordedUpdates, "recording: not every update applied with its checksum verified");
        Check(SyntheticToBook() == SyntheticUpdates, "synthetic: not every update applied with its checksum verified");
        Check(_books.Values.All(b => b.Counters.ChecksumMismatched == 0) && _synthetic.Counters.ChecksumMismatched == 0, "checksum mismatch");
        Check(RecordingToBooksFused() == RecordedUpdates, "recording, fused: not every update applied with its checksum verified");
        Check(SyntheticToBookFused() == SyntheticUpdates, "synthetic, fused: not every update applied with its checksum verified");
        Check(SyntheticToBookFusedKept() == SyntheticUpdates, "synthetic, fused with levels kept: not every update applied with its checksum verified");
        Check(_fusedBooks.Values.All(b => b.Counters.ChecksumMismatched == 0 && b.Counters.UpdatesFused > 0) && _syntheticFused.Counters.UpdatesFused > 0, "fused: mismatch or not fused");
    }

    /// <summary>Naive baseline: the recorded update frames deserialised into classes.</summary>
    [Benchmark(Baseline = true, Description = "JsonSerializer → classes", OperationsPerInvoke = RecordedUpdates)]
    [BenchmarkCategory("recording")]
    public int RecordingJson() => Deserialize(_recordedUpdates);

    /// <summary>The 3 snapshots and 287 updates of the recording, in recorded order, per update frame.</summary>
    [Benchmark(Description = "frame → parser → synchronizer → book + checksum (incl. 3 snapshots)", OperationsPerInvoke = RecordedUpdates)]
    [BenchmarkCategory("recording")]
    public int RecordingToBooks() => Apply(_recordedBooks);

    /// <summary>The reset included above: the 3 snapshot frames alone, divided by the same 287.</summary>
    [Benchmark(Description = "3 snapshots alone (the reset above, same scale)", OperationsPerInvoke = RecordedUpdates)]
    [BenchmarkCategory("recording")]
    public int RecordingSnapshots() => Apply(_recordedSnapshots);

    /// <summary>The parser alone on the recorded update frames (→ <see cref="BookDeltas"/>).</summary>
    [Benchmark(Description = "parser → BookDeltas", OperationsPerInvoke = RecordedUpdates)]
    [BenchmarkCategory("recording")]
    public int RecordingParse()
    {
        var levels = 0;
        foreach (var frame in _recordedUpdates)
        {
            levels += _parser.Parse(frame, 1) == OkxMessageKind.Book ? _parser.Deltas.Count : 0;
        }

        return levels;
    }

    /// <summary>Naive baseline: the synthetic update frames deserialised into classes.</summary>
    [Benchmark(Baseline = true, Description = "JsonSerializer → classes", OperationsPerInvoke = SyntheticUpdates)]
    [BenchmarkCategory("synthetic")]
    public int SyntheticJson() => Deserialize(_syntheticUpdates);

    /// <summary>One snapshot then 4,096 updates, per update frame.</summary>
    [Benchmark(Description = "frame → parser → synchronizer → book + checksum", OperationsPerInvoke = SyntheticUpdates)]
    [BenchmarkCategory("synthetic")]
    public int SyntheticToBook()
    {
        var parser = _parser;
        parser.Parse(_syntheticSnapshot, 1);
        if (_synthetic is null)
        {
            _synthetic = new OkxBookSynchronizer(new L2OrderBook(parser.Instrument, 1, 8, 1024));
        }

        var sync = _synthetic;
        sync.Apply(parser.Deltas);
        var applied = 0;
        foreach (var frame in _syntheticUpdates)
        {
            if (parser.Parse(frame, 1) == OkxMessageKind.Book && sync.Apply(parser.Deltas) == OkxBookResult.Applied)
            {
                applied++;
            }
        }

        return applied;
    }

    /// <summary>The path above fused: the parser writes each update's levels straight into the book (<see cref="IOkxBookSink"/>).</summary>
    [Benchmark(Description = "frame → book + checksum, fused", OperationsPerInvoke = SyntheticUpdates)]
    [BenchmarkCategory("synthetic")]
    public int SyntheticToBookFused()
    {
        var parser = _fusedParser;
        parser.Parse(_syntheticSnapshot, 1);
        _syntheticFused ??= new OkxBookSynchronizer(new L2OrderBook(parser.Instrument, 1, 8, 1024));
        var sync = _syntheticFused;
        parser.BookSink = sync;
        sync.Apply(parser.Deltas);
        var before = sync.Counters.UpdatesApplied;
        foreach (var frame in _syntheticUpdates)
        {
            if (parser.Parse(frame, 1) == OkxMessageKind.Book && !parser.UpdateTaken)
            {
                sync.Apply(parser.Deltas);
            }
        }

        return (int)(sync.Counters.UpdatesApplied - before);
    }

    /// <summary><see cref="SyntheticToBookFused"/> with the checksum formatting every changed level again (before the parts were hashed from the frame's text): an A/B in one process.</summary>
    public int SyntheticToBookFusedFormatted()
    {
        _fusedParser.ChecksumFromText = false;
        try
        {
            return SyntheticToBookFused();
        }
        finally
        {
            _fusedParser.ChecksumFromText = true;
        }
    }

    /// <summary><see cref="RecordingToBooksFused"/> with the checksum formatting every changed level again.</summary>
    public int RecordingToBooksFusedFormatted()
    {
        _fusedParser.ChecksumFromText = false;
        try
        {
            return RecordingToBooksFused();
        }
        finally
        {
            _fusedParser.ChecksumFromText = true;
        }
    }

    /// <summary>The fused path as the data client runs it: the levels also kept in <c>BookDeltas</c> for the engine.</summary>
    [Benchmark(Description = "frame → book + checksum, fused, levels kept", OperationsPerInvoke = SyntheticUpdates)]
    [BenchmarkCategory("synthetic")]
    public int SyntheticToBookFusedKept()
    {
        var parser = _keptParser;
        parser.Parse(_syntheticSnapshot, 1);
        _syntheticKept ??= new OkxBookSynchronizer(new L2OrderBook(parser.Instrument, 1, 8, 1024));
        var sync = _syntheticKept;
        parser.BookSink ??= new Keeper(sync);
        sync.Apply(parser.Deltas);
        var before = sync.Counters.UpdatesApplied;
        foreach (var frame in _syntheticUpdates)
        {
            if (parser.Parse(frame, 1) == OkxMessageKind.Book && !parser.UpdateTaken)
            {
                sync.Apply(parser.Deltas);
            }
        }

        return (int)(sync.Counters.UpdatesApplied - before);
    }

    /// <summary>The parser alone on the synthetic update frames: the first part of the path above.</summary>
    [Benchmark(Description = "parser → BookDeltas", OperationsPerInvoke = SyntheticUpdates)]
    [BenchmarkCategory("synthetic")]
    public int SyntheticParse()
    {
        var levels = 0;
        foreach (var frame in _syntheticUpdates)
        {
            levels += _parser.Parse(frame, 1) == OkxMessageKind.Book ? _parser.Deltas.Count : 0;
        }

        return levels;
    }

    /// <summary>The path above without the checksum: what the book costs, so the checksum's share is the difference.</summary>
    [Benchmark(Description = "frame → parser → synchronizer → book, checksum off", OperationsPerInvoke = SyntheticUpdates)]
    [BenchmarkCategory("synthetic")]
    public int SyntheticToBookUnverified()
    {
        var parser = _parser;
        parser.Parse(_syntheticSnapshot, 1);
        _syntheticUnverified ??= new OkxBookSynchronizer(new L2OrderBook(parser.Instrument, 1, 8, 1024)) { VerifyChecksum = false };
        var sync = _syntheticUnverified;
        sync.Apply(parser.Deltas);
        var applied = 0;
        foreach (var frame in _syntheticUpdates)
        {
            if (parser.Parse(frame, 1) == OkxMessageKind.Book && sync.Apply(parser.Deltas) == OkxBookResult.Applied)
            {
                applied++;
            }
        }

        return applied;
    }

    /// <summary>The checksum alone, on the synthetic book after the stream (50 levels hashed, ~1 KB of text).</summary>
    [Benchmark(Description = "OkxChecksum.Compute(book) alone")]
    [BenchmarkCategory("synthetic")]
    public int Checksum() => OkxChecksum.Compute(_synthetic.Book);

    /// <summary>The synthetic book (for harnesses outside BenchmarkDotNet).</summary>
    public L2OrderBook SyntheticBook => _synthetic.Book;

    /// <summary>The recording fused (<see cref="IOkxBookSink"/>, one router for the three books).</summary>
    [Benchmark(Description = "frame → book + checksum, fused (incl. 3 snapshots)", OperationsPerInvoke = RecordedUpdates)]
    [BenchmarkCategory("recording")]
    public int RecordingToBooksFused()
    {
        var parser = _fusedParser;
        var router = _router ??= new Router(_fusedBooks);
        parser.BookSink = router;
        var applied = 0;
        foreach (var frame in _recordedBooks)
        {
            if (parser.Parse(frame, 1) != OkxMessageKind.Book)
            {
                continue;
            }

            if (parser.UpdateTaken)
            {
                applied += router.Applied ? 1 : 0;
                continue;
            }

            var deltas = parser.Deltas;
            if (!_fusedBooks.TryGetValue(deltas.Instrument, out var sync))
            {
                sync = new OkxBookSynchronizer(new L2OrderBook(deltas.Instrument, 4, 8, 1024));
                _fusedBooks.Add(deltas.Instrument, sync);
            }

            if (sync.Apply(deltas) == OkxBookResult.Applied)
            {
                applied++;
            }
        }

        return applied;
    }

    private Router? _router;

    private sealed class Keeper(OkxBookSynchronizer sync) : IOkxBookSink
    {
        public L2OrderBook? BeginUpdate(in OkxUpdateHeader header, out bool keepLevels)
        {
            keepLevels = true;
            return sync.BeginUpdate(header);
        }

        public void EndUpdate(BookDeltas update, bool levelsValid) => sync.EndUpdate(update, levelsValid);

        OkxBookChecksum? IOkxBookSink.LevelTextChecksum => sync.TakingChecksum;

        public void AbortUpdate() => sync.AbortUpdate();
    }

    private sealed class Router(Dictionary<InstrumentId, OkxBookSynchronizer> books) : IOkxBookSink
    {
        private OkxBookSynchronizer? _taking;

        public bool Applied { get; private set; }

        public L2OrderBook? BeginUpdate(in OkxUpdateHeader header, out bool keepLevels)
        {
            keepLevels = false;
            _taking = books.TryGetValue(header.Instrument, out var sync) ? sync : null;
            return _taking?.BeginUpdate(header);
        }

        public void EndUpdate(BookDeltas update, bool levelsValid) => Applied = _taking!.EndUpdate(update, levelsValid) == OkxBookResult.Applied;

        OkxBookChecksum? IOkxBookSink.LevelTextChecksum => _taking?.TakingChecksum;

        public void AbortUpdate()
        {
            Applied = false;
            _taking!.AbortUpdate();
        }
    }

    private int Apply(byte[][] frames)
    {
        var parser = _parser;
        var applied = 0;
        foreach (var frame in frames)
        {
            if (parser.Parse(frame, 1) != OkxMessageKind.Book)
            {
                continue;
            }

            var deltas = parser.Deltas;
            if (!_books.TryGetValue(deltas.Instrument, out var sync))
            {
                // Precisions at or finer than every recorded instrument's tick and lot (0.1 / 0.001, 1e-8 / 1).
                sync = new OkxBookSynchronizer(new L2OrderBook(deltas.Instrument, 4, 8, 1024));
                _books.Add(deltas.Instrument, sync);
            }

            if (sync.Apply(deltas) == OkxBookResult.Applied)
            {
                applied++;
            }
        }

        return applied;
    }

    private static int Deserialize(byte[][] frames)
    {
        var levels = 0;
        foreach (var frame in frames)
        {
            var push = JsonSerializer.Deserialize<JsonOkxPush<JsonOkxBookData>>(frame)!;
            var data = push.Data![0];
            levels += data.Asks!.Length + data.Bids!.Length;
        }

        return levels;
    }

    private static bool IsSnapshot(byte[] frame) => frame.AsSpan().IndexOf("\"action\":\"snapshot\""u8) >= 0;

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException(what);
        }
    }
}
