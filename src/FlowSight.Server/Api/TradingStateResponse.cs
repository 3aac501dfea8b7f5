namespace FlowSight.Server.Api;

/// <summary>The risk engine's state after a kill switch or a resume.</summary>
/// <param name="State">ACTIVE, REDUCING or HALTED.</param>
/// <param name="Reason">Why it is in that state.</param>
/// <param name="KillSwitchTripped">True until a resume.</param>
public sealed record TradingStateResponse(string State, string? Reason, bool KillSwitchTripped);
