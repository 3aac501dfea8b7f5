using System.Globalization;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.GateIo.Trading;

/// <summary>
/// USDT futures stop and take-profit orders as Gate's price-triggered orders (API v4 "Create a price-triggered order"):
/// <c>POST /futures/usdt/price_orders</c> with <c>initial</c> (the order placed on trigger: contract, signed size,
/// price <c>"0"</c> + <c>ioc</c> for market, <c>reduce_only</c>, our id as <c>text</c>) and <c>trigger</c>
/// (<c>strategy_type</c> 0, <c>price_type</c> last or mark, <c>price</c>, <c>rule</c> 1 for &gt;= or 2 for &lt;=);
/// <c>DELETE …/price_orders/{id}</c>, <c>GET …/price_orders?status=open|finished</c>, <c>GET …/price_orders/{id}</c>,
/// <c>DELETE …/price_orders?contract=</c> with cancel-all. One client order id covers the price order and the regular
/// order it places: reported under Gate's auto-order id until it triggers and under the regular order's id
/// (<c>trade_id</c>) after; that order's <c>futures.orders</c> updates and fills are attributed to our id through
/// <see cref="GateIoPriceOrderIds"/>, and fills come only from <c>futures.usertrades</c> / <c>my_trades</c> by trade
/// id, never from <c>futures.autoorders</c>, so nothing counts twice.
/// </summary>
public sealed partial class GateIoExecutionClient
{
    private const string PriceOrdersPath = "/futures/usdt/price_orders";

    private readonly GateIoPriceOrderIds _price = new();
    private readonly List<HeldReport> _held = [];

    private static bool IsConditional(OrderType type) =>
        type is OrderType.StopMarket or OrderType.StopLimit or OrderType.TakeProfitMarket or OrderType.TakeProfitLimit;

    private async Task SubmitPriceOrderAsync(SubmitOrder command, Instrument instrument, string name, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            body = PriceOrderBody(command, name, _options.TriggerPrice);
        }
        catch (ArgumentException ex)
        {
            Refuse(TradingCommandKind.Submit, command.ClientOrderId, command.Instrument, GateIoTradingErrorLabels.InvalidParamValue, ex.Message);
            return;
        }

        // Known as a price order before the answer: a cancel or fate query that overtakes it asks price_orders.
        _price.Remember(command.ClientOrderId, command.Instrument, 0, 0, command.Type, command.TriggerPrice, waiting: true);
        var answer = await SendAsync(HttpMethod.Post, PriceOrdersPath, [], body, TradingCommandKind.Submit, command.ClientOrderId, command.Instrument, cancellationToken).ConfigureAwait(false);
        if (answer is not { } response)
        {
            return;
        }

        // Gate answers the new auto order's id only; the rest is what was asked.
        long id;
        using (var document = JsonDocument.Parse(response.Body))
        {
            id = long.TryParse(GateIoTradingReader.Text(document.RootElement, "id"), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        }

        _price.Remember(command.ClientOrderId, command.Instrument, id, 0, command.Type, command.TriggerPrice, waiting: true);
        var now = UnixNanos.Now(_time);
        Sink.OnOrderStatus(new OrderStatusReport
        {
            Instrument = command.Instrument,
            ClientOrderId = command.ClientOrderId,
            VenueOrderId = VenueOrderId.FromNumber(id),
            Side = command.Side,
            Type = command.Type,
            Status = OrderStatus.Accepted,
            Quantity = command.Quantity,
            FilledQuantity = GateIoTradingReader.Quantity(0m, instrument),
            Price = command.Type is OrderType.StopLimit or OrderType.TakeProfitLimit ? command.Price : null,
            TriggerPrice = command.TriggerPrice,
            TimeInForce = command.Type is OrderType.StopLimit or OrderType.TakeProfitLimit ? command.TimeInForce : TimeInForce.Ioc,
            ReduceOnly = command.ReduceOnly,
            UpdateTime = now,
            Timestamp = now,
        });
    }

    /// <summary>
    /// The <c>POST /futures/usdt/price_orders</c> body. A stop buys when the price rises to the trigger (rule 1, &gt;=)
    /// and sells when it falls to it (rule 2, &lt;=); a take-profit the other way round. Market orders on trigger are
    /// price <c>"0"</c> with <c>ioc</c> (the only time in force Gate takes for them); limit ones take <c>gtc</c> or <c>ioc</c>.
    /// </summary>
    internal static byte[] PriceOrderBody(SubmitOrder command, string name, GateIoTriggerPrice triggerPrice)
    {
        if (!IsConditional(command.Type))
        {
            throw new ArgumentException($"Gate's price-triggered orders are stop or take-profit orders, not {command.Type}.");
        }

        if (command.TriggerPrice is not { } trigger)
        {
            throw new ArgumentException($"A {command.Type} order needs a trigger price.");
        }

        var limit = command.Type is OrderType.StopLimit or OrderType.TakeProfitLimit;
        if (limit && command.Price is null)
        {
            throw new ArgumentException($"A {command.Type} order needs a limit price.");
        }

        if (limit && command.TimeInForce is not (TimeInForce.Gtc or TimeInForce.Ioc))
        {
            throw new ArgumentException($"Gate's price-triggered orders take gtc or ioc, not {command.TimeInForce}.");
        }

        var contracts = command.Quantity.ToDecimal();
        if (contracts <= 0 || contracts != decimal.Truncate(contracts))
        {
            throw new ArgumentException($"Gate futures sizes are whole contracts; {contracts} is not.");
        }

        var stop = command.Type is OrderType.StopMarket or OrderType.StopLimit;
        var rule = stop == (command.Side == OrderSide.Buy) ? 1 : 2;
        return Json(writer =>
        {
            writer.WriteStartObject("initial");
            writer.WriteString("contract", name);
            writer.WriteNumber("size", (long)(command.Side == OrderSide.Sell ? -contracts : contracts));
            writer.WriteString("price", limit ? GateIoTradingReader.Format(command.Price!.Value.ToDecimal()) : "0");
            writer.WriteString("tif", limit ? GateIoTradingReader.TifCode(command.TimeInForce) : "ioc");
            writer.WriteString("text", GateIoTradingReader.TextPrefix + command.ClientOrderId.ToString());
            if (command.ReduceOnly)
            {
                writer.WriteBoolean("reduce_only", true);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("trigger");
            writer.WriteNumber("strategy_type", 0);
            writer.WriteNumber("price_type", (int)triggerPrice);
            writer.WriteString("price", GateIoTradingReader.Format(trigger.ToDecimal()));
            writer.WriteNumber("rule", rule);
            writer.WriteEndObject();
        });
    }

    /// <summary>
    /// Cancels a price order; once triggered, the regular order it became is canceled instead (Gate no longer has the
    /// auto order open, and cancels of it answer <c>ORDER_NOT_FOUND</c>).
    /// </summary>
    private async Task CancelPriceOrderAsync(CancelOrder command, Instrument instrument, CancellationToken cancellationToken)
    {
        _price.TryGet(command.ClientOrderId, out var entry);
        if (entry is { TradeId: not 0 })
        {
            await CancelTriggeredAsync(command, instrument, entry.TradeId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var id = entry?.Id ?? 0;
        if (id == 0)
        {
            if (await FindPriceOrderAsync(instrument, command.ClientOrderId, cancellationToken).ConfigureAwait(false) is not { } found)
            {
                Refuse(TradingCommandKind.Cancel, command.ClientOrderId, command.Instrument, GateIoTradingErrorLabels.OrderNotFound, "Gate does not know the price-triggered order to cancel.");
                return;
            }

            if (found.TradeId != 0)
            {
                await CancelTriggeredAsync(command, instrument, found.TradeId, cancellationToken).ConfigureAwait(false);
                return;
            }

            id = found.Id;
        }

        RestResponse? answer;
        try
        {
            answer = await SendAsync(HttpMethod.Delete, $"{PriceOrdersPath}/{id.ToString(CultureInfo.InvariantCulture)}", [], default, TradingCommandKind.Cancel, command.ClientOrderId, command.Instrument, cancellationToken, rethrowLabel: GateIoTradingErrorLabels.OrderNotFound).ConfigureAwait(false);
        }
        catch (VenueApiException refused)
        {
            // No longer open: it triggered in the meantime (cancel the order it became) or finished otherwise.
            var now = await GetPriceOrderAsync(instrument, id, cancellationToken).ConfigureAwait(false);
            if (now is { TradeId: not 0 } triggered)
            {
                await CancelTriggeredAsync(command, instrument, triggered.TradeId, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Refuse(TradingCommandKind.Cancel, command.ClientOrderId, command.Instrument, refused.VenueCode, refused.VenueMessage is { Length: > 0 } message ? message : refused.Message);
            }

            return;
        }

        if (answer is { } response)
        {
            using var document = JsonDocument.Parse(response.Body);
            DeliverPriceOrder(document.RootElement, instrument, command.ClientOrderId);
        }
    }

    private async Task CancelTriggeredAsync(CancelOrder command, Instrument instrument, long tradeId, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Delete, "/futures/usdt/orders/" + tradeId.ToString(CultureInfo.InvariantCulture), [], default, TradingCommandKind.Cancel, command.ClientOrderId, command.Instrument, cancellationToken).ConfigureAwait(false);
        if (answer is { } response)
        {
            ReportOrder(response, instrument, Sink);
        }
    }

    /// <summary>Cancels every open price order of a contract (<c>DELETE /futures/usdt/price_orders?contract=</c>).</summary>
    private async Task CancelAllPriceOrdersAsync(Instrument instrument, string name, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Delete, PriceOrdersPath, [new("contract", name)], default, TradingCommandKind.CancelAll, default, instrument.Id, cancellationToken).ConfigureAwait(false);
        if (answer is { } response)
        {
            using var document = JsonDocument.Parse(response.Body);
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var order in document.RootElement.EnumerateArray())
                {
                    DeliverPriceOrder(order, instrument, default);
                }
            }
        }
    }

    /// <summary>
    /// Our price order by client id: the remembered auto-order id, else the open then the finished lists searched for
    /// its <c>text</c>. Once triggered, the regular order it became supplies the state, filled quantity and average
    /// price. Null when Gate knows no such price order.
    /// </summary>
    private async Task<OrderStatusReport?> QueryPriceOrderAsync(Instrument instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        if (await FindPriceOrderAsync(instrument, clientOrderId, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return null;
        }

        var report = found.Report with { ClientOrderId = clientOrderId };
        if (found.TradeId == 0)
        {
            return report;
        }

        try
        {
            using var document = await GetAsync("/futures/usdt/orders/" + found.TradeId.ToString(CultureInfo.InvariantCulture), [], "futures-orders-read", cancellationToken).ConfigureAwait(false);
            var regular = GateIoTradingReader.FuturesOrder(document.RootElement, instrument, UnixNanos.Now(_time));
            return report with
            {
                VenueOrderId = regular.VenueOrderId,
                Status = regular.Status,
                FilledQuantity = regular.FilledQuantity,
                AveragePrice = regular.AveragePrice,
                Reason = regular.Reason,
                UpdateTime = Math.Max(report.UpdateTime, regular.UpdateTime),
            };
        }
        catch (VenueApiException ex) when (ex.VenueCode == GateIoTradingErrorLabels.OrderNotFound)
        {
            // The regular order is no longer kept: the auto order's answer is what is known.
            return report;
        }
    }

    private async Task<GateIoPriceOrder?> FindPriceOrderAsync(Instrument instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        if (_price.TryGet(clientOrderId, out var entry) && entry.Id != 0)
        {
            return await GetPriceOrderAsync(instrument, entry.Id, cancellationToken).ConfigureAwait(false);
        }

        // The submit's answer was lost (or this client restarted): Gate lists price orders without a text filter.
        var name = instrument.VenueSymbol.ToUpperInvariant();
        foreach (var status in (string[])["open", "finished"])
        {
            foreach (var order in await ListPriceOrdersAsync(status, name, cancellationToken).ConfigureAwait(false))
            {
                if (order.Report.ClientOrderId == clientOrderId)
                {
                    return order;
                }
            }
        }

        return null;
    }

    private async Task<GateIoPriceOrder?> GetPriceOrderAsync(Instrument instrument, long id, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await GetAsync($"{PriceOrdersPath}/{id.ToString(CultureInfo.InvariantCulture)}", [], "futures-orders-read", cancellationToken).ConfigureAwait(false);
            var order = GateIoTradingReader.FuturesPriceOrder(document.RootElement, instrument, UnixNanos.Now(_time));
            _price.Remember(order);
            return order;
        }
        catch (VenueApiException ex) when (ex.VenueCode == GateIoTradingErrorLabels.OrderNotFound)
        {
            return null;
        }
    }

    /// <summary><c>GET /futures/usdt/price_orders?status=</c> (one contract or all), remembering each of ours.</summary>
    private async Task<List<GateIoPriceOrder>> ListPriceOrdersAsync(string status, string? contract, CancellationToken cancellationToken)
    {
        KeyValuePair<string, string>[] query = contract is null
            ? [new("status", status), new("limit", "100")]
            : [new("status", status), new("contract", contract), new("limit", "100")];
        var result = new List<GateIoPriceOrder>();
        using var document = await GetAsync(PriceOrdersPath, query, "futures-orders-read", cancellationToken).ConfigureAwait(false);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        var now = UnixNanos.Now(_time);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (item.TryGetProperty("initial", out var initial) && Find(initial, "contract") is { } instrument)
            {
                var order = GateIoTradingReader.FuturesPriceOrder(item, instrument, now);
                _price.Remember(order);
                result.Add(order);
            }
        }

        return result;
    }

    /// <summary>A price order from a REST answer or <c>futures.autoorders</c>: remembered, then reported.</summary>
    private void DeliverPriceOrder(JsonElement item, Instrument instrument, ClientOrderId expected)
    {
        var order = GateIoTradingReader.FuturesPriceOrder(item, instrument, UnixNanos.Now(_time));
        if (order.Report.ClientOrderId.IsDefault && !expected.IsDefault)
        {
            order = order with { Report = order.Report with { ClientOrderId = expected } };
        }

        _price.Remember(order);
        Sink.OnOrderStatus(order.Report);
        if (order.TradeId != 0)
        {
            ReleaseHeld(order.Report.Instrument, order.TradeId);
        }
    }

    /// <summary>
    /// Holds a regular futures order's update (or fill) that is not ours by its <c>text</c> while a price order of ours
    /// on the contract waits for its trigger: it may be the order Gate placed for it, pushed before the
    /// <c>futures.autoorders</c> update that names it. Released under our id when that update arrives, or as it is
    /// after <see cref="GateIoExecutionClientOptions.TriggeredOrderLinkWait"/>. False: deliver it now.
    /// </summary>
    private bool HoldUnlinked(ClientOrderId clientOrderId, InstrumentId instrument, VenueOrderId venueOrderId, object item)
    {
        if (!clientOrderId.IsDefault || IsSpot || _options.TriggeredOrderLinkWait <= TimeSpan.Zero || !_price.AnyWaiting(instrument)
            || !long.TryParse(venueOrderId.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var orderId))
        {
            return false;
        }

        lock (_held)
        {
            _held.Add(new HeldReport(_time.GetTimestamp() + (long)(_options.TriggeredOrderLinkWait.TotalSeconds * _time.TimestampFrequency), instrument, orderId, item));
        }

        return true;
    }

    /// <summary>Delivers, in arrival order, the held items of one regular order, now known as ours.</summary>
    private void ReleaseHeld(InstrumentId instrument, long orderId) => Release(h => h.Instrument == instrument && h.OrderId == orderId);

    /// <summary>Delivers as they are the held items nothing claimed in time (orders placed elsewhere).</summary>
    private void ReleaseExpired()
    {
        if (_held.Count == 0)
        {
            return;
        }

        var now = _time.GetTimestamp();
        Release(h => h.Deadline <= now);
    }

    private void Release(Predicate<HeldReport> which)
    {
        List<HeldReport>? released = null;
        lock (_held)
        {
            for (var i = 0; i < _held.Count; i++)
            {
                if (which(_held[i]))
                {
                    (released ??= []).Add(_held[i]);
                }
            }

            if (released is not null)
            {
                _held.RemoveAll(which);
            }
        }

        if (released is null)
        {
            return;
        }

        var sink = Sink;
        foreach (var held in released)
        {
            switch (held.Item)
            {
                case OrderStatusReport report:
                    sink.OnOrderStatus(_price.Attribute(report));
                    break;
                case FillReport fill:
                    sink.OnFill(_price.Attribute(fill));
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>A regular order's update or fill waiting to learn whether it came from one of our price orders.</summary>
    private readonly record struct HeldReport(long Deadline, InstrumentId Instrument, long OrderId, object Item);
}
