using System.Text;
using FlowSight.Storage.Recording;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FlowSight.Storage.Tests.Recording;

/// <summary>The recorder writes exactly what it was given, rotates, survives write errors and never blocks its caller.</summary>
public sealed class FrameRecorderTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const long T0 = 1_723_161_255_030_314_667; // 2024-08-08 23:54:15.030 UTC

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "flowsight-recorder-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static List<(long Time, byte[] Frame)> Frames(int count, int seed = 1)
    {
        var random = new Random(seed);
        var frames = new List<(long, byte[])>();
        for (int i = 0; i < count; i++)
        {
            // JSON-ish bytes of varied length, any byte but a line break (which the recorder would normalise).
            var bytes = new byte[random.Next(1, 2000)];
            random.NextBytes(bytes);
            for (int j = 0; j < bytes.Length; j++)
            {
                if (bytes[j] is (byte)'\n' or (byte)'\r')
                {
                    bytes[j] = (byte)'x';
                }
            }

            frames.Add((T0 + (i * 1_000_000L), bytes));
        }

        return frames;
    }

    private static List<(long Time, byte[] Frame)> ReadBack(IEnumerable<string> files)
    {
        using var reader = new RecordingReader(files);
        var frames = new List<(long, byte[])>();
        while (reader.TryRead(out var frame))
        {
            frames.Add((frame.ReceiveTime, frame.Payload.ToArray()));
        }

        return frames;
    }

    private static void AssertSame(List<(long Time, byte[] Frame)> expected, List<(long Time, byte[] Frame)> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Time, actual[i].Time);
            Assert.True(expected[i].Frame.AsSpan().SequenceEqual(actual[i].Frame), $"frame {i} differs");
        }
    }

    [Theory]
    [InlineData(RecordingCompression.Gzip)]
    [InlineData(RecordingCompression.None)]
    public async Task Frames_read_back_byte_for_byte_with_their_times(RecordingCompression compression)
    {
        var frames = Frames(3000);
        await using var recorder = new FrameRecorder(new FrameRecorderOptions { Directory = _directory, FilePrefix = "btcusdt", Compression = compression });
        foreach (var (time, frame) in frames)
        {
            Assert.True(recorder.TryWrite(time, frame));
        }

        await recorder.CompleteAsync();
        Assert.Equal(3000, recorder.FramesWritten);
        Assert.Equal(0, recorder.FramesDropped);
        var file = Assert.Single(recorder.Files);
        Assert.Equal(compression == RecordingCompression.Gzip ? "btcusdt_20240808_235415.gz" : "btcusdt_20240808_235415.txt", Path.GetFileName(file));
        AssertSame(frames, ReadBack(recorder.Files));

        var head = File.ReadAllBytes(file).AsSpan(0, 2).ToArray();
        Assert.Equal(compression == RecordingCompression.Gzip, head[0] == 0x1f && head[1] == 0x8b);
    }

    [Fact]
    public async Task The_format_is_hftbacktests_so_a_recording_of_theirs_round_trips_to_the_same_text()
    {
        string source = FlowSight.TestKit.SharedData.Require("recordings/hftbacktest/binance-spot/btcusdt_20240808_first20s.txt");
        await using (var recorder = new FrameRecorder(new FrameRecorderOptions { Directory = _directory, FilePrefix = "btcusdt", Compression = RecordingCompression.None, RotationInterval = null }))
        {
            using var reader = new RecordingReader([source]);
            while (reader.TryRead(out var frame))
            {
                Assert.True(recorder.TryWrite(frame.ReceiveTime, frame.Payload.Span));
            }

            await recorder.CompleteAsync();
            Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(Assert.Single(recorder.Files)));
        }
    }

    [Fact]
    public async Task Size_rotation_starts_new_files_named_by_their_first_frame()
    {
        var frames = Frames(400);
        await using var recorder = new FrameRecorder(new FrameRecorderOptions
        {
            Directory = _directory,
            Compression = RecordingCompression.None,
            MaxFileBytes = 50_000,
            RotationInterval = null,
        });
        foreach (var (time, frame) in frames)
        {
            Assert.True(recorder.TryWrite(time, frame));
        }

        await recorder.CompleteAsync();
        var files = recorder.Files;
        Assert.True(files.Count >= 5, $"{files.Count} files");
        foreach (var file in files.SkipLast(1))
        {
            long length = new FileInfo(file).Length;
            Assert.InRange(length, 50_000, 50_000 + 2100); // rotated after the frame that crossed the limit
        }

        Assert.Equal(files.Count, files.Distinct().Count());
        AssertSame(frames, ReadBack(files));
    }

    [Fact]
    public async Task Time_rotation_follows_the_frames_receive_time()
    {
        const long second = 1_000_000_000;
        long start = 1_723_161_600L * second; // 2024-08-09 00:00:00 UTC
        var times = new[] { start - (second / 2), start + 1, start + (second / 2), start + (2 * second) + 5, start + (2 * second) + 4 };
        await using var recorder = new FrameRecorder(new FrameRecorderOptions { Directory = _directory, FilePrefix = "f", RotationInterval = TimeSpan.FromSeconds(1) });
        foreach (long t in times)
        {
            Assert.True(recorder.TryWrite(t, Encoding.UTF8.GetBytes($"{{\"t\":{t}}}")));
        }

        await recorder.CompleteAsync();
        Assert.Equal(["f_20240808_235959.gz", "f_20240809_000000.gz", "f_20240809_000002.gz"], recorder.Files.Select(Path.GetFileName));
        Assert.Equal(times, ReadBack(recorder.Files).Select(f => f.Time));
    }

    [Fact]
    public async Task A_full_disk_stops_the_recorder_with_a_clear_error_and_leaves_earlier_files_intact()
    {
        var frames = Frames(300);
        int opened = 0;
        var full = new FullDiskStream(20_000);
        var failed = new TaskCompletionSource<FrameRecorderFailure>(TaskCreationOptions.RunContinuationsAsynchronously);
        var recorder = new FrameRecorder(new FrameRecorderOptions
        {
            Directory = _directory,
            Compression = RecordingCompression.None,
            MaxFileBytes = 100_000,
            RotationInterval = null,
            FlushInterval = TimeSpan.Zero,
            OpenFile = path => ++opened == 1 ? new FileStream(path, FileMode.CreateNew) : full,
        });
        recorder.Failed += f => failed.TrySetResult(f);

        int accepted = 0;
        foreach (var (time, frame) in frames)
        {
            if (recorder.TryWrite(time, frame))
            {
                accepted++;
            }
        }

        var failure = await failed.Task.WaitAsync(Timeout);
        Assert.IsType<IOException>(failure.Exception);
        Assert.Contains("No space left on device", failure.ToString(), StringComparison.Ordinal);
        Assert.Equal(recorder.Files[1], failure.Path);
        Assert.False(recorder.TryWrite(T0, "{}"u8));
        var error = await Assert.ThrowsAsync<IOException>(recorder.CompleteAsync);
        Assert.Contains(failure.Path, error.Message, StringComparison.Ordinal);

        // The first file is complete; the failed one holds whole lines up to what the "disk" took, then at most one partial line.
        var first = ReadBack([recorder.Files[0]]);
        AssertSame(frames.Take(first.Count).ToList(), first);
        Assert.True(new FileInfo(recorder.Files[0]).Length >= 100_000);
        using var reader = new RecordingReader([RecordingSource.FromBytes("full", full.ToArray())]);
        int second = 0;
        while (reader.TryRead(out var frame) && frame.Payload.Length == frames[first.Count + second].Frame.Length)
        {
            Assert.True(frame.Payload.Span.SequenceEqual(frames[first.Count + second].Frame));
            second++;
        }

        Assert.True(second > 0);
        Assert.True(first.Count + second <= recorder.FramesWritten);

        // Every frame offered is either written or counted as dropped (the refused "{}" above included).
        Assert.Equal(frames.Count + 1, recorder.FramesWritten + recorder.FramesDropped);
        Assert.True(accepted < frames.Count || recorder.FramesDropped > 1);
    }

    [Fact]
    public async Task A_real_ENOSPC_from_dev_full_is_reported()
    {
        if (!File.Exists("/dev/full"))
        {
            Assert.Skip("/dev/full is Linux-only.");
        }

        var failed = new TaskCompletionSource<FrameRecorderFailure>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var recorder = new FrameRecorder(new FrameRecorderOptions
        {
            Directory = _directory,
            FlushInterval = TimeSpan.Zero,
            OpenFile = _ => new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1),
        });
        recorder.Failed += f => failed.TrySetResult(f);
        Assert.True(recorder.TryWrite(T0, "{\"e\":\"trade\"}"u8));
        var failure = await failed.Task.WaitAsync(Timeout);
        Assert.IsAssignableFrom<IOException>(failure.Exception);
        Assert.Contains("space", failure.Exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(recorder.Failure);
    }

    [Fact]
    public async Task A_full_queue_drops_and_counts_without_blocking_the_caller()
    {
        var gated = new GatedStream();
        var recorder = new FrameRecorder(new FrameRecorderOptions
        {
            Directory = _directory,
            Compression = RecordingCompression.None,
            QueueCapacity = 4,
            OpenFile = _ => gated,
        });

        Assert.True(recorder.TryWrite(T0, "{\"n\":0}"u8));
        await gated.FirstWrite.Task.WaitAsync(Timeout); // the writer holds frame 0 and is stuck in the "disk"

        for (int n = 1; n <= 4; n++)
        {
            Assert.True(recorder.TryWrite(T0 + n, Encoding.UTF8.GetBytes($"{{\"n\":{n}}}")));
        }

        for (int n = 5; n <= 7; n++)
        {
            Assert.False(recorder.TryWrite(T0 + n, Encoding.UTF8.GetBytes($"{{\"n\":{n}}}")));
        }

        Assert.Equal(3, recorder.FramesDropped);
        gated.Release();
        await recorder.CompleteAsync();
        Assert.Equal(5, recorder.FramesWritten);
        using var reader = new RecordingReader([RecordingSource.FromBytes("gated", gated.ToArray())]);
        var payloads = new List<string>();
        while (reader.TryRead(out var frame))
        {
            payloads.Add(Encoding.UTF8.GetString(frame.Payload.Span));
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(n => $"{{\"n\":{n}}}"), payloads);
    }

    [Fact]
    public async Task Written_frames_are_flushed_within_the_flush_interval_on_the_given_clock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_723_161_255));
        var stream = new SignallingStream();
        await using var recorder = new FrameRecorder(new FrameRecorderOptions
        {
            Directory = _directory,
            Compression = RecordingCompression.None,
            FlushInterval = TimeSpan.FromSeconds(1),
            TimeProvider = time,
            OpenFile = _ => stream,
        });

        Assert.True(recorder.TryWrite(T0, "{\"a\":1}"u8));
        await stream.Written.Task.WaitAsync(Timeout);
        Assert.False(stream.Flushed.Task.IsCompleted); // no time has passed on the fake clock

        time.Advance(TimeSpan.FromSeconds(1));
        await stream.Flushed.Task.WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_frame_with_line_breaks_stays_on_one_line()
    {
        await using var recorder = new FrameRecorder(new FrameRecorderOptions { Directory = _directory, Compression = RecordingCompression.None });
        Assert.True(recorder.TryWrite(T0, "{\"a\":\n1}\r\n"u8));
        Assert.True(recorder.TryWrite(T0 + 1, "{\"b\":2}"u8));
        await recorder.CompleteAsync();
        Assert.Equal(1, recorder.FramesNormalized);
        Assert.Equal($"{T0} {{\"a\": 1}}  \n{T0 + 1} {{\"b\":2}}\n", File.ReadAllText(Assert.Single(recorder.Files)));
    }
}
