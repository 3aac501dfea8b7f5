using FlowSight.Venues.Network.Http;
using Xunit;

namespace FlowSight.Venues.Tests.Network.Http;

/// <summary>The weight windows alone, on explicit times (the HTTP behaviour is in <see cref="VenueRestClientTests"/>).</summary>
public sealed class HostRateLimiterTests
{
    private const string Header = "X-MBX-USED-WEIGHT-1M";
    private static readonly DateTimeOffset Minute = new(2024, 8, 9, 0, 0, 0, TimeSpan.Zero);

    private static HostRateLimiter Limiter(int limit = 100)
    {
        var limiter = new HostRateLimiter();
        limiter.Configure([new RateLimitRule("REQUEST_WEIGHT", TimeSpan.FromMinutes(1), limit) { UsedHeader = Header }]);
        return limiter;
    }

    private static RateLimitCost[] Weight(int units) => [new("REQUEST_WEIGHT", units)];

    private static Func<string, int?> Reported(int? count) => header => header == Header ? count : null;

    private static int Used(HostRateLimiter limiter, DateTimeOffset now) => limiter.Snapshot(now)[0].Used;

    [Fact]
    public void Reservations_fill_the_window_and_the_next_one_waits_for_its_end()
    {
        var limiter = Limiter(100);
        var now = Minute.AddSeconds(20);

        var leases = new List<RateLimitLease>();
        for (var i = 0; i < 10; i++)
        {
            Assert.True(limiter.TryReserve(Weight(10), now, out var lease, out _));
            leases.Add(lease);
        }

        Assert.False(limiter.TryReserve(Weight(1), now, out _, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(40), wait);
        Assert.Equal(100, Used(limiter, now));
        leases.ForEach(lease => limiter.Complete(lease, now, Reported(null)));
        Assert.False(limiter.TryReserve(Weight(1), now, out _, out _)); // answered, still counted in this window
        Assert.True(limiter.TryReserve(Weight(100), Minute.AddMinutes(1), out _, out _)); // a new window
    }

    [Fact]
    public void The_venues_count_replaces_the_estimate_when_it_is_higher()
    {
        var limiter = Limiter(100);
        Assert.True(limiter.TryReserve(Weight(5), Minute, out var lease, out _));

        limiter.Complete(lease, Minute, Reported(90)); // other processes on the same IP used 85

        Assert.Equal(90, Used(limiter, Minute));
        Assert.False(limiter.TryReserve(Weight(11), Minute, out _, out _));
        Assert.True(limiter.TryReserve(Weight(10), Minute, out _, out _));
    }

    [Fact]
    public void A_stale_lower_count_in_the_same_window_is_ignored()
    {
        var limiter = Limiter(100);
        Assert.True(limiter.TryReserve(Weight(5), Minute, out var first, out _));
        Assert.True(limiter.TryReserve(Weight(5), Minute, out var second, out _));

        limiter.Complete(second, Minute, Reported(40)); // answers overtook each other
        limiter.Complete(first, Minute, Reported(35));

        Assert.Equal(40, Used(limiter, Minute));
    }

    [Fact]
    public void The_venues_count_replaces_our_estimate_for_unreported_answers()
    {
        var limiter = Limiter(100);
        Assert.True(limiter.TryReserve(Weight(30), Minute, out var unreported, out _));
        limiter.Complete(unreported, Minute, Reported(null)); // no header: assume it counted
        Assert.Equal(30, Used(limiter, Minute));

        Assert.True(limiter.TryReserve(Weight(5), Minute, out var reported, out _));
        limiter.Complete(reported, Minute, Reported(12)); // the venue says the first one did not count in full

        Assert.Equal(12, Used(limiter, Minute));
    }

    [Fact]
    public void In_flight_reservations_count_until_answered_even_across_a_window_boundary()
    {
        var limiter = Limiter(10);
        Assert.True(limiter.TryReserve(Weight(6), Minute.AddSeconds(59), out var lease, out _));

        Assert.False(limiter.TryReserve(Weight(6), Minute.AddSeconds(59), out _, out _));
        Assert.Equal(6, limiter.Snapshot(Minute)[0].InFlight);

        // It may land in the next window on the venue's side, so it still counts there until answered.
        Assert.False(limiter.TryReserve(Weight(6), Minute.AddMinutes(1), out _, out _));
        limiter.Complete(lease, Minute.AddMinutes(1), Reported(6));
        Assert.True(limiter.TryReserve(Weight(4), Minute.AddMinutes(1), out _, out _));
    }

    [Fact]
    public void Windows_follow_the_venues_clock()
    {
        var limiter = Limiter(10);
        limiter.ClockOffset = TimeSpan.FromSeconds(2); // the venue is 2 s ahead: its minute ends at our :58
        var now = Minute.AddSeconds(50);
        Assert.True(limiter.TryReserve(Weight(10), now, out var lease, out _));
        limiter.Complete(lease, now, Reported(10));

        Assert.False(limiter.TryReserve(Weight(1), now, out _, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(8), wait);
        Assert.True(limiter.TryReserve(Weight(1), Minute.AddSeconds(58), out _, out _));
    }

    [Fact]
    public void A_cost_above_the_whole_limit_is_refused_at_once()
    {
        var limiter = Limiter(10);

        Assert.Throws<ArgumentOutOfRangeException>(() => limiter.TryReserve(Weight(11), Minute, out _, out _));
    }

    [Fact]
    public void Reconfiguring_keeps_the_counts_of_the_same_window()
    {
        var limiter = Limiter(100);
        Assert.True(limiter.TryReserve(Weight(40), Minute, out var lease, out _));
        limiter.Complete(lease, Minute, Reported(40));

        limiter.Configure([new RateLimitRule("REQUEST_WEIGHT", TimeSpan.FromMinutes(1), 50) { UsedHeader = Header }]);

        Assert.Equal(40, Used(limiter, Minute));
        Assert.False(limiter.TryReserve(Weight(11), Minute, out _, out _));
    }
}
