namespace FlowSight.Venues.Tests.Conformance;

/// <summary>The conformance suite on Binance USDⓈ-M (BTCUSDT, recorded stream, REST depth snapshots).</summary>
public sealed class BinanceMarketDataConformanceTests : MarketDataConformanceTests
{
    private protected override IConformanceVenue CreateVenue() => new BinanceConformanceVenue();
}
