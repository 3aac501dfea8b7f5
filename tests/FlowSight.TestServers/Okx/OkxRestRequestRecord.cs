namespace FlowSight.TestServers.Okx;

/// <summary>One request the OKX REST routes received.</summary>
/// <param name="Time">Arrival time on the server's clock.</param>
/// <param name="Path">The path, e.g. <c>/api/v5/market/history-candles</c>.</param>
/// <param name="Query">The query string as received (with its leading <c>?</c>).</param>
/// <param name="Status">The HTTP status answered.</param>
/// <param name="Code">The OKX envelope code answered (<c>0</c> for success).</param>
public sealed record OkxRestRequestRecord(DateTimeOffset Time, string Path, string Query, int Status, string Code);
