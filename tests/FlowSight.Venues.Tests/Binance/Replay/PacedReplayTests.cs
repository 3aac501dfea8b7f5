using System.Text;
using FlowSight.Engine.Replay;
using FlowSight.TestKit;
using FlowSight.Venues.Binance.Replay;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Replay;

/// <summary>At recorded speed, a replay releases each frame when its time comes on the given clock.</summary>
public sealed class PacedReplayTests
{
    /// <summary>Frames in memory; completes <see cref="Requested"/>[n] when the n-th frame is asked for (0-based).</summary>
    private sealed class SignallingSource(IReadOnlyList<(long Time, byte[] Payload)> frames) : IRecordedFrameSource
    {
        private int _next;

        public TaskCompletionSource[] Requested { get; } =
            Enumerable.Range(0, frames.Count + 1).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();

        public bool TryRead(out RecordedFrame frame)
        {
            Requested[_next].TrySetResult();
            if (_next == frames.Count)
            {
                frame = default;
                return false;
            }

            var (time, payload) = frames[_next++];
            frame = new RecordedFrame(time, RecordedFrameKind.Received, payload, default, 0, _next);
            return true;
        }
    }

    /// <summary>A fake clock that reports each timer armed on it, so the test advances time only once the replay waits.</summary>
    private sealed class ObservedClock : TimeProvider
    {
        public FakeTimeProvider Fake { get; } = new();

        public SemaphoreSlim TimerArmed { get; } = new(0);

        public override long TimestampFrequency => Fake.TimestampFrequency;

        public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

        public override long GetTimestamp() => Fake.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = Fake.CreateTimer(callback, state, dueTime, period);
            TimerArmed.Release();
            return timer;
        }
    }

    [Fact]
    public async Task Frames_follow_the_recorded_timing_on_a_fake_clock()
    {
        // Three bookTicker lines of the usdm recording, re-stamped 0 s, 1 s and 3 s apart.
        var tickers = File.ReadLines(SharedData.Require(RecordingReplays.UsdmFirst20s))
            .Where(l => l.Contains("@bookTicker", StringComparison.Ordinal))
            .Take(3)
            .Select(l => Encoding.UTF8.GetBytes(l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..]))
            .ToArray();
        const long t0 = 1_723_161_255_000_000_000;
        var source = new SignallingSource([(t0, tickers[0]), (t0 + 1_000_000_000, tickers[1]), (t0 + 3_000_000_000, tickers[2])]);
        var clock = new ObservedClock();
        var replay = new BinanceReplay();
        var timeout = TimeSpan.FromSeconds(30);
        var token = TestContext.Current.CancellationToken;

        var run = replay.RunAsync(source, new ReplayPacer(1.0, clock), token);
        Assert.True(await clock.TimerArmed.WaitAsync(timeout, token)); // frame 0 went through at once; frame 1 waits
        Assert.Equal(1, replay.Frames);

        clock.Fake.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await clock.TimerArmed.WaitAsync(timeout, token)); // frame 1 went through; frame 2 waits
        Assert.Equal(2, replay.Frames);

        clock.Fake.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(source.Requested[3].Task.IsCompleted);
        Assert.Equal(2, replay.Frames);

        clock.Fake.Advance(TimeSpan.FromMilliseconds(1));
        await run.WaitAsync(timeout);
        Assert.Equal(3, replay.Frames);
        Assert.Equal(3, replay.Books[0].Statistics.Frames);
    }
}
