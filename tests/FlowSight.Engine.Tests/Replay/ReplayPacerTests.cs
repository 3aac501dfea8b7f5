using FlowSight.Engine.Replay;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FlowSight.Engine.Tests.Replay;

/// <summary>The pacer releases frames at recorded speed × its speed on the clock it is given.</summary>
public sealed class ReplayPacerTests
{
    private const long T0 = 1_723_161_255_000_000_000;
    private const long Second = 1_000_000_000;

    [Fact]
    public void Frames_are_due_at_their_recorded_offset_divided_by_the_speed()
    {
        var time = new FakeTimeProvider();
        var pacer = new ReplayPacer(2.0, time);
        Assert.True(pacer.WaitAsync(T0, TestContext.Current.CancellationToken).AsTask().IsCompletedSuccessfully); // the first frame sets the origin

        var second = pacer.WaitAsync(T0 + (3 * Second), TestContext.Current.CancellationToken).AsTask(); // due 1.5 s later at 2×
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(second.IsCompletedSuccessfully);

        // Already due (the replay fell behind, or the recording's clock stepped back): no wait.
        Assert.True(pacer.WaitAsync(T0 + Second, TestContext.Current.CancellationToken).AsTask().IsCompletedSuccessfully);
        Assert.True(pacer.WaitAsync(T0 + (3 * Second), TestContext.Current.CancellationToken).AsTask().IsCompletedSuccessfully);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.PositiveInfinity)]
    public void Speed_zero_or_infinite_never_waits(double speed)
    {
        var pacer = new ReplayPacer(speed, new FakeTimeProvider());
        Assert.True(pacer.IsUnpaced);
        Assert.True(pacer.WaitAsync(T0, TestContext.Current.CancellationToken).AsTask().IsCompletedSuccessfully);
        Assert.True(pacer.WaitAsync(T0 + (3600 * Second), TestContext.Current.CancellationToken).AsTask().IsCompletedSuccessfully);
    }

    [Fact]
    public void A_negative_speed_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayPacer(-1));
}
