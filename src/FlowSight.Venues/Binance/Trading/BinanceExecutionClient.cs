using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.Venues.Binance.Rest;
using FlowSight.Venues.Network.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>
/// One Binance account's trading adapter on USDⓈ-M futures or spot: signed REST orders through
/// <see cref="VenueRestClient"/> (per-IP weights from <c>X-MBX-USED-WEIGHT-*</c>, per-account order counts from
/// <c>X-MBX-ORDER-COUNT-*</c>, 429/418 blocks), and the user data stream (listen key, 30-minute keep-alive, renewal
/// and reconnection) parsed into reports. Our <see cref="ClientOrderId"/> is Binance's <c>newClientOrderId</c>.
/// </summary>
/// <remarks>
/// Outcomes: an answered request reports the order's state (<see cref="OrderStatusReport"/>); a Binance error becomes
/// a <see cref="VenueCommandFailure"/> with Binance's code; a timeout, dropped connection or 5xx after sending makes
/// the fate unknown (<see cref="VenueCommandFailure.FateUnknown"/>) and the order is never resent blindly. A 429/418
/// answer means Binance did not execute the request, so an order refused that way is sent again, once the host's block
/// ends (up to <see cref="BinanceExecutionClientOptions.MaxRateLimitedResends"/> times). Spot replaces are cancel +
/// new under <see cref="ReplaceOrder.NewClientOrderId"/> (no cancelReplace); USDⓈ-M amends in place
/// (<c>PUT /fapi/v1/order</c>). Thread-safe.
/// </remarks>
public sealed partial class BinanceExecutionClient : IExecutionClient
{
    private readonly BinanceExecutionClientOptions _options;
    private readonly BinanceMarket _market;
    private readonly BinanceRequestSigner _signer;
    private readonly VenueRestClient _rest;
    private readonly BinanceTradingSymbols _symbols;
    private readonly BinanceTradingRoutes _routes;
    private readonly BinanceUserDataParser _parser;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(InstrumentId Instrument, long OrderId), ClientOrderId> _clientIds = new();
    private readonly CancellationTokenSource _disposing = new();

    /// <summary>Creates the client; nothing is sent until a command or <see cref="ConnectAsync"/>.</summary>
    /// <exception cref="ArgumentException">The market is not USDⓈ-M or spot, or the key or secret is empty.</exception>
    public BinanceExecutionClient(BinanceExecutionClientOptions options, ILogger<BinanceExecutionClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Market is not (BinanceMarket.UsdM or BinanceMarket.Spot))
        {
            throw new ArgumentException($"The Binance trading client trades USDⓈ-M or spot, not {options.Market}.", nameof(options));
        }

        _options = options;
        _market = options.Market;
        _time = options.TimeProvider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _signer = new BinanceRequestSigner(options.ApiKey, options.ApiSecret);
        _symbols = new BinanceTradingSymbols(options.Instruments);
        _routes = new BinanceTradingRoutes(_market, options.Account);
        _algo = new BinanceAlgoOrderIds(options.MaxFinishedAlgoOrders);
        _parser = new BinanceUserDataParser(_market, _symbols, _algo, options.Account) { TriggerGrace = options.AlgoTriggerGrace };
        var signer = _signer;
        var inner = options.HandlerFactory;
        var listenKeyPath = _routes.ListenKey;
        var recvWindow = options.RecvWindowMs;
        var time = _time;
        _rest = new VenueRestClient(
            new VenueRestOptions
            {
                BaseAddress = options.RestBaseAddress,
                VenueName = $"Binance {_market} {options.Account}",
                AttemptTimeout = options.RequestTimeout,
                MaxRateLimitWait = options.MaxRateLimitWait,
                RateLimits = BinanceRateLimits.Defaults(_market),
                ErrorParser = BinanceErrorParser.TryParse,
                Hosts = options.Hosts,
                HandlerFactory = () => new BinanceSigningHandler(signer, listenKeyPath, recvWindow, time, inner?.Invoke() ?? new SocketsHttpHandler
                {
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    AutomaticDecompression = DecompressionMethods.All,
                    ConnectTimeout = TimeSpan.FromSeconds(10),
                }),
            },
            _time,
            logger);
        foreach (var rule in options.OrderLimits ?? BinanceOrderLimits.Defaults(_market, options.Account))
        {
            _rest.Host.Limiter.EnsureRule(rule);
        }
    }

    /// <inheritdoc />
    public Venue Venue => Venue.Binance;

    /// <inheritdoc />
    public string Account => _options.Account;

    /// <inheritdoc />
    public IReadOnlyList<Instrument> Instruments => _options.Instruments;

    /// <summary>USDⓈ-M or spot.</summary>
    public BinanceMarket Market => _market;

    /// <summary>The REST host's shared state: weight and order-count windows, 429/418 block, counters.</summary>
    public RestHost Host => _rest.Host;

    /// <inheritdoc />
    public async Task SubmitAsync(SubmitOrder command, CancellationToken cancellationToken = default)
    {
        if (!_symbols.TryGet(command.Instrument, out _, out var symbol))
        {
            Refuse(TradingCommandKind.Submit, command.ClientOrderId, command.Instrument, $"{command.Instrument} is not an instrument of {Account}'s Binance {_market} client.");
            return;
        }

        if (BinanceAlgoOrderEncoder.IsAlgoOrder(_market, command.Type))
        {
            await SubmitAlgoAsync(command, symbol, cancellationToken).ConfigureAwait(false);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BinanceOrderEncoder.MaxRequestLength);
        try
        {
            int length;
            try
            {
                var writer = new BinanceQueryWriter(buffer);
                BinanceOrderEncoder.WriteNewOrder(ref writer, _market, symbol, command);
                length = writer.Length;

                // Keeps the order's kind (its leading parameters and their SHA-256 state) for the signing handler.
                _ = _signer.Templates?.Get(_market, symbol, command);
            }
            catch (NotSupportedException ex)
            {
                Refuse(TradingCommandKind.Submit, command.ClientOrderId, command.Instrument, ex.Message);
                return;
            }

            var response = await SendSignedAsync(HttpMethod.Post, _routes.Order, "order", buffer.AsMemory(0, length), _routes.NewOrderCosts, cancellationToken).ConfigureAwait(false);
            ReportOrder(response, TradingCommandKind.Submit, command.ClientOrderId, command.Instrument);
        }
        catch (Exception ex) when (IsCommandFailure(ex))
        {
            ReportFailure(TradingCommandKind.Submit, command.ClientOrderId, command.Instrument, ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public async Task CancelAsync(CancelOrder command, CancellationToken cancellationToken = default)
    {
        if (!_symbols.TryGet(command.Instrument, out var instrument, out _))
        {
            Refuse(TradingCommandKind.Cancel, command.ClientOrderId, command.Instrument, $"{command.Instrument} is not an instrument of {Account}'s Binance {_market} client.");
            return;
        }

        if (_market != BinanceMarket.Spot && _algo.IsAlgo(command.ClientOrderId))
        {
            await CancelAlgoAsync(command, instrument, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            try
            {
                var response = await SendSignedAsync(HttpMethod.Delete, _routes.Order, "cancel", Params(("symbol", instrument.VenueSymbol), ("origClientOrderId", command.ClientOrderId.ToString())), _routes.CancelCosts, cancellationToken).ConfigureAwait(false);
                ReportOrder(response, TradingCommandKind.Cancel, command.ClientOrderId, command.Instrument);
                return;
            }
            catch (VenueApiException ex) when (ex.VenueCode == "-2011" && _market != BinanceMarket.Spot)
            {
                // Perhaps an algo order this client had not seen (placed before a restart): the algo service cancels it.
                if (!await IsAlgoAtVenueAsync(instrument, command.ClientOrderId, cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }
            }

            await CancelAlgoAsync(command, instrument, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCommandFailure(ex))
        {
            ReportFailure(TradingCommandKind.Cancel, command.ClientOrderId, command.Instrument, ex);
        }
    }

    /// <inheritdoc />
    public async Task ReplaceAsync(ReplaceOrder command, CancellationToken cancellationToken = default)
    {
        if (!_symbols.TryGet(command.Instrument, out var instrument, out _))
        {
            Refuse(TradingCommandKind.Replace, command.ClientOrderId, command.Instrument, $"{command.Instrument} is not an instrument of {Account}'s Binance {_market} client.");
            return;
        }

        if (_market != BinanceMarket.Spot && _algo.IsAlgo(command.ClientOrderId))
        {
            Refuse(TradingCommandKind.Replace, command.ClientOrderId, command.Instrument, "Binance's algo (conditional) orders cannot be modified: cancel it and submit a new one.", "-4187");
            return;
        }

        try
        {
            // Binance's amend needs the side and both quantity and price; spot's cancel + new needs the whole order.
            var current = await QueryOrderCoreAsync(instrument, command.ClientOrderId, cancellationToken).ConfigureAwait(false);
            if (current is not { } order)
            {
                Refuse(TradingCommandKind.Replace, command.ClientOrderId, command.Instrument, "Order does not exist.", "-2013");
                return;
            }

            var quantity = command.Quantity ?? order.Quantity;
            var price = command.Price ?? order.Price;
            if (_market != BinanceMarket.Spot)
            {
                if (price is null)
                {
                    Refuse(TradingCommandKind.Replace, command.ClientOrderId, command.Instrument, "Only LIMIT orders can be modified.", "-4187");
                    return;
                }

                var response = await SendSignedAsync(
                    HttpMethod.Put,
                    _routes.Order,
                    "modify",
                    Params(("symbol", instrument.VenueSymbol), ("side", order.Side == OrderSide.Buy ? "BUY" : "SELL"), ("quantity", quantity.ToString()), ("price", price.Value.ToString()), ("origClientOrderId", command.ClientOrderId.ToString())),
                    _routes.ModifyCosts,
                    cancellationToken).ConfigureAwait(false);
                ReportOrder(response, TradingCommandKind.Replace, command.ClientOrderId, command.Instrument);
                return;
            }

            await ReplaceSpotAsync(command, instrument, order, quantity, price, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCommandFailure(ex))
        {
            ReportFailure(TradingCommandKind.Replace, command.ClientOrderId, command.Instrument, ex);
        }
    }

    /// <inheritdoc />
    public async Task CancelAllAsync(CancelAllOrders command, CancellationToken cancellationToken = default)
    {
        var instrumentId = command.Instrument ?? default;
        try
        {
            Instrument? instrument = null;
            if (command.Instrument is { } id && !_symbols.TryGet(id, out instrument, out _))
            {
                Refuse(TradingCommandKind.CancelAll, default, id, $"{id} is not an instrument of {Account}'s Binance {_market} client.");
                return;
            }

            if (instrument is not null && command.Side is null)
            {
                await CancelAllOfSymbolAsync(instrument, cancellationToken).ConfigureAwait(false);
                return;
            }

            // One side, or every instrument: cancel what is open, order by order or symbol by symbol.
            var open = await OpenOrdersAsync(instrument, cancellationToken).ConfigureAwait(false);
            if (command.Side is null)
            {
                foreach (var symbolOrders in open.GroupBy(o => o.Instrument))
                {
                    if (_symbols.TryGet(symbolOrders.Key, out var each, out _))
                    {
                        await CancelAllOfSymbolAsync(each, cancellationToken).ConfigureAwait(false);
                    }
                }

                return;
            }

            foreach (var order in open)
            {
                if (order.Side == command.Side)
                {
                    await CancelAsync(new CancelOrder { ClientOrderId = order.ClientOrderId, Instrument = order.Instrument, VenueOrderId = order.VenueOrderId, Origin = command.Origin, Timestamp = command.Timestamp }, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (IsCommandFailure(ex))
        {
            ReportFailure(TradingCommandKind.CancelAll, default, instrumentId, ex);
        }
    }

    /// <inheritdoc />
    /// <exception cref="VenueRestException">The venue could not be asked (network, rate limit) or refused other than with -2013.</exception>
    public async Task<OrderStatusReport?> QueryOrderAsync(InstrumentId instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken = default)
    {
        if (!_symbols.TryGet(instrument, out var spec, out _))
        {
            throw new ArgumentException($"{instrument} is not an instrument of {Account}'s Binance {_market} client.", nameof(instrument));
        }

        var report = await QueryOrderCoreAsync(spec, clientOrderId, cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>Stops the user stream and its keep-alive and releases the HTTP client.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposing.IsCancellationRequested)
        {
            return;
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        await StopStreamAsync().ConfigureAwait(false);
        _rest.Dispose();
        _signer.Dispose();
        _disposing.Dispose();
    }

    private async Task ReplaceSpotAsync(ReplaceOrder command, Instrument instrument, OrderStatusReport order, Quantity quantity, Price? price, CancellationToken cancellationToken)
    {
        if (command.NewClientOrderId.IsDefault)
        {
            Refuse(TradingCommandKind.Replace, command.ClientOrderId, command.Instrument, "Binance spot replaces by cancel + new: the command needs a NewClientOrderId.");
            return;
        }

        var canceled = await SendSignedAsync(HttpMethod.Delete, _routes.Order, "cancel", Params(("symbol", instrument.VenueSymbol), ("origClientOrderId", command.ClientOrderId.ToString())), _routes.CancelCosts, cancellationToken).ConfigureAwait(false);
        ReportOrder(canceled, TradingCommandKind.Replace, command.ClientOrderId, command.Instrument);

        // The replacement is a new order for what the canceled one had left (or the quantity asked for).
        var remaining = command.Quantity ?? Quantity.FromDecimal(quantity.ToDecimal() - order.FilledQuantity.ToDecimal(), quantity.Precision);
        var replacement = new SubmitOrder
        {
            ClientOrderId = command.NewClientOrderId,
            Instrument = command.Instrument,
            Side = order.Side,
            Type = order.Type,
            Quantity = remaining,
            Price = price,
            TriggerPrice = command.TriggerPrice ?? order.TriggerPrice,
            TimeInForce = order.TimeInForce,
            Origin = command.Origin,
            Timestamp = command.Timestamp,
        };
        await SubmitAsync(replacement, cancellationToken).ConfigureAwait(false);
    }

    private async Task CancelAllOfSymbolAsync(Instrument instrument, CancellationToken cancellationToken)
    {
        try
        {
            if (_market != BinanceMarket.Spot)
            {
                // The regular cancel-all leaves the algo service's conditional orders: they have their own.
                await CancelAllAlgoOfSymbolAsync(instrument, cancellationToken).ConfigureAwait(false);
            }

            var response = await SendSignedAsync(HttpMethod.Delete, _routes.CancelAll, "cancelAll", Params(("symbol", instrument.VenueSymbol)), _routes.CancelCosts, cancellationToken).ConfigureAwait(false);

            // Spot answers with the canceled orders; USDⓈ-M with {"code":200,...} (the user stream reports each cancel).
            using var document = JsonDocument.Parse(response.Body);
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var o in document.RootElement.EnumerateArray())
                {
                    if (BinanceTradingReader.Order(o, _market, _symbols, UnixNanos.Now(_time)) is { } report)
                    {
                        Deliver(report);
                    }
                }
            }
        }
        catch (VenueApiException ex) when (ex.VenueCode == "-2011")
        {
            // Spot answers -2011 when nothing was open: nothing to cancel is not a failure.
        }
    }

    private async Task<OrderStatusReport?> QueryOrderCoreAsync(Instrument instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        if (_market != BinanceMarket.Spot && _algo.IsAlgo(clientOrderId))
        {
            return await QueryAlgoCoreAsync(instrument, clientOrderId, cancellationToken).ConfigureAwait(false);
        }

        var regular = await QueryRegularOrderAsync(instrument, clientOrderId, cancellationToken).ConfigureAwait(false);

        // Not a regular order: it may be an algo order this client has not seen (a submit whose answer was lost).
        return regular ?? await QueryAlgoCoreAsync(instrument, clientOrderId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> IsAlgoAtVenueAsync(Instrument instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken) =>
        await QueryAlgoCoreAsync(instrument, clientOrderId, cancellationToken).ConfigureAwait(false) is not null;

    private async Task<OrderStatusReport?> QueryRegularOrderAsync(Instrument instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await SendSignedAsync(HttpMethod.Get, _routes.Order, "queryOrder", Params(("symbol", instrument.VenueSymbol), ("origClientOrderId", clientOrderId.ToString())), _routes.QueryOrderCosts, cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(response.Body);
            var report = BinanceTradingReader.Order(document.RootElement, _market, _symbols, UnixNanos.Now(_time));
            if (report is { } known)
            {
                Remember(known.Instrument, known.VenueOrderId, known.ClientOrderId);
            }

            return report;
        }
        catch (VenueApiException ex) when (ex.VenueCode == "-2013")
        {
            return null;
        }
    }

    /// <summary>
    /// Sends a signed request (<see cref="BinanceSigningHandler"/> appends <c>recvWindow</c>, a fresh
    /// <c>timestamp</c> and the signature as it goes out). Answers of 429/418 to a command are sent again once the
    /// host opens: Binance executed nothing.
    /// </summary>
    private async Task<RestResponse> SendSignedAsync(HttpMethod method, string path, string name, ReadOnlyMemory<byte> parameters, RateLimitCost[] costs, CancellationToken cancellationToken)
    {
        var resends = 0;
        while (true)
        {
            var request = new RestRequest(method, parameters.IsEmpty ? path : string.Concat(path, "?", Encoding.ASCII.GetString(parameters.Span))) { Costs = costs, Name = name, IsIdempotent = method == HttpMethod.Get };
            try
            {
                return await _rest.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (VenueRateLimitedException ex) when (ex.StatusCode is not null && method != HttpMethod.Get && resends < _options.MaxRateLimitedResends)
            {
                resends++;
                _logger.LogWarning("Binance {Market} {Account}: {Name} refused with HTTP {Status} ({Code}); sending it again after {RetryAfter}", _market, Account, name, (int)ex.StatusCode.Value, ex.VenueCode, ex.RetryAfter);
            }
        }
    }

    private static byte[] Params(params (string Key, string Value)[] pairs)
    {
        var buffer = new byte[BinanceOrderEncoder.MaxRequestLength];
        var writer = new BinanceQueryWriter(buffer);
        foreach (var (key, value) in pairs)
        {
            writer.Add(Encoding.ASCII.GetBytes(key), value);
        }

        return buffer.AsSpan(0, writer.Length).ToArray();
    }

    private void ReportOrder(RestResponse response, TradingCommandKind command, ClientOrderId clientOrderId, InstrumentId instrument, ClientOrderId? reportAs = null)
    {
        OrderStatusReport? report;
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            report = BinanceTradingReader.Order(document.RootElement, _market, _symbols, UnixNanos.Now(_time));
            if (report is { } regular && reportAs is { } ours)
            {
                // A triggered algo order's regular order: reported under the algo order's client id.
                report = regular with { ClientOrderId = ours };
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or OverflowException or ArgumentException)
        {
            report = null;
        }

        DeliverOrReportUnreadable(report, response, command, clientOrderId, instrument);
    }

    /// <summary>
    /// Delivers a command's answer read into a report, or, when its body could not be read, reports the command's fate
    /// as unknown (reconciliation settles it by client order id).
    /// </summary>
    private void DeliverOrReportUnreadable(OrderStatusReport? report, RestResponse response, TradingCommandKind command, ClientOrderId clientOrderId, InstrumentId instrument)
    {
        if (report is { } known)
        {
            Deliver(known);
            return;
        }

        Sink?.OnCommandFailed(new VenueCommandFailure
        {
            Command = command,
            ClientOrderId = clientOrderId,
            Instrument = instrument,
            FateUnknown = true,
            Reason = $"Binance answered {response.Request.DisplayName} with a body we could not read: {VenueResponseFormatException.Excerpt(response.Body.Span)}",
            Timestamp = UnixNanos.Now(_time),
        });
    }

    private void Deliver(in OrderStatusReport report)
    {
        Remember(report.Instrument, report.VenueOrderId, report.ClientOrderId);
        Sink?.OnOrderStatus(report);
    }

    private void Remember(InstrumentId instrument, VenueOrderId venueOrderId, ClientOrderId clientOrderId)
    {
        if (!clientOrderId.IsDefault && long.TryParse(venueOrderId.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var orderId))
        {
            _clientIds[(instrument, orderId)] = clientOrderId;
        }
    }

    private static bool IsCommandFailure(Exception ex) =>
        ex is VenueRestException or OperationCanceledException or JsonException or HttpRequestException;

    private void Refuse(TradingCommandKind command, ClientOrderId clientOrderId, InstrumentId instrument, string reason, string? code = null) =>
        Sink?.OnCommandFailed(new VenueCommandFailure
        {
            Command = command,
            ClientOrderId = clientOrderId,
            Instrument = instrument,
            Code = code,
            Reason = reason,
            Timestamp = UnixNanos.Now(_time),
        });

    /// <summary>
    /// A Binance error (4xx with a code) or a rate limit that never let the request through is a refusal; anything
    /// after the request may have reached Binance (timeout, dropped connection, 5xx, unreadable answer) is unknown.
    /// </summary>
    private void ReportFailure(TradingCommandKind command, ClientOrderId clientOrderId, InstrumentId instrument, Exception ex)
    {
        var failure = ex switch
        {
            VenueApiException api => new VenueCommandFailure
            {
                Command = command,
                ClientOrderId = clientOrderId,
                Instrument = instrument,
                Code = api.VenueCode ?? ((int?)api.StatusCode)?.ToString(CultureInfo.InvariantCulture),
                Reason = api.VenueMessage ?? api.Message,
                Timestamp = UnixNanos.Now(_time),
            },
            VenueRateLimitedException limited => new VenueCommandFailure
            {
                Command = command,
                ClientOrderId = clientOrderId,
                Instrument = instrument,
                Code = limited.VenueCode ?? (limited.StatusCode is { } status ? ((int)status).ToString(CultureInfo.InvariantCulture) : "429"),
                Reason = $"Not sent: {limited.Message}",
                Timestamp = UnixNanos.Now(_time),
            },
            _ => new VenueCommandFailure
            {
                Command = command,
                ClientOrderId = clientOrderId,
                Instrument = instrument,
                FateUnknown = true,
                Code = (ex as VenueRestException)?.VenueCode,
                Reason = $"The outcome is unknown (query the order by its client id, do not resend): {ex.Message}",
                Timestamp = UnixNanos.Now(_time),
            },
        };
        _logger.LogWarning("Binance {Market} {Account}: {Command} {ClientOrderId} failed: {Reason}", _market, Account, command, clientOrderId, failure.Reason);
        Sink?.OnCommandFailed(failure);
    }
}
