using FlowSight.Venues.Network;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FlowSight.Venues.Tests.Network;

public sealed class MessageRateLimiterTests
{
    [Fact]
    public void The_limit_goes_at_once_and_the_next_waits_for_the_window()
    {
        var clock = new FakeTimeProvider();
        var limiter = new MessageRateLimiter(5, TimeSpan.FromSeconds(1), clock);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.GetWaitTime());
            limiter.RecordSent();
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(500), limiter.GetWaitTime());
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(TimeSpan.Zero, limiter.GetWaitTime());
    }

    [Fact]
    public async Task Waiting_uses_the_time_provider()
    {
        var clock = new FakeTimeProvider();
        var limiter = new MessageRateLimiter(2, TimeSpan.FromSeconds(1), clock);
        await limiter.WaitAndRecordAsync(CancellationToken.None);
        await limiter.WaitAndRecordAsync(CancellationToken.None);
        var third = limiter.WaitAndRecordAsync(CancellationToken.None).AsTask();
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await third.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, limiter.Delayed);
    }

    /// <summary>However the sends are spread, no window of one second ever holds more than the limit.</summary>
    [Property(MaxTest = 200)]
    public bool No_window_exceeds_the_limit(byte limitSeed, ushort[] gapsMs)
    {
        var limit = (limitSeed % 10) + 1;
        var clock = new FakeTimeProvider();
        var limiter = new MessageRateLimiter(limit, TimeSpan.FromSeconds(1), clock);
        var sentAt = new List<DateTimeOffset>();
        foreach (var gap in gapsMs)
        {
            clock.Advance(TimeSpan.FromMilliseconds(gap % 700));
            var wait = limiter.GetWaitTime();
            if (wait > TimeSpan.Zero)
            {
                clock.Advance(wait);
            }

            limiter.RecordSent();
            sentAt.Add(clock.GetUtcNow());
        }

        for (var i = 0; i + limit < sentAt.Count; i++)
        {
            if (sentAt[i + limit] - sentAt[i] < TimeSpan.FromSeconds(1))
            {
                return false;
            }
        }

        return true;
    }
}
