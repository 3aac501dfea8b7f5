using FlowSight.Core;

namespace FlowSight.Venues.GateIo.Rest;

/// <summary>One Gate.io USDT perpetual: the core spec plus the Gate fields it does not carry.</summary>
/// <param name="Spec">The spec: tick <c>order_price_round</c>, step 1 contract, minimum <c>order_size_min</c>, maximum <c>order_size_max</c>, multiplier <c>quanto_multiplier</c>, leverage <c>leverage_max</c>, maker/taker fee rates.</param>
/// <param name="Type">Gate's <c>type</c>: <c>direct</c> (linear) or <c>inverse</c>.</param>
/// <param name="InDelisting">Gate's <c>in_delisting</c>.</param>
/// <param name="FundingIntervalSeconds">Gate's <c>funding_interval</c>.</param>
/// <param name="FundingRate">The rate of the coming settlement (<c>funding_rate</c>).</param>
/// <param name="NextFundingTime">When it settles (<c>funding_next_apply</c>), Unix nanoseconds; 0 when Gate sent none.</param>
public sealed record GateIoContract(Instrument Spec, string Type, bool InDelisting, int FundingIntervalSeconds, decimal FundingRate, long NextFundingTime);
