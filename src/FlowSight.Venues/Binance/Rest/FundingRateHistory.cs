using FlowSight.Core;

namespace FlowSight.Venues.Binance.Rest;

/// <summary>Settled funding rates from <c>fundingRate</c>, by funding time.</summary>
/// <param name="Rates">The rates; <see cref="FundingRate.IntervalHours"/> is inferred from the spacing of consecutive settlements.</param>
/// <param name="Pages">How many requests it took.</param>
public sealed record FundingRateHistory(IReadOnlyList<FundingRate> Rates, int Pages);
