namespace FlowSight.Engine.Portfolio;

/// <summary>One sample of the account's equity.</summary>
/// <param name="Timestamp">When it was sampled, Unix nanoseconds.</param>
/// <param name="Equity">Balances plus unrealised PnL, in the valuation currency.</param>
public readonly record struct EquityPoint(long Timestamp, decimal Equity);
