using FlowSight.Core;

namespace FlowSight.PaperVenue.Exchange;

/// <summary>A settled funding period (Binance <c>GET fundingRate</c>, OKX <c>funding-rate-history</c>).</summary>
/// <param name="FundingTime">The settlement time, Unix nanoseconds.</param>
/// <param name="Rate">The rate settled.</param>
/// <param name="Mark">The mark price at settlement.</param>
public readonly record struct PaperFunding(long FundingTime, decimal Rate, Price Mark);
