
namespace FlowSight.Core;

/// <summary>
/// One tier of a leverage-bracket table (Binance <c>GET /fapi/v1/leverageBracket</c>): positions whose notional lies in
/// [<see cref="NotionalFloor"/>, <see cref="NotionalCap"/>) may use at most <see cref="MaxLeverage"/> and need
/// maintenance margin = notional × <see cref="MaintenanceMarginRate"/> − <see cref="MaintenanceAmount"/>.
/// </summary>
/// <param name="Bracket">1 for the smallest notionals.</param>
/// <param name="NotionalFloor">Lower bound of the position notional, inclusive (<c>notionalFloor</c>).</param>
/// <param name="NotionalCap">Upper bound, exclusive (<c>notionalCap</c>).</param>
/// <param name="MaxLeverage">The highest leverage allowed in this tier (<c>initialLeverage</c>).</param>
/// <param name="MaintenanceMarginRate">The maintenance margin rate (<c>maintMarginRatio</c>).</param>
/// <param name="MaintenanceAmount">
/// The tier's deduction (<c>cum</c>), which keeps maintenance margin continuous across tiers:
/// cum(n) = cum(n−1) + floor(n) × (rate(n) − rate(n−1)).
/// </param>
public readonly record struct LeverageBracket(
    int Bracket,
    Money NotionalFloor,
    Money NotionalCap,
    int MaxLeverage,
    decimal MaintenanceMarginRate,
    Money MaintenanceAmount);
