using FlowSight.Core;

namespace FlowSight.Simulator.Accounts;

/// <summary>
/// One position's funding settlement (Binance income type <c>FUNDING_FEE</c>): amount = −direction × mark × size ×
/// multiplier × rate, so with a positive rate longs pay and shorts receive.
/// </summary>
/// <param name="AccountId">Whose position.</param>
/// <param name="Instrument">The perpetual.</param>
/// <param name="PositionSide">Both, or the hedge leg.</param>
/// <param name="Direction">Long or short at the funding time.</param>
/// <param name="Size">Absolute size settled.</param>
/// <param name="MarkPrice">The mark price used.</param>
/// <param name="FundingRate">The period's rate.</param>
/// <param name="PositionNotional">Mark × size × multiplier.</param>
/// <param name="Amount">Received (positive) or paid (negative), rounded toward negative infinity at 8 decimals.</param>
/// <param name="Timestamp">The funding time, Unix nanoseconds.</param>
public readonly record struct FundingPayment(
    int AccountId,
    InstrumentId Instrument,
    PositionSide PositionSide,
    PositionDirection Direction,
    Quantity Size,
    Price MarkPrice,
    decimal FundingRate,
    Money PositionNotional,
    Money Amount,
    long Timestamp);
