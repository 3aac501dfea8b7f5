using FlowSight.Core;

namespace FlowSight.Venues.GateIo.Rest;

/// <summary>Settled funding rates from <c>futures/usdt/funding_rate</c>, oldest first.</summary>
/// <param name="Rates">The rates; the interval is inferred from the spacing of consecutive settlements.</param>
/// <param name="Pages">How many requests it took.</param>
public sealed record GateIoFundingRateHistory(IReadOnlyList<FundingRate> Rates, int Pages);
