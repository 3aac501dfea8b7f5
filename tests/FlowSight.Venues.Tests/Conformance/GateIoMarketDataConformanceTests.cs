using Xunit;

namespace FlowSight.Venues.Tests.Conformance;

/// <summary>The conformance suite on Gate.io USDT futures (OMG_USDT, recorded updates at the test's pace, REST snapshots).</summary>
public sealed class GateIoMarketDataConformanceTests : MarketDataConformanceTests
{
    [Fact]
    public Task A_rate_limited_snapshot_request_waits_for_the_venues_reset_then_the_book_syncs() => RateLimitedSnapshotWaitsForResetAsync();

    private protected override IConformanceVenue CreateVenue() => new GateIoConformanceVenue();
}
