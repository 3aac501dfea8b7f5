namespace FlowSight.TestServers.GateIo;

/// <summary>One request the Gate.io REST routes received.</summary>
/// <param name="Time">Arrival time on the server's clock.</param>
/// <param name="Path">The path, e.g. <c>/api/v4/spot/candlesticks</c>.</param>
/// <param name="Query">The query string as received (with its leading <c>?</c>).</param>
/// <param name="Status">The HTTP status answered.</param>
/// <param name="Label">Gate's error label answered, or null on success.</param>
public sealed record GateIoRestRequestRecord(DateTimeOffset Time, string Path, string Query, int Status, string? Label);
