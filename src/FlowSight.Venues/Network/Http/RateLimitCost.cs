namespace FlowSight.Venues.Network.Http;

/// <summary>What one request draws from one rate-limit pool (e.g. 5 units of Binance <c>REQUEST_WEIGHT</c>).</summary>
/// <param name="Pool">The pool, as named by a <see cref="RateLimitRule"/>.</param>
/// <param name="Units">The units the request costs; zero costs nothing.</param>
public readonly record struct RateLimitCost(string Pool, int Units);
