namespace FlowSight.Server.Api;

/// <summary>The risk engine refused a command (422): which check, and why in words.</summary>
/// <param name="Accepted">Always false.</param>
/// <param name="Check">The refusing check's id (<c>max-notional</c>, <c>halted</c>, <c>order-not-open</c>, …).</param>
/// <param name="Reason">The limit and the value that broke it.</param>
public sealed record TradingRefusal(bool Accepted, string Check, string Reason);
