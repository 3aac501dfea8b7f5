using System.IO.Compression;
using System.Text;
using FlowSight.Engine.Replay;
using FlowSight.Storage.Recording;
using FlowSight.TestKit;
using Xunit;

namespace FlowSight.Storage.Tests.Recording;

/// <summary>Reading hftbacktest and cryptofeed recordings, plain and gzip, one file or several.</summary>
public sealed class RecordingReaderTests
{
    private static byte[] Gzip(byte[] plain)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        return output.ToArray();
    }

    private static List<(long Time, RecordedFrameKind Kind, string Payload, string Source)> ReadAll(RecordingReader reader)
    {
        var frames = new List<(long, RecordedFrameKind, string, string)>();
        while (reader.TryRead(out var frame))
        {
            frames.Add((frame.ReceiveTime, frame.Kind, Encoding.UTF8.GetString(frame.Payload.Span), Encoding.UTF8.GetString(frame.Source.Span)));
        }

        return frames;
    }

    [Fact]
    public void The_usdm_first20s_subset_reads_line_for_line()
    {
        string path = SharedData.Require("recordings/hftbacktest/binance-usdm/btcusdt_20240808_first20s.txt");
        var lines = File.ReadAllLines(path);
        using var reader = new RecordingReader([path]);
        int i = 0;
        while (reader.TryRead(out var frame))
        {
            int space = lines[i].IndexOf(' ', StringComparison.Ordinal);
            Assert.Equal(long.Parse(lines[i][..space], System.Globalization.CultureInfo.InvariantCulture), frame.ReceiveTime);
            Assert.Equal(lines[i][(space + 1)..], Encoding.UTF8.GetString(frame.Payload.Span));
            Assert.Equal(RecordedFrameKind.Received, frame.Kind);
            Assert.Equal(i + 1, frame.LineNumber);
            i++;
        }

        Assert.Equal(4546, i);
        Assert.Equal("timestamped", reader.FormatOf(0));
        Assert.False(reader.IsGzip(0));
        Assert.Equal(0, reader.MalformedLines);
    }

    [Fact]
    public void Gzip_files_are_detected_by_their_magic_bytes_and_match_the_plain_subset()
    {
        string gz = SharedData.Require("recordings/hftbacktest/binance-usdm/btcusdt_20240808.gz");
        string plain = SharedData.Require("recordings/hftbacktest/binance-usdm/btcusdt_20240808_first20s.txt");
        using var full = new RecordingReader([gz]);
        using var subset = new RecordingReader([plain]);
        long lines = 0;
        while (subset.TryRead(out var expected))
        {
            Assert.True(full.TryRead(out var actual));
            Assert.Equal(expected.ReceiveTime, actual.ReceiveTime);
            Assert.True(expected.Payload.Span.SequenceEqual(actual.Payload.Span));
            lines++;
        }

        while (full.TryRead(out _))
        {
            lines++;
        }

        Assert.True(full.IsGzip(0));
        Assert.Equal(93_954, lines);
    }

    [Fact]
    public void Microsecond_timestamps_of_the_2023_files_become_nanoseconds()
    {
        string path = SharedData.Require("recordings/hftbacktest/binance-usdm/btcusdt_20230404.dat.gz");
        using var reader = new RecordingReader([path]);
        Assert.True(reader.TryRead(out var first));
        Assert.Equal(1_680_652_700_423_575_000, first.ReceiveTime);
        Assert.StartsWith("{\"stream\":\"btcusdt@bookTicker\"", Encoding.UTF8.GetString(first.Payload.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Several_files_are_concatenated_in_the_order_given()
    {
        string a = SharedData.Require("recordings/hftbacktest/binance-usdm/btcusdt_20230404.dat.gz");
        string b = SharedData.Require("recordings/hftbacktest/binance-usdm/btcusdt_20230405.dat.gz");
        using var reader = new RecordingReader([a, b]);
        long count = 0;
        long last = 0;
        int lastFile = 0;
        long firstOfSecond = 0;
        while (reader.TryRead(out var frame))
        {
            if (frame.FileIndex == 1 && lastFile == 0)
            {
                firstOfSecond = frame.ReceiveTime;
                Assert.True(firstOfSecond >= last);
            }

            lastFile = frame.FileIndex;
            last = frame.ReceiveTime;
            count++;
        }

        Assert.Equal(13_384 + 60_381, count);
        Assert.True(firstOfSecond > 0);
    }

    [Fact]
    public void Cryptofeed_lines_are_split_into_kinds_times_and_urls()
    {
        string ws = SharedData.Require("recordings/cryptofeed/BINANCE_FUTURES.ws.1.0");
        string http = SharedData.Require("recordings/cryptofeed/BINANCE_FUTURES.http.0.0");
        using var reader = new RecordingReader([ws, http], new RecordingReaderOptions { Order = RecordingFileOrder.MergeByTime });
        var frames = ReadAll(reader);

        Assert.Equal("cryptofeed", reader.FormatOf(0));
        Assert.Equal("cryptofeed", reader.FormatOf(1));
        Assert.Equal(0, reader.MalformedLines);
        Assert.Equal(RecordedFrameKind.Connected, frames[0].Kind);
        Assert.StartsWith("wss://fstream.binance.com/stream?streams=sushiusdt@aggTrade/", frames[0].Source, StringComparison.Ordinal);
        Assert.Equal(1_626_992_740_179_554_000, frames[0].Time);
        Assert.Equal(RecordedFrameKind.Received, frames[1].Kind);
        Assert.Equal(1_626_992_741_062_170_000, frames[1].Time);

        var snapshots = frames.Where(f => f.Kind == RecordedFrameKind.HttpResponse).ToList();
        Assert.Equal(4, snapshots.Count);
        Assert.Equal("https://fapi.binance.com/fapi/v1/depth?symbol=SUSHIUSDT&limit=1000", snapshots[0].Source);
        Assert.StartsWith("{\"lastUpdateId\":600859605926,", snapshots[0].Payload, StringComparison.Ordinal);

        // Merged by time: the SUSHI snapshot (…741.301402) sits between the frames around it.
        int index = frames.FindIndex(f => f.Kind == RecordedFrameKind.HttpResponse);
        Assert.True(frames[index - 1].Time <= frames[index].Time && frames[index].Time <= frames[index + 1].Time);
        Assert.Equal(1536 + 4, frames.Count);
    }

    [Fact]
    public void Cryptofeed_configuration_and_sent_lines_are_recognised()
    {
        var text = "configuration: {\"a\":1}\nwss://x/ws <-> 1.5\nwss://x/ws <- 2.25: {\"op\":\"sub\"}\n3: {\"x\":\"a -> b\"}\n"u8.ToArray();
        using var reader = new RecordingReader([RecordingSource.FromBytes("mem", text)]);
        var frames = ReadAll(reader);
        Assert.Equal(
            [
                (0L, RecordedFrameKind.Configuration, "{\"a\":1}", ""),
                (1_500_000_000L, RecordedFrameKind.Connected, "", "wss://x/ws"),
                (2_250_000_000L, RecordedFrameKind.Sent, "{\"op\":\"sub\"}", "wss://x/ws"),
                (3_000_000_000L, RecordedFrameKind.Received, "{\"x\":\"a -> b\"}", ""),
            ],
            frames);
    }

    [Fact]
    public void A_last_line_without_newline_CRLF_and_long_lines_are_handled()
    {
        var longPayload = new string('x', 700_000);
        var text = Encoding.UTF8.GetBytes($"1723161255030314667 {{\"a\":1}}\r\n\n1723161255030314668 {longPayload}\nnot a line\n1723161255030314669 {{\"b\":2}}");
        foreach (var bytes in new[] { text, Gzip(text) })
        {
            using var reader = new RecordingReader([RecordingSource.FromBytes("mem", bytes)], new RecordingReaderOptions { BufferSize = 4096 });
            var frames = ReadAll(reader);
            Assert.Equal(3, frames.Count);
            Assert.Equal("{\"a\":1}", frames[0].Payload);
            Assert.Equal(longPayload, frames[1].Payload);
            Assert.Equal((1_723_161_255_030_314_669L, "{\"b\":2}"), (frames[2].Time, frames[2].Payload));
            Assert.Equal(1, reader.MalformedLines);
        }
    }

    [Fact]
    public void A_gzip_file_cut_short_yields_what_it_holds()
    {
        var lines = string.Concat(Enumerable.Range(0, 2000).Select(i => $"{1_723_161_255_000_000_000L + i} {{\"i\":{i}}}\n"));
        var gz = Gzip(Encoding.UTF8.GetBytes(lines));
        var truncated = gz.AsSpan(0, gz.Length * 2 / 3).ToArray();
        using var reader = new RecordingReader([RecordingSource.FromBytes("cut", truncated)]);
        long count = 0;
        long lastTime = 0;
        try
        {
            while (reader.TryRead(out var frame))
            {
                lastTime = frame.ReceiveTime;
                count++;
            }
        }
        catch (InvalidDataException)
        {
            // Some runtimes report the missing trailer; what came before was still yielded in order.
        }

        Assert.True(count > 0 && count < 2000, $"{count} lines");
        Assert.Equal(1_723_161_255_000_000_000L + count - 1, lastTime);
    }

    [Fact]
    public void Reading_lines_allocates_nothing_per_line()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{1_723_161_255_000_000_000L + i} {{\"stream\":\"btcusdt@trade\",\"i\":{i}}}\n")));
        using var reader = new RecordingReader([RecordingSource.FromBytes("mem", text)], new RecordingReaderOptions { BufferSize = 64 * 1024 });
        long sum = 0;
        // Each round reads 3,000 lines, which crosses several 64 KB buffer refills.
        long allocated = Allocations.SteadyState(() =>
        {
            for (int i = 0; i < 3_000 && reader.TryRead(out var frame); i++)
            {
                sum += frame.Payload.Length;
            }
        });

        Assert.True(sum > 0);
        Assert.Equal(0, allocated);
    }
}
