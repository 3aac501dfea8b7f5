namespace FlowSight.Server.Api;

/// <summary>The risk engine let a command through (200 for a new order, 202 for a cancel).</summary>
/// <param name="Accepted">Always true.</param>
/// <param name="ClientOrderId">The order's id (generated when the request had none); null for a cancel-all.</param>
public sealed record TradingAccepted(bool Accepted, string? ClientOrderId);
