using BenchmarkDotNet.Attributes;
using FlowSight.Engine.Replay;
using FlowSight.Storage.Recording;
using FlowSight.TestKit;
using FlowSight.Venues.GateIo;
using FlowSight.Venues.GateIo.Parsing;
using FlowSight.Venues.GateIo.Replay;

namespace FlowSight.Benchmarks.GateIo;

/// <summary>
/// Gate.io on the cryptofeed recordings (spot 2021-04-22 and USDT futures 2023-05-24, 10 books each):
/// <list type="bullet">
/// <item><c>order_book_update → deltas</c>: the 524 recorded <c>order_book_update</c> frames (spot string levels,
/// futures <c>{"p","s"}</c> levels) parsed by <see cref="GateIoStreamParser"/>; Mean is per frame.</item>
/// <item><c>recording → books</c>: every line of both recordings (with the 20 REST snapshots) through
/// <see cref="GateIoReplay"/>: parse, the <c>U</c>/<c>u</c> chain and the book; the recording's "connected" lines
/// resync every book each invocation, so the snapshots are reloaded too. Mean is per line.</item>
/// </list>
/// Run: <c>dotnet run -c Release --project bench/FlowSight.Benchmarks -- --filter '*GateIo*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class GateIoBookBenchmarks
{
    private byte[][] _updates = [];
    private RecordedFrame[] _lines = [];
    private GateIoStreamParser _parser = null!;
    private GateIoReplay _replay = null!;
    private ArraySource _source = null!;

    [GlobalSetup]
    public void Setup()
    {
        var files = new[]
        {
            "recordings/cryptofeed/GATEIO.ws.1.0", "recordings/cryptofeed/GATEIO.http.0.0",
            "recordings/cryptofeed/GATEIO_FUTURES.ws.1.0", "recordings/cryptofeed/GATEIO_FUTURES.http.0.0",
        };
        var lines = new List<RecordedFrame>();
        using (var reader = new RecordingReader(files.Select(SharedData.Require), new RecordingReaderOptions { Order = RecordingFileOrder.MergeByTime }))
        {
            while (reader.TryRead(out var frame))
            {
                lines.Add(frame with { Payload = frame.Payload.ToArray(), Source = frame.Source.ToArray() });
            }
        }

        _lines = [.. lines];
        _updates = [.. _lines.Where(f => f.Kind == RecordedFrameKind.Received && f.Payload.Span.IndexOf("order_book_update\",\"event\":\"update"u8) >= 0).Select(f => f.Payload.ToArray())];
        _parser = new GateIoStreamParser(new GateIoSymbolRegistry());
        _replay = new GateIoReplay();
        _source = new ArraySource(_lines);
        _source.Rewind();
        _replay.Run(_source); // books created and grown
    }

    /// <summary>Per frame.</summary>
    [Benchmark(Description = "order_book_update → deltas", OperationsPerInvoke = 524)]
    public int ParseUpdates()
    {
        var count = 0;
        foreach (var frame in _updates)
        {
            count += _parser.Parse(frame, 1) == GateIoMessageKind.BookUpdate ? _parser.Deltas.Count : 0;
        }

        return count;
    }

    /// <summary>Per recorded line.</summary>
    [Benchmark(Description = "recording → books (per line)", OperationsPerInvoke = 755)]
    public long ReplayRecording()
    {
        _source.Rewind();
        _replay.Run(_source);
        return _replay.Frames;
    }

    private sealed class ArraySource(RecordedFrame[] frames) : IRecordedFrameSource
    {
        private int _next;

        public void Rewind() => _next = 0;

        public bool TryRead(out RecordedFrame frame)
        {
            if (_next == frames.Length)
            {
                frame = default;
                return false;
            }

            frame = frames[_next++];
            return true;
        }
    }
}
