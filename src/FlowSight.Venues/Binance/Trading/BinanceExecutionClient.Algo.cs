using System.Buffers;
using System.Globalization;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>
/// USDⓈ-M conditional orders through Binance's algo service: <c>POST/GET/DELETE /fapi/v1/algoOrder</c>,
/// <c>openAlgoOrders</c>, <c>algoOpenOrders</c> (cancel all). Our client id is the <c>clientAlgoId</c>. An algo order
/// is reported under its <c>algoId</c> until it triggers and under the regular order it became
/// (<c>actualOrderId</c>) after; that order's fills come as ordinary <c>ORDER_TRADE_UPDATE</c> / <c>userTrades</c>
/// fills (counted once per trade id by the engine) and are attributed to our client id through
/// <see cref="BinanceAlgoOrderIds"/>. <c>ALGO_UPDATE</c> events move the order's state and never make fills.
/// </summary>
public sealed partial class BinanceExecutionClient
{
    private readonly BinanceAlgoOrderIds _algo;

    private async Task SubmitAlgoAsync(SubmitOrder command, byte[] symbol, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BinanceOrderEncoder.MaxRequestLength);
        try
        {
            int length;
            try
            {
                var writer = new BinanceQueryWriter(buffer);
                BinanceAlgoOrderEncoder.WriteNewAlgoOrder(ref writer, symbol, command);
                length = writer.Length;
            }
            catch (NotSupportedException ex)
            {
                Refuse(TradingCommandKind.Submit, command.ClientOrderId, command.Instrument, ex.Message);
                return;
            }

            // Known as an algo order before the answer: a cancel or a fate query that overtakes it asks the algo service.
            _algo.Remember(command.Instrument, command.ClientOrderId, 0, null);
            var response = await SendSignedAsync(HttpMethod.Post, _routes.AlgoOrder, "algoOrder", buffer.AsMemory(0, length), _routes.NewOrderCosts, cancellationToken).ConfigureAwait(false);
            await ReportAlgoAsync(response, TradingCommandKind.Submit, command.ClientOrderId, command.Instrument, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCommandFailure(ex))
        {
            if (ex is VenueApiException)
            {
                // Refused by the venue: it never waits for a trigger.
                _algo.Finish(command.ClientOrderId);
            }

            ReportFailure(TradingCommandKind.Submit, command.ClientOrderId, command.Instrument, ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Cancels an algo order; once it has triggered the algo service no longer cancels it (-2011) and the regular
    /// order it became is canceled instead.
    /// </summary>
    private async Task CancelAlgoAsync(CancelOrder command, Instrument instrument, CancellationToken cancellationToken)
    {
        try
        {
            VenueApiException? refused = null;
            try
            {
                await SendSignedAsync(HttpMethod.Delete, _routes.AlgoOrder, "cancelAlgo", Params(("clientAlgoId", command.ClientOrderId.ToString())), _routes.CancelCosts, cancellationToken).ConfigureAwait(false);
            }
            catch (VenueApiException ex) when (ex.VenueCode == "-2011")
            {
                refused = ex;
            }

            if (refused is not null)
            {
                if (await TriggeredOrderIdAsync(instrument, command.ClientOrderId, cancellationToken).ConfigureAwait(false) is not { } actual)
                {
                    throw refused;
                }

                var canceled = await SendSignedAsync(HttpMethod.Delete, _routes.Order, "cancel", Params(("symbol", instrument.VenueSymbol), ("orderId", actual.ToString(CultureInfo.InvariantCulture))), _routes.CancelCosts, cancellationToken).ConfigureAwait(false);
                ReportOrder(canceled, TradingCommandKind.Cancel, command.ClientOrderId, command.Instrument, command.ClientOrderId);
                return;
            }

            // The cancel answers only ids: the order's state comes from a query (the stream's ALGO_UPDATE says the same).
            if (await QueryAlgoCoreAsync(instrument, command.ClientOrderId, cancellationToken).ConfigureAwait(false) is { } report)
            {
                Deliver(report);
            }
        }
        catch (Exception ex) when (IsCommandFailure(ex))
        {
            ReportFailure(TradingCommandKind.Cancel, command.ClientOrderId, command.Instrument, ex);
        }
    }

    /// <summary>The regular order a triggered algo order became: remembered, or asked of the algo service.</summary>
    private async Task<long?> TriggeredOrderIdAsync(Instrument instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        if (_algo.ActualOrderId(instrument.Id, clientOrderId) is { } known)
        {
            return known;
        }

        await QueryAlgoCoreAsync(instrument, clientOrderId, cancellationToken).ConfigureAwait(false);
        return _algo.ActualOrderId(instrument.Id, clientOrderId);
    }

    /// <summary>
    /// Queries an algo order by its <c>clientAlgoId</c>; once triggered, the regular order it became supplies the
    /// state, filled quantity and average price. Null when the algo service does not know it (-2013, or another symbol).
    /// </summary>
    private async Task<OrderStatusReport?> QueryAlgoCoreAsync(Instrument instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        if (_market == BinanceMarket.Spot)
        {
            return null;
        }

        try
        {
            var response = await SendSignedAsync(HttpMethod.Get, _routes.AlgoOrder, "queryAlgoOrder", Params(("clientAlgoId", clientOrderId.ToString())), _routes.AlgoQueryCosts, cancellationToken).ConfigureAwait(false);
            var report = await ReadAlgoAsync(response.Body, cancellationToken).ConfigureAwait(false);
            return report is { } found && found.Instrument == instrument.Id ? found : null;
        }
        catch (VenueApiException ex) when (ex.VenueCode is "-2013" or "-2011")
        {
            return null;
        }
    }

    /// <summary>The conditional orders waiting for their trigger (<c>openAlgoOrders</c>), of one instrument or all.</summary>
    private Task<List<OrderStatusReport>> OpenAlgoOrdersAsync(Instrument? instrument, CancellationToken cancellationToken) =>
        OpenListAsync(_routes.OpenAlgoOrders, "openAlgoOrders", _routes.OpenAlgoOrdersAllCosts, _routes.AlgoQueryCosts, instrument, (o, now) =>
        {
            if (BinanceTradingReader.AlgoOrder(o, _symbols, now) is not { } algo)
            {
                return null;
            }

            _algo.Remember(algo.Report.Instrument, algo.Report.ClientOrderId, algo.AlgoId, algo.ActualOrderId);
            return algo.Report;
        }, cancellationToken);

    private async Task CancelAllAlgoOfSymbolAsync(Instrument instrument, CancellationToken cancellationToken)
    {
        try
        {
            await SendSignedAsync(HttpMethod.Delete, _routes.AlgoCancelAll, "cancelAllAlgo", Params(("symbol", instrument.VenueSymbol)), _routes.CancelCosts, cancellationToken).ConfigureAwait(false);
        }
        catch (VenueApiException ex) when (ex.VenueCode == "-2011")
        {
            // Nothing was open.
        }
    }

    private async Task ReportAlgoAsync(RestResponse response, TradingCommandKind command, ClientOrderId clientOrderId, InstrumentId instrument, CancellationToken cancellationToken)
    {
        OrderStatusReport? report;
        try
        {
            report = await ReadAlgoAsync(response.Body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or OverflowException or ArgumentException)
        {
            report = null;
        }

        DeliverOrReportUnreadable(report, response, command, clientOrderId, instrument);
    }

    /// <summary>Reads an algo order answer; a triggered one is completed from the regular order it became.</summary>
    private async Task<OrderStatusReport?> ReadAlgoAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        (OrderStatusReport Report, long AlgoId, long? ActualOrderId)? algo;
        using (var document = JsonDocument.Parse(body))
        {
            algo = BinanceTradingReader.AlgoOrder(document.RootElement, _symbols, UnixNanos.Now(_time));
        }

        if (algo is not { } found)
        {
            return null;
        }

        var report = found.Report;
        _algo.Remember(report.Instrument, report.ClientOrderId, found.AlgoId, found.ActualOrderId, report.Status.IsTerminal());
        if (found.ActualOrderId is not { } actual || !_symbols.TryGet(report.Instrument, out var instrument, out _))
        {
            return report;
        }

        try
        {
            var response = await SendSignedAsync(HttpMethod.Get, _routes.Order, "queryOrder", Params(("symbol", instrument.VenueSymbol), ("orderId", actual.ToString(CultureInfo.InvariantCulture))), _routes.QueryOrderCosts, cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(response.Body);
            if (BinanceTradingReader.Order(document.RootElement, _market, _symbols, UnixNanos.Now(_time)) is { } regular)
            {
                if (regular.Status.IsTerminal())
                {
                    _algo.Finish(report.ClientOrderId);
                }

                return report with
                {
                    VenueOrderId = regular.VenueOrderId,
                    Status = regular.Status,
                    FilledQuantity = regular.FilledQuantity,
                    AveragePrice = regular.AveragePrice ?? report.AveragePrice,
                    UpdateTime = Math.Max(report.UpdateTime, regular.UpdateTime),
                };
            }
        }
        catch (VenueApiException ex) when (ex.VenueCode == "-2013")
        {
            // The regular order is archived: the algo answer is what is known.
        }

        return report;
    }
}
