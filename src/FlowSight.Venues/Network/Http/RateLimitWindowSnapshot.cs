namespace FlowSight.Venues.Network.Http;

/// <summary>The state of one rate-limit window at one moment.</summary>
/// <param name="Pool">The pool the window counts.</param>
/// <param name="Interval">The window length.</param>
/// <param name="Limit">The most units the venue accepts per window.</param>
/// <param name="Used">Units counted in the current window: the venue's latest count plus our estimate for requests it has not reported.</param>
/// <param name="InFlight">Units reserved by requests sent and not yet answered.</param>
/// <param name="WindowStart">Start of the current window on the client's clock.</param>
public readonly record struct RateLimitWindowSnapshot(string Pool, TimeSpan Interval, int Limit, int Used, int InFlight, DateTimeOffset WindowStart);
