using FlowSight.Server.State;

namespace FlowSight.Server.Health;

/// <summary>The body of <c>/health/ready</c>: ready or not, why not, each feed's books and every connection.</summary>
/// <param name="Status"><c>ready</c> or <c>not-ready</c>.</param>
/// <param name="Problems">What keeps the server from being ready, for a person (empty when ready).</param>
/// <param name="MarketData">Each market-data client and its books.</param>
/// <param name="Connections">Every connection the engine knows (market data and execution), from the replica.</param>
public sealed record ReadinessReport(
    string Status, IReadOnlyList<string> Problems, IReadOnlyList<MarketDataReadiness> MarketData, IReadOnlyList<ConnectionView> Connections);
