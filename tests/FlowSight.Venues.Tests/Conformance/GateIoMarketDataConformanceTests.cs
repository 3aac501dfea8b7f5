namespace FlowSight.Venues.Tests.Conformance;

/// <summary>The conformance suite on Gate.io USDT futures (OMG_USDT, recorded updates at the test's pace, REST snapshots).</summary>
public sealed class GateIoMarketDataConformanceTests : MarketDataConformanceTests
{
    private protected override IConformanceVenue CreateVenue() => new GateIoConformanceVenue();
}
