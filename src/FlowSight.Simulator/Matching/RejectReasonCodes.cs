using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Matching;

/// <summary>
/// What each venue answers for each <see cref="RejectReason"/>, so the wire protocols of the paper venue send the
/// codes and messages real clients handle. Binance: USDⓈ-M futures error codes (<c>-1111</c>, <c>-2011</c>,
/// <c>-2019</c>…<c>-2022</c>, <c>-40xx</c>, <c>-4164</c>, <c>-5021</c>/<c>-5022</c>); OKX: the v5 <c>51000</c> series.
/// </summary>
public static class RejectReasonCodes
{
    /// <summary>Binance USDⓈ-M's code and message for <paramref name="reason"/>.</summary>
    public static BinanceReject Binance(RejectReason reason) => reason switch
    {
        RejectReason.None => new(0, string.Empty),
        RejectReason.UnknownInstrument => new(-1121, "Invalid symbol."),
        RejectReason.UnknownOrder => new(-2011, "Unknown order sent."),
        RejectReason.DuplicateClientOrderId => new(-4116, "ClientOrderId is duplicated."),
        RejectReason.InvalidQuantity => new(-4003, "Quantity less than or equal to zero."),
        RejectReason.QuantityBelowMinimum => new(-4004, "Quantity less than min quantity."),
        RejectReason.QuantityAboveMaximum => new(-4005, "Quantity greater than max quantity."),
        RejectReason.QuantityNotStepMultiple => new(-1111, "Precision is over the maximum defined for this asset."),
        RejectReason.InvalidPrice => new(-4001, "Price less than 0."),
        RejectReason.PriceNotTickMultiple => new(-4014, "Price not increased by tick size."),
        RejectReason.NotionalBelowMinimum => new(-4164, "Order's notional must be no smaller than %s (unless you choose reduce only)."),
        RejectReason.PostOnlyWouldTake => new(-5022, "Due to the order could not be executed as maker, the Post Only order will be rejected. The order will not be recorded in the order history"),
        RejectReason.FillOrKillNotFillable => new(-5021, "Due to the order could not be filled immediately, the FOK order has been rejected. The order will not be recorded in the order history"),
        RejectReason.WouldTriggerImmediately => new(-2021, "Order would immediately trigger."),
        RejectReason.ReduceOnlyRejected => new(-2022, "ReduceOnly Order is rejected."),
        RejectReason.InsufficientBalance => new(-2018, "Balance is insufficient."),
        RejectReason.InsufficientMargin => new(-2019, "Margin is insufficient."),
        RejectReason.NoLiquidity => new(-2020, "Unable to fill."),
        RejectReason.LeverageTooHigh => new(-2027, "Exceeded the maximum allowable position at current leverage."),
        RejectReason.PositionSideMismatch => new(-4061, "Order's position side does not match user's setting."),
        RejectReason.TooManyOpenOrders => new(-2025, "Reach max open order limit."),
        RejectReason.InvalidOrderType => new(-1116, "Invalid orderType."),
        RejectReason.OrderAlreadyClosed => new(-2013, "Order does not exist."),
        RejectReason.SelfTradePrevented => new(0, "EXPIRED_IN_MATCH"),
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "No Binance code for this reason."),
    };

    /// <summary>OKX v5's <c>sCode</c> and <c>sMsg</c> (or system cancel source) for <paramref name="reason"/>.</summary>
    public static OkxReject Okx(RejectReason reason) => reason switch
    {
        RejectReason.None => new("0", string.Empty),
        RejectReason.UnknownInstrument => new("51001", "Instrument ID does not exist."),
        RejectReason.UnknownOrder => new("51400", "Cancellation failed as the order does not exist."),
        RejectReason.DuplicateClientOrderId => new("51016", "Duplicated client order ID"),
        RejectReason.InvalidQuantity => new("51000", "Parameter sz error"),
        RejectReason.QuantityBelowMinimum => new("51020", "Order amount should be greater than the min available amount."),
        RejectReason.QuantityAboveMaximum => new("51203", "Order amount exceeds the limit"),
        RejectReason.QuantityNotStepMultiple => new("51121", "Order count should be the integer multiples of the lot size"),
        RejectReason.InvalidPrice => new("51000", "Parameter px error"),
        RejectReason.PriceNotTickMultiple => new("51000", "Parameter px error"),
        RejectReason.NotionalBelowMinimum => new("51020", "Order amount should be greater than the min available amount."),
        RejectReason.PostOnlyWouldTake => new("0", string.Empty, CancelSource: "31"),
        RejectReason.FillOrKillNotFillable => new("0", string.Empty),
        RejectReason.WouldTriggerImmediately => new("51000", "Parameter triggerPx error"),
        RejectReason.ReduceOnlyRejected => new("51169", "Order failed because you don't have any positions in this direction for this contract to reduce or close."),
        RejectReason.InsufficientBalance => new("51008", "Order failed. Insufficient balance."),
        RejectReason.InsufficientMargin => new("51008", "Order failed. Insufficient margin."),
        RejectReason.NoLiquidity => new("51109", "No available offer"),
        RejectReason.LeverageTooHigh => new("51004", "Order amount exceeds current tier limit."),
        RejectReason.PositionSideMismatch => new("51000", "Parameter posSide error"),
        RejectReason.TooManyOpenOrders => new("51025", "Order count exceeds the limit"),
        RejectReason.InvalidOrderType => new("51000", "Parameter ordType error"),
        RejectReason.OrderAlreadyClosed => new("51402", "Cancellation failed as the order is already completed"),
        RejectReason.SelfTradePrevented => new("0", string.Empty),
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "No OKX code for this reason."),
    };
}
