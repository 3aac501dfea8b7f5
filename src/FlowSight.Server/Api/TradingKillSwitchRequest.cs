namespace FlowSight.Server.Api;

/// <summary>The (optional) body of <c>POST /api/risk/kill-switch</c>.</summary>
/// <param name="Reason">Why, for the log and the risk panel.</param>
/// <param name="Flatten">Also close every open position at market.</param>
public sealed record TradingKillSwitchRequest(string? Reason, bool? Flatten);
