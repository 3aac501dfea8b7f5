namespace FlowSight.Venues.Tests.Conformance;

/// <summary>The conformance suite on OKX (BTC-USDT-SWAP, synthetic <c>books</c> with checksums).</summary>
public sealed class OkxMarketDataConformanceTests : MarketDataConformanceTests
{
    private protected override IConformanceVenue CreateVenue() => new OkxConformanceVenue();
}
