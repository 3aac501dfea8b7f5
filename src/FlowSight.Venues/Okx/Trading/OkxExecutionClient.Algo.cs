using System.Text.Json;
using FlowSight.Core;
using FlowSight.Venues.Network.Http;
using Microsoft.Extensions.Logging;

namespace FlowSight.Venues.Okx.Trading;

/// <summary>
/// Conditional orders (StopMarket, StopLimit, TakeProfitMarket, TakeProfitLimit) through OKX's algo trading API:
/// <c>POST trade/order-algo</c> with <c>ordType</c> <c>conditional</c> and our id as <c>algoClOrdId</c>,
/// <c>cancel-algos</c>, <c>GET trade/order-algo</c> and <c>orders-algo-pending</c>, and the <c>orders-algo</c> channel.
/// One client order id covers the algo order and the regular order its trigger places: the order is reported under its
/// <c>algoId</c> until it triggers and under the regular order's <c>ordId</c> after; the regular order's reports and
/// fills come from the <c>orders</c> channel (which links it by <c>algoClOrdId</c>), counted once per trade id, never
/// from the algo order's own state.
/// </summary>
public sealed partial class OkxExecutionClient
{
    private readonly OkxAlgoOrderIds _algo = new();

    private async Task SubmitAlgoAsync(IExecutionReportSink sink, SubmitOrder command, Instrument instrument, CancellationToken cancellationToken)
    {
        if (command.TriggerPrice is null || (command.Type is OrderType.StopLimit or OrderType.TakeProfitLimit && command.Price is null))
        {
            Fail(sink, TradingCommandKind.Submit, command.ClientOrderId, command.Instrument, null, $"An OKX {command.Type} order needs a trigger price{(command.Type is OrderType.StopLimit or OrderType.TakeProfitLimit ? " and a price" : string.Empty)}; nothing was sent.");
            return;
        }

        if (!IsOkxClientId(command.ClientOrderId))
        {
            Fail(sink, TradingCommandKind.Submit, command.ClientOrderId, command.Instrument, null, $"OKX takes an algoClOrdId of 1-32 letters and digits; '{command.ClientOrderId}' is not one, nothing was sent.");
            return;
        }

        var tdMode = instrument.Kind == InstrumentKind.Spot ? "cash" : _options.MarginMode;
        var body = OkxTradingJson.Build((Command: command, Instrument: instrument, TdMode: tdMode), static (json, s) => OkxTradingJson.WriteAlgoOrder(json, s.Command, s.Instrument, s.TdMode));

        // Known as an algo order before the answer: a cancel or a fate query that overtakes it asks the algo endpoints.
        _algo.Remember(command.Instrument, command.ClientOrderId, null, null);
        var result = (await PostBatchAsync(OkxTradingRoutes.PlaceAlgo, body, 1, cancellationToken, instrument.VenueSymbol).ConfigureAwait(false))[0];
        if (!result.Succeeded)
        {
            Fail(sink, TradingCommandKind.Submit, command.ClientOrderId, command.Instrument, result.Code, result.Message, result.FateUnknown);
            return;
        }

        _algo.Remember(command.Instrument, command.ClientOrderId, result.OrdId, null);
        if (!Acknowledged(command.ClientOrderId) && result.OrdId is { Length: > 0 } algoId)
        {
            sink.OnOrderStatus(new OrderStatusReport
            {
                Instrument = command.Instrument,
                ClientOrderId = command.ClientOrderId,
                VenueOrderId = VenueOrderId.Parse(algoId),
                Side = command.Side,
                Type = command.Type,
                Status = OrderStatus.Accepted,
                Quantity = command.Quantity,
                FilledQuantity = Quantity.Zero(command.Quantity.Precision),
                Price = command.Type is OrderType.StopLimit or OrderType.TakeProfitLimit ? command.Price : null,
                TriggerPrice = command.TriggerPrice,
                TimeInForce = TimeInForce.Gtc,
                ReduceOnly = command.ReduceOnly,
                PositionSide = command.PositionSide,
                Timestamp = Now(),
            });
        }
    }

    /// <summary>
    /// Cancels an algo order by <c>algoId</c> (when known) or our <c>algoClOrdId</c>. Once triggered OKX no longer
    /// cancels it there (51416, or 51400 once done) and the regular order it became, if still open, is canceled by its
    /// <c>ordId</c> instead.
    /// </summary>
    private async Task<OkxOrderResult> CancelAlgoAsync(Instrument instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        var body = OkxTradingJson.Build((Symbol: instrument.VenueSymbol, Client: clientOrderId, AlgoId: _algo.AlgoId(clientOrderId)), static (json, s) =>
        {
            json.WriteStartArray();
            OkxTradingJson.WriteCancelAlgo(json, s.Symbol, s.Client, s.AlgoId);
            json.WriteEndArray();
        });
        var result = (await PostBatchAsync(OkxTradingRoutes.CancelAlgos, body, 1, cancellationToken).ConfigureAwait(false))[0];
        if (result.Succeeded || result.Code is not (OkxTradingCodes.AlgoTriggered or OkxTradingCodes.CancelUnknownOrder))
        {
            return result;
        }

        var ordId = _algo.OrdId(instrument.Id, clientOrderId);
        if (ordId is null)
        {
            try
            {
                ordId = (await QueryAlgoCoreAsync(instrument, clientOrderId, cancellationToken).ConfigureAwait(false))?.OrdId;
            }
            catch (VenueRestException)
            {
                return result;
            }
        }

        return ordId is { Length: > 0 }
            ? await CancelOneAsync(instrument.Id, default, VenueOrderId.Parse(ordId), cancellationToken).ConfigureAwait(false)
            : result;
    }

    /// <summary>Cancels the algo orders waiting for their trigger, of the command's instrument (or all) and side (or both).</summary>
    private async Task CancelAllAlgoAsync(IExecutionReportSink sink, CancelAllOrders command, CancellationToken cancellationToken)
    {
        List<OrderStatusReport> pending;
        try
        {
            pending = await PendingAlgoOrdersAsync(command.Instrument, cancellationToken).ConfigureAwait(false);
        }
        catch (VenueRestException ex)
        {
            Fail(sink, TradingCommandKind.CancelAll, default, command.Instrument ?? default, ex.VenueCode, $"Could not list the open algo orders to cancel: {ex.Message}");
            return;
        }

        var targets = pending.Where(o => command.Side is not { } side || o.Side == side).ToList();
        for (var start = 0; start < targets.Count; start += OkxTradingRoutes.MaxAlgoBatch)
        {
            var batch = targets.GetRange(start, Math.Min(OkxTradingRoutes.MaxAlgoBatch, targets.Count - start));
            var body = OkxTradingJson.Build((Batch: batch, Self: this), static (json, s) =>
            {
                json.WriteStartArray();
                foreach (var order in s.Batch)
                {
                    OkxTradingJson.WriteCancelAlgo(json, s.Self._byId[order.Instrument].VenueSymbol, order.ClientOrderId, order.VenueOrderId.ToString());
                }

                json.WriteEndArray();
            });
            var results = await PostBatchAsync(OkxTradingRoutes.CancelAlgos, body, batch.Count, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                var result = i < results.Count ? results[i] : results.Count == 1 ? results[0] : OkxOrderResult.Unknown("OKX answered fewer items than it was sent.");
                if (!result.Succeeded)
                {
                    Fail(sink, TradingCommandKind.CancelAll, batch[i].ClientOrderId, batch[i].Instrument, result.Code, result.Message, result.FateUnknown);
                }
            }
        }
    }

    /// <summary>
    /// An algo order by our <c>algoClOrdId</c>; once triggered, the regular order it became supplies the state,
    /// filled quantity and average price. Null when OKX does not know it (51603) or it is another instrument's.
    /// </summary>
    private async Task<OrderStatusReport?> QueryAlgoAsync(Instrument instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        if (await QueryAlgoCoreAsync(instrument, clientOrderId, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return null;
        }

        if (found.OrdId.Length == 0)
        {
            return found.Report;
        }

        var regular = await QueryRegularAsync(instrument, [new("instId", instrument.VenueSymbol), new("ordId", found.OrdId)], cancellationToken).ConfigureAwait(false);
        return regular is { } r ? r with { ClientOrderId = clientOrderId } : found.Report;
    }

    private async Task<(OrderStatusReport Report, string OrdId)?> QueryAlgoCoreAsync(Instrument instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        var response = await SendAsync(OkxTradingRoutes.GetAlgo, null, [new("algoClOrdId", clientOrderId.ToString())], default, 1, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Body);
        var root = document.RootElement;
        if (OkxTradingJson.Text(root, "code") == OkxTradingCodes.OrderDoesNotExist)
        {
            return null;
        }

        foreach (var item in Data(root, response))
        {
            if (OkxTradingJson.Text(item, "instId") != instrument.VenueSymbol)
            {
                return null;
            }

            var (report, algoId, ordId, _) = OkxTradingJson.ReadAlgoOrder(item, instrument, response.ReceivedAt);
            _algo.Remember(instrument.Id, clientOrderId, algoId, ordId);
            return (report, ordId);
        }

        return null;
    }

    /// <summary>The conditional orders waiting for their trigger (<c>orders-algo-pending</c>), of one instrument or all.</summary>
    private Task<List<OrderStatusReport>> PendingAlgoOrdersAsync(InstrumentId? only, CancellationToken cancellationToken) =>
        PendingListAsync(OkxTradingRoutes.AlgoPending, new("ordType", "conditional"), "algoId", only, (item, instrument, receivedAt) =>
        {
            var (report, algoId, ordId, _) = OkxTradingJson.ReadAlgoOrder(item, instrument, receivedAt);
            _algo.Remember(instrument.Id, report.ClientOrderId, algoId, ordId);
            return report;
        }, cancellationToken);

    /// <summary>An <c>orders-algo</c> push: waiting, canceled and failed become reports; effective only links the regular order, which the orders channel reports.</summary>
    private void OnAlgoPush(IExecutionReportSink sink, JsonElement item, Instrument instrument, long receivedAt)
    {
        var (report, algoId, ordId, state) = OkxTradingJson.ReadAlgoOrder(item, instrument, receivedAt);
        _algo.Remember(instrument.Id, report.ClientOrderId, algoId, ordId);
        if (state == "effective")
        {
            return;
        }

        Pushed(report.ClientOrderId, report.Status.IsTerminal());
        sink.OnOrderStatus(report);
    }

    /// <summary>
    /// Fills without a client id whose order this client has not linked (a triggered algo order that filled before a
    /// restart): <c>GET trade/order</c> of each such <c>ordId</c> names its <c>algoClOrdId</c>, if it came from an algo
    /// order. Orders placed elsewhere without a client id cost one query each and stay unattributed.
    /// </summary>
    private async Task AttributeAlgoFillsAsync(List<FillReport> fills, CancellationToken cancellationToken)
    {
        var asked = new HashSet<(InstrumentId, string)>();
        for (var i = 0; i < fills.Count; i++)
        {
            var fill = fills[i];
            var ordId = fill.VenueOrderId.ToString();
            if (!fill.ClientOrderId.IsDefault || ordId.Length == 0 || !_byId.TryGetValue(fill.Instrument, out var instrument))
            {
                continue;
            }

            if (asked.Add((fill.Instrument, ordId)) && !_algo.TryGetTriggered(fill.Instrument, ordId, out _))
            {
                try
                {
                    // Reads the order's algoClOrdId and remembers the link (ReadRegularOrder inside QueryRegularAsync).
                    await QueryRegularAsync(instrument, [new("instId", instrument.VenueSymbol), new("ordId", ordId)], cancellationToken).ConfigureAwait(false);
                }
                catch (VenueRestException ex)
                {
                    _logger.LogWarning("OKX ({Account}): could not read order {OrdId} to attribute its fills: {Error}", Account, ordId, ex.Message);
                }
            }

            fills[i] = fill with { ClientOrderId = AlgoClientOf(fill.Instrument, default, ordId) };
        }
    }

    /// <summary>Our id for a regular order or fill OKX gives without one: the triggered algo order's, when known.</summary>
    private ClientOrderId AlgoClientOf(InstrumentId instrument, ClientOrderId given, string ordId) =>
        given.IsDefault && ordId.Length > 0 && _algo.TryGetTriggered(instrument, ordId, out var algo) ? algo : given;
}
