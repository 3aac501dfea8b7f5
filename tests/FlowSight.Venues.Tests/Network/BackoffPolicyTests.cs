using FlowSight.Venues.Network;
using Xunit;

namespace FlowSight.Venues.Tests.Network;

public sealed class BackoffPolicyTests
{
    private static readonly BackoffPolicy Policy = new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(500),
        MaxDelay = TimeSpan.FromSeconds(5),
        Multiplier = 2,
    };

    [Fact]
    public void Ceiling_doubles_per_failure_up_to_the_maximum()
    {
        var ceilings = Enumerable.Range(1, 7).Select(Policy.GetCeiling).Select(t => t.TotalMilliseconds);
        Assert.Equal([500, 1000, 2000, 4000, 5000, 5000, 5000], ceilings);
    }

    [Fact]
    public void Full_jitter_spreads_delays_over_zero_to_the_ceiling()
    {
        var random = new Random(7);
        var delays = Enumerable.Range(0, 2_000).Select(_ => Policy.GetDelay(3, random)).ToList();
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromMilliseconds(2000)));
        Assert.True(delays.Min() < TimeSpan.FromMilliseconds(100), "full jitter reaches near zero");
        Assert.True(delays.Max() > TimeSpan.FromMilliseconds(1900), "full jitter reaches near the ceiling");
    }

    [Fact]
    public void Huge_failure_counts_stay_at_the_maximum()
    {
        Assert.Equal(Policy.MaxDelay, Policy.GetCeiling(10_000));
    }

    [Fact]
    public void Invalid_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => (Policy with { Multiplier = 0.5 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (Policy with { MaxDelay = TimeSpan.FromMilliseconds(1) }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (Policy with { MaxAttempts = -1 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy.GetCeiling(0));
    }
}
