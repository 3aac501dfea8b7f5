namespace FlowSight.Venues.Tests.Conformance;

/// <summary>A REST request the venue's server answered.</summary>
/// <param name="Time">Arrival on the server's clock.</param>
/// <param name="Status">HTTP status answered.</param>
/// <param name="RetryNotBefore">
/// For a rate-limit refusal, the earliest moment the venue allows the next request: Binance's <c>Retry-After</c>, Gate's
/// <c>X-Gate-RateLimit-Reset-Timestamp</c>, the end of OKX's 2-second window; null otherwise.
/// </param>
internal sealed record ConformanceRestRequest(DateTimeOffset Time, int Status, DateTimeOffset? RetryNotBefore);
