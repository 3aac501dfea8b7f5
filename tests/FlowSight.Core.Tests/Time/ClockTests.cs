using FlowSight.Core;
using Xunit;

namespace FlowSight.Core.Tests.Time;

public sealed class ClockTests
{
    [Fact]
    public void Unix_nanos_convert_both_ways()
    {
        var time = new DateTimeOffset(2024, 8, 8, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567);
        var nanos = UnixNanos.FromDateTimeOffset(time);

        Assert.Equal(time, UnixNanos.ToDateTimeOffset(nanos));
        Assert.Equal(1_723_118_400_123_456_700L, nanos);
        Assert.Equal(1_723_118_400_123L, UnixNanos.ToMilliseconds(nanos));
        Assert.Equal(-1L, UnixNanos.ToMilliseconds(-1));
        Assert.Equal(1_723_118_400_123_000_000L, UnixNanos.FromMilliseconds(1_723_118_400_123));
        Assert.Throws<OverflowException>(() => UnixNanos.FromMilliseconds(long.MaxValue / 10));
    }

    [Fact]
    public void Simulated_clock_moves_only_forward_and_only_when_told()
    {
        var clock = new SimulatedClock(1_000);

        Assert.Equal(1_000, UnixNanos.Now(clock));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1_001_000, clock.UnixNanosNow);
        clock.AdvanceTo(2_000_000);
        Assert.Equal(2_000_000, clock.GetTimestamp());
        var ex = Assert.Throws<InvalidOperationException>(() => clock.AdvanceTo(5));
        Assert.Contains("backwards", ex.Message, StringComparison.Ordinal);
    }
}
