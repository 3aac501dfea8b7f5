using Xunit;

namespace FlowSight.Venues.Tests.Conformance;

/// <summary>The conformance suite on OKX (BTC-USDT-SWAP, synthetic <c>books</c> with checksums).</summary>
public sealed class OkxMarketDataConformanceTests : MarketDataConformanceTests
{
    [Fact]
    public Task A_bad_checksum_resubscribes_and_the_new_snapshot_makes_the_book_equal_the_venues() => BadChecksumResubscribesAsync();

    private protected override IConformanceVenue CreateVenue() => new OkxConformanceVenue();
}
