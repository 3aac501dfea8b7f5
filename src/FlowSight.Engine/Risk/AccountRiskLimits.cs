namespace FlowSight.Engine.Risk;

/// <summary>
/// Limits of one venue account (by its name in <see cref="RiskLimits.Accounts"/>), checked besides the node-wide ones.
/// Amounts are in <see cref="RiskLimits.ValuationCurrency"/>.
/// </summary>
public sealed record AccountRiskLimits
{
    /// <summary>
    /// The account's loss for the day (a positive amount) at which opening orders on its instruments are refused and
    /// the kill switch trips: when that account's daily PnL ≤ −DailyLossLimit.
    /// </summary>
    public decimal? DailyLossLimit { get; init; }
}
