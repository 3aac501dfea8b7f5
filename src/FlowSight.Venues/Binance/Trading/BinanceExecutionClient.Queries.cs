using System.Globalization;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>Reconciliation queries: open orders, fills since a time, balances and positions.</summary>
public sealed partial class BinanceExecutionClient
{
    private const int TradesPageSize = 1000;

    /// <inheritdoc />
    /// <remarks>
    /// Fills are read per instrument from <c>startTime</c> and then paged by <c>fromId</c>; Binance's answers carry
    /// only its order id, so each fill's client id comes from the orders this client has seen or, failing that, a
    /// query of the order. USDⓈ-M keeps 6 months of trades but answers at most 7 days per call; spot 24 hours: a
    /// <paramref name="fillsSince"/> older than that reads from the oldest window Binance accepts.
    /// </remarks>
    /// <exception cref="Network.Http.VenueRestException">The venue could not be asked or refused.</exception>
    public async Task<ExecutionStateSnapshot> QueryStateAsync(long fillsSince, CancellationToken cancellationToken = default)
    {
        var open = await OpenOrdersAsync(null, cancellationToken).ConfigureAwait(false);
        var fills = new List<FillReport>();
        foreach (var instrument in _options.Instruments)
        {
            await ReadFillsAsync(instrument, fillsSince, fills, cancellationToken).ConfigureAwait(false);
        }

        var now = UnixNanos.Now(_time);
        var account = await SendSignedAsync(HttpMethod.Get, _routes.Account, "account", ReadOnlyMemory<byte>.Empty, _routes.AccountCosts, cancellationToken).ConfigureAwait(false);
        List<BalanceReport> balances;
        using (var document = JsonDocument.Parse(account.Body))
        {
            balances = BinanceTradingReader.Balances(document.RootElement, _market, Account, now);
        }

        List<PositionStatusReport> positions = [];
        if (_market != BinanceMarket.Spot)
        {
            var risk = await SendSignedAsync(HttpMethod.Get, _routes.PositionRisk, "positionRisk", ReadOnlyMemory<byte>.Empty, _routes.PositionRiskCosts, cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(risk.Body);
            positions = BinanceTradingReader.Positions(document.RootElement, _symbols, now);
        }

        return new ExecutionStateSnapshot { OpenOrders = open, Fills = fills, Balances = balances, Positions = positions, Timestamp = now };
    }

    private async Task<List<OrderStatusReport>> OpenOrdersAsync(Instrument? instrument, CancellationToken cancellationToken)
    {
        var result = await OpenListAsync(_routes.OpenOrders, "openOrders", _routes.OpenOrdersAllCosts, _routes.QueryOrderCosts, instrument, ReadOpenOrder, cancellationToken).ConfigureAwait(false);
        if (_market != BinanceMarket.Spot)
        {
            // Conditional orders wait in the algo service, outside the regular open orders, until they trigger.
            result.AddRange(await OpenAlgoOrdersAsync(instrument, cancellationToken).ConfigureAwait(false));
        }

        return result;
    }

    private OrderStatusReport? ReadOpenOrder(JsonElement o, long now)
    {
        if (BinanceTradingReader.Order(o, _market, _symbols, now) is not { } report)
        {
            return null;
        }

        // A triggered algo order's regular order lists under the algo order's client id.
        if (long.TryParse(report.VenueOrderId.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var orderId)
            && _algo.TryGetTriggered(report.Instrument, orderId, out var algoClient))
        {
            report = report with { ClientOrderId = algoClient };
        }

        Remember(report.Instrument, report.VenueOrderId, report.ClientOrderId);
        return report;
    }

    /// <summary>
    /// One open-orders list (<c>openOrders</c>, <c>openAlgoOrders</c>), of one instrument or all (the heavier weight),
    /// read element by element into reports; an answer that is not an array lists nothing.
    /// </summary>
    private async Task<List<OrderStatusReport>> OpenListAsync(string route, string name, RateLimitCost[] allCosts, RateLimitCost[] oneCosts, Instrument? instrument, Func<JsonElement, long, OrderStatusReport?> read, CancellationToken cancellationToken)
    {
        var response = instrument is null
            ? await SendSignedAsync(HttpMethod.Get, route, name, ReadOnlyMemory<byte>.Empty, allCosts, cancellationToken).ConfigureAwait(false)
            : await SendSignedAsync(HttpMethod.Get, route, name, Params(("symbol", instrument.VenueSymbol)), oneCosts, cancellationToken).ConfigureAwait(false);
        var result = new List<OrderStatusReport>();
        using var document = JsonDocument.Parse(response.Body);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        var now = UnixNanos.Now(_time);
        foreach (var o in document.RootElement.EnumerateArray())
        {
            if (read(o, now) is { } report)
            {
                result.Add(report);
            }
        }

        return result;
    }

    private async Task ReadFillsAsync(Instrument instrument, long since, List<FillReport> fills, CancellationToken cancellationToken)
    {
        var window = _market == BinanceMarket.Spot ? TimeSpan.FromHours(24) : TimeSpan.FromDays(7);
        var oldest = _time.GetUtcNow() - window + TimeSpan.FromMinutes(1);
        var sinceMs = Math.Max(UnixNanos.ToMilliseconds(since), oldest.ToUnixTimeMilliseconds());
        long? fromId = null;
        var unknown = new HashSet<long>();
        var start = fills.Count;
        while (true)
        {
            var parameters = fromId is { } id
                ? Params(("symbol", instrument.VenueSymbol), ("fromId", id.ToString(CultureInfo.InvariantCulture)), ("limit", TradesPageSize.ToString(CultureInfo.InvariantCulture)))
                : Params(("symbol", instrument.VenueSymbol), ("startTime", sinceMs.ToString(CultureInfo.InvariantCulture)), ("limit", TradesPageSize.ToString(CultureInfo.InvariantCulture)));
            var response = await SendSignedAsync(HttpMethod.Get, _routes.Trades, "trades", parameters, _routes.TradesCosts, cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(response.Body);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                break;
            }

            var count = 0;
            long lastId = 0;
            var now = UnixNanos.Now(_time);
            foreach (var t in document.RootElement.EnumerateArray())
            {
                count++;
                lastId = Math.Max(lastId, BinanceTradingReader.Long(t, "id") ?? 0);
                if (BinanceTradingReader.Fill(t, _market, _symbols, ClientIdOrDefault, now) is { } fill)
                {
                    if (fill.ClientOrderId.IsDefault)
                    {
                        unknown.Add(BinanceTradingReader.Long(t, "orderId") ?? 0);
                    }

                    fills.Add(fill);
                }
            }

            if (count < TradesPageSize)
            {
                break;
            }

            fromId = lastId + 1;
        }

        // Orders this client has not seen (placed before a restart): ask for their client ids.
        foreach (var orderId in unknown)
        {
            await LearnClientIdAsync(instrument, orderId, cancellationToken).ConfigureAwait(false);
        }

        for (var i = start; i < fills.Count && unknown.Count > 0; i++)
        {
            if (fills[i].ClientOrderId.IsDefault && long.TryParse(fills[i].VenueOrderId.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var orderId))
            {
                fills[i] = fills[i] with { ClientOrderId = ClientIdOrDefault(instrument, orderId) };
            }
        }
    }

    private ClientOrderId ClientIdOrDefault(Instrument instrument, long orderId) =>
        _algo.TryGetTriggered(instrument.Id, orderId, out var algo) ? algo
        : _clientIds.TryGetValue((instrument.Id, orderId), out var id) ? id : default;

    private async Task LearnClientIdAsync(Instrument instrument, long orderId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await SendSignedAsync(HttpMethod.Get, _routes.Order, "queryOrder", Params(("symbol", instrument.VenueSymbol), ("orderId", orderId.ToString(CultureInfo.InvariantCulture))), _routes.QueryOrderCosts, cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(response.Body);
            if (BinanceTradingReader.Order(document.RootElement, _market, _symbols, UnixNanos.Now(_time)) is { } report)
            {
                Remember(report.Instrument, report.VenueOrderId, report.ClientOrderId);
            }
        }
        catch (Network.Http.VenueApiException ex) when (ex.VenueCode == "-2013")
        {
            // Archived or foreign: the fill keeps no client id.
        }
    }
}
