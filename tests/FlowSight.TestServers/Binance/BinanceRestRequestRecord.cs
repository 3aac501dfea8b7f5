namespace FlowSight.TestServers.Binance;

/// <summary>One request the REST server received.</summary>
/// <param name="Sequence">Arrival order, from 1.</param>
/// <param name="Time">Arrival time on the server's clock (the test's fake clock, without the configured skew).</param>
/// <param name="Market">The market of its path.</param>
/// <param name="Endpoint">The endpoint, e.g. <c>depth</c>.</param>
/// <param name="Query">The query string as received.</param>
/// <param name="Weight">The weight charged.</param>
/// <param name="UsedWeight">The window's used weight after it (the <c>X-MBX-USED-WEIGHT-1M</c> value sent).</param>
/// <param name="Status">The HTTP status answered.</param>
/// <param name="Fault">The injected fault, if one hit it.</param>
public sealed record BinanceRestRequestRecord(
    long Sequence,
    DateTimeOffset Time,
    BinanceServerMarket Market,
    string Endpoint,
    string Query,
    int Weight,
    int UsedWeight,
    int Status,
    BinanceRestFaultKind? Fault);
