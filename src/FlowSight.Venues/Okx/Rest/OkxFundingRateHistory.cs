using FlowSight.Core;

namespace FlowSight.Venues.Okx.Rest;

/// <summary>Settled funding rates from <c>public/funding-rate-history</c>, oldest first.</summary>
/// <param name="Rates">The rates (<c>fundingRate</c>); the interval is inferred from the spacing of consecutive settlements.</param>
/// <param name="RealizedRates">OKX's <c>realizedRate</c> per entry of <see cref="Rates"/> (null where OKX sent none).</param>
/// <param name="Pages">How many requests it took.</param>
public sealed record OkxFundingRateHistory(IReadOnlyList<FundingRate> Rates, IReadOnlyList<decimal?> RealizedRates, int Pages);
