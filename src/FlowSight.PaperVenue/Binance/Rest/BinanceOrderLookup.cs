using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.Simulator.Matching;
using FlowSight.Simulator.Orders;

namespace FlowSight.PaperVenue.Binance.Rest;

/// <summary>Finding the caller's order by <c>orderId</c> or <c>origClientOrderId</c>, and turning refusals into Binance's errors. Exchange thread.</summary>
internal static class BinanceOrderLookup
{
    /// <summary>
    /// The caller's order on <paramref name="market"/>, or null; another account's order id is simply not found, as on
    /// Binance. -1102 when neither id is sent.
    /// </summary>
    public static PaperOrder? Find(PaperExchange exchange, BinanceParameters q, int accountId, PaperMarket market)
    {
        PaperOrder? order = null;
        if (q.Long("orderId") is { } orderId)
        {
            order = exchange.Orders.TryGet(accountId, orderId, out var found) ? found : null;
        }
        else if (q.Get("origClientOrderId") is { } clientText)
        {
            order = ClientOrderId.TryParse(clientText, out var clientId) && exchange.Orders.TryGet(accountId, clientId, out var found) ? found : null;
        }
        else
        {
            throw new BinanceApiException(-1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
        }

        return order is not null && order.Instrument == market.Instrument.Id ? order : null;
    }

    /// <summary>Checks the ids are well-formed before the request reaches the exchange thread.</summary>
    public static void Validate(BinanceParameters q)
    {
        if (q.Long("orderId") is null && q.Get("origClientOrderId") is null)
        {
            throw new BinanceApiException(-1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
        }
    }

    /// <summary>USDⓈ-M's error for a refused order, cancel or amend (the min notional filled into -4164's message).</summary>
    public static BinanceApiException FuturesReject(RejectReason reason, Instrument instrument)
    {
        var reject = RejectReasonCodes.Binance(reason);
        var message = reject.Message.Replace("%s", instrument.MinNotional.ToDecimal().ToString("0.########", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return new BinanceApiException(reject.Code == 0 ? -1000 : reject.Code, message);
    }

    /// <summary>Spot's error for a refused order: filter failures are -1013, balance and matching refusals -2010.</summary>
    public static BinanceApiException SpotReject(RejectReason reason, Instrument instrument) => reason switch
    {
        RejectReason.PriceNotTickMultiple or RejectReason.InvalidPrice => new BinanceApiException(-1013, "Filter failure: PRICE_FILTER"),
        RejectReason.QuantityNotStepMultiple or RejectReason.QuantityBelowMinimum or RejectReason.QuantityAboveMaximum or RejectReason.InvalidQuantity
            => new BinanceApiException(-1013, "Filter failure: LOT_SIZE"),
        RejectReason.NotionalBelowMinimum => new BinanceApiException(-1013, "Filter failure: NOTIONAL"),
        RejectReason.InsufficientBalance or RejectReason.InsufficientMargin => new BinanceApiException(-2010, "Account has insufficient balance for requested action."),
        RejectReason.PostOnlyWouldTake => new BinanceApiException(-2010, "Order would immediately match and take."),
        RejectReason.WouldTriggerImmediately => new BinanceApiException(-2010, "Stop price would trigger immediately."),
        RejectReason.DuplicateClientOrderId => new BinanceApiException(-2010, "Duplicate order sent."),
        RejectReason.TooManyOpenOrders => new BinanceApiException(-2010, "Account has too many open orders."),
        RejectReason.NoLiquidity => new BinanceApiException(-2010, "Market is closed."),
        _ => FuturesReject(reason, instrument),
    };
}
