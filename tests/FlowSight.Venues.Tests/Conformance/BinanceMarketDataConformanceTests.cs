using Xunit;

namespace FlowSight.Venues.Tests.Conformance;

/// <summary>The conformance suite on Binance USDⓈ-M (BTCUSDT, recorded stream, REST depth snapshots).</summary>
public sealed class BinanceMarketDataConformanceTests : MarketDataConformanceTests
{
    [Fact]
    public Task An_ip_ban_waits_for_the_venues_retry_after_then_succeeds() => IpBanWaitsForRetryAfterAsync();

    [Fact]
    public Task A_rate_limited_snapshot_request_waits_for_the_venues_reset_then_the_book_syncs() => RateLimitedSnapshotWaitsForResetAsync();

    private protected override IConformanceVenue CreateVenue() => new BinanceConformanceVenue();
}
