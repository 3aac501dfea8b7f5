using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.Venues.Network.Http;
using FlowSight.Venues.Okx.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSight.Venues.Okx.Trading;

/// <summary>
/// One OKX v5 account's trading adapter. Orders are placed, canceled and amended over the private WebSocket
/// (<c>op: order</c>, <c>cancel-order</c>, <c>amend-order</c>, each matched to its reply by request id) or over
/// signed REST (<see cref="OkxExecutionClientOptions.UseWebSocketOrders"/>; REST also while the socket is down). The
/// private WebSocket's <c>orders</c>, <c>positions</c> and <c>account</c> channels become
/// <see cref="OrderStatusReport"/>s, <see cref="FillReport"/>s; stops and take-profits are conditional algo orders
/// (<c>trade/order-algo</c>, the <c>orders-algo</c> channel; see the Algo part of this class), also as (fees turned to FlowSight's sign: positive = charged),
/// <see cref="PositionStatusReport"/>s and <see cref="BalanceReport"/>s. REST goes through
/// <see cref="VenueRestClient"/> with OKX's per-endpoint limits (<see cref="OkxTradingRoutes"/>); a request OKX
/// refuses with 50011 (HTTP 429) was not executed, so it waits the window out and is sent again, once per refusal.
/// A request sent without an answer (timeout, dropped connection) is reported with
/// <see cref="VenueCommandFailure.FateUnknown"/>: never resent; <see cref="QueryOrderAsync"/> finds it by client id.
/// </summary>
/// <remarks>Thread-safe. Reports arrive on I/O threads.</remarks>
public sealed partial class OkxExecutionClient : IExecutionClient
{
    private static readonly string[] Channels = ["orders", "orders-algo", "positions", "account"];

    private readonly OkxExecutionClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OkxRequestSigner _signer;
    private readonly VenueRestClient _rest;
    private readonly Dictionary<string, Instrument> _bySymbol = new(StringComparer.Ordinal);
    private readonly Dictionary<InstrumentId, Instrument> _byId = [];
    // Per order: pushed (1), acknowledged (2), terminal pushed (4); dropped once acknowledged and terminal.
    private readonly ConcurrentDictionary<ClientOrderId, int> _seen = new();
    private IExecutionReportSink? _sink;
    private OkxPrivateSocket? _socket;

    /// <summary>Creates a client; nothing is sent before <see cref="ConnectAsync"/>.</summary>
    /// <exception cref="ArgumentException">Credentials or instruments missing.</exception>
    public OkxExecutionClient(OkxExecutionClientOptions options, TimeProvider? timeProvider = null, ILogger<OkxExecutionClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Account);
        ArgumentException.ThrowIfNullOrEmpty(options.ApiKey);
        ArgumentException.ThrowIfNullOrEmpty(options.Passphrase);
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _signer = new OkxRequestSigner(options.ApiSecret);
        foreach (var instrument in options.Instruments)
        {
            _bySymbol[instrument.VenueSymbol] = instrument;
            _byId[instrument.Id] = instrument;
        }

        var transport = options.Rest.ToVenueRestOptions();
        var inner = transport.HandlerFactory;
        _rest = new VenueRestClient(
            transport with
            {
                HandlerFactory = () => new OkxSigningHandler(options, _signer, _time, inner?.Invoke() ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }),
            },
            _time,
            logger);
    }

    /// <inheritdoc />
    public Venue Venue => Venue.Okx;

    /// <inheritdoc />
    public string Account => _options.Account;

    /// <inheritdoc />
    public IReadOnlyList<Instrument> Instruments => _options.Instruments;

    /// <inheritdoc />
    public bool IsConnected => _socket?.IsConnected ?? false;

    /// <summary>The REST host's shared state: rate-limit windows, 429 blocks and counters.</summary>
    public RestHost Host => _rest.Host;

    /// <inheritdoc />
    /// <exception cref="OkxLoginException">OKX refused the login or a subscription (key, passphrase, signature, clock).</exception>
    public async Task ConnectAsync(IExecutionReportSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (Interlocked.CompareExchange(ref _sink, sink, null) is not null)
        {
            throw new InvalidOperationException("This OKX execution client is already connected.");
        }

        var socket = new OkxPrivateSocket(_options, _signer, _time, _logger, Channels, OnPush, OnConnection);
        _socket = socket;
        try
        {
            await socket.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _socket = null;
            await socket.DisposeAsync().ConfigureAwait(false);
            Volatile.Write(ref _sink, null);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task SubmitAsync(SubmitOrder command, CancellationToken cancellationToken = default)
    {
        var sink = Sink;
        if (!_byId.TryGetValue(command.Instrument, out var instrument))
        {
            Fail(sink, TradingCommandKind.Submit, command.ClientOrderId, command.Instrument, null, $"{command.Instrument} is not an instrument of OKX account {Account}.");
            return;
        }

        if (OkxTradingJson.IsConditional(command.Type))
        {
            await SubmitAlgoAsync(sink, command, instrument, cancellationToken).ConfigureAwait(false);
            return;
        }

        var ordType = OkxTradingJson.OrdType(command.Type, command.TimeInForce);
        if (ordType is null)
        {
            Fail(sink, TradingCommandKind.Submit, command.ClientOrderId, command.Instrument, null, $"OKX's trailing stop (move_order_stop) needs a callback ratio a {command.Type} order does not carry; nothing was sent (the exit manager trails locally).");
            return;
        }

        if (!IsOkxClientId(command.ClientOrderId))
        {
            Fail(sink, TradingCommandKind.Submit, command.ClientOrderId, command.Instrument, null, $"OKX takes a clOrdId of 1-32 letters and digits; '{command.ClientOrderId}' is not one, nothing was sent.");
            return;
        }

        var tdMode = instrument.Kind == InstrumentKind.Spot ? "cash" : _options.MarginMode;
        var args = OkxTradingJson.Build((Command: command, Instrument: instrument, OrdType: ordType, TdMode: tdMode), static (json, s) => OkxTradingJson.WriteOrder(json, s.Command, s.Instrument, s.OrdType, s.TdMode));
        var result = await ExecuteAsync("order", OkxTradingRoutes.PlaceOrder, instrument.VenueSymbol, args, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            Fail(sink, TradingCommandKind.Submit, command.ClientOrderId, command.Instrument, result.Code, result.Message, result.FateUnknown);
            return;
        }

        // The orders channel reports the order too; the acknowledgement matters only when it comes first.
        if (!Acknowledged(command.ClientOrderId) && result.OrdId is { Length: > 0 } ordId)
        {
            sink.OnOrderStatus(new OrderStatusReport
            {
                Instrument = command.Instrument,
                ClientOrderId = command.ClientOrderId,
                VenueOrderId = VenueOrderId.Parse(ordId),
                Side = command.Side,
                Type = command.Type,
                Status = OrderStatus.Accepted,
                Quantity = command.Quantity,
                FilledQuantity = Quantity.Zero(command.Quantity.Precision),
                Price = command.Price,
                TimeInForce = command.TimeInForce,
                ReduceOnly = command.ReduceOnly,
                PositionSide = command.PositionSide,
                Timestamp = Now(),
            });
        }
    }

    /// <inheritdoc />
    public async Task CancelAsync(CancelOrder command, CancellationToken cancellationToken = default)
    {
        var sink = Sink;
        OkxOrderResult result;
        if (!_byId.TryGetValue(command.Instrument, out var instrument))
        {
            result = OkxOrderResult.Refused(null, $"{command.Instrument} is not an instrument of OKX account {Account}.");
        }
        else if (_algo.IsAlgo(command.ClientOrderId))
        {
            result = await CancelAlgoAsync(instrument, command.ClientOrderId, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            result = await CancelOneAsync(command.Instrument, command.ClientOrderId, command.VenueOrderId, cancellationToken).ConfigureAwait(false);

            // An order this client has not seen may be an algo order (placed before a restart, or elsewhere).
            if (result.Code == OkxTradingCodes.CancelUnknownOrder && IsOkxClientId(command.ClientOrderId)
                && await CancelAlgoAsync(instrument, command.ClientOrderId, cancellationToken).ConfigureAwait(false) is { Succeeded: true } algo)
            {
                result = algo;
            }
        }

        if (!result.Succeeded)
        {
            Fail(sink, TradingCommandKind.Cancel, command.ClientOrderId, command.Instrument, result.Code, result.Message, result.FateUnknown);
        }
    }

    /// <inheritdoc />
    public async Task ReplaceAsync(ReplaceOrder command, CancellationToken cancellationToken = default)
    {
        var sink = Sink;
        if (!_byId.TryGetValue(command.Instrument, out var instrument))
        {
            Fail(sink, TradingCommandKind.Replace, command.ClientOrderId, command.Instrument, null, $"{command.Instrument} is not an instrument of OKX account {Account}.");
            return;
        }

        if (_options.AmendInPlace)
        {
            var args = OkxTradingJson.Build((Symbol: instrument.VenueSymbol, Command: command), static (json, s) => OkxTradingJson.WriteAmend(json, s.Symbol, s.Command));
            var amended = await ExecuteAsync("amend-order", OkxTradingRoutes.AmendOrder, instrument.VenueSymbol, args, cancellationToken).ConfigureAwait(false);
            if (!amended.Succeeded)
            {
                Fail(sink, TradingCommandKind.Replace, command.ClientOrderId, command.Instrument, amended.Code, amended.Message, amended.FateUnknown);
            }

            return;
        }

        await CancelAndReplaceAsync(sink, instrument, command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CancelAllAsync(CancelAllOrders command, CancellationToken cancellationToken = default)
    {
        var sink = Sink;
        List<OrderStatusReport> open;
        try
        {
            open = await OpenOrdersAsync(command.Instrument, cancellationToken).ConfigureAwait(false);
        }
        catch (VenueRestException ex)
        {
            Fail(sink, TradingCommandKind.CancelAll, default, command.Instrument ?? default, ex.VenueCode, $"Could not list the open orders to cancel: {ex.Message}");
            return;
        }

        var targets = new List<OrderStatusReport>();
        foreach (var order in open)
        {
            if (command.Side is not { } side || order.Side == side)
            {
                targets.Add(order);
            }
        }

        for (var start = 0; start < targets.Count; start += OkxTradingRoutes.MaxBatch)
        {
            var batch = targets.GetRange(start, Math.Min(OkxTradingRoutes.MaxBatch, targets.Count - start));
            var body = OkxTradingJson.Build((Batch: batch, Self: this), static (json, s) =>
            {
                json.WriteStartArray();
                foreach (var order in s.Batch)
                {
                    OkxTradingJson.WriteCancel(json, s.Self._byId[order.Instrument].VenueSymbol, order.ClientOrderId, order.VenueOrderId);
                }

                json.WriteEndArray();
            });
            var results = await PostBatchAsync(OkxTradingRoutes.CancelBatchOrders, body, batch.Count, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                var result = i < results.Count ? results[i] : results.Count == 1 ? results[0] : OkxOrderResult.Unknown("OKX answered fewer items than it was sent.");
                if (!result.Succeeded)
                {
                    Fail(sink, TradingCommandKind.CancelAll, batch[i].ClientOrderId, batch[i].Instrument, result.Code, result.Message, result.FateUnknown);
                }
            }
        }

        await CancelAllAlgoAsync(sink, command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<OrderStatusReport?> QueryOrderAsync(InstrumentId instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken = default)
    {
        var spec = _byId.TryGetValue(instrument, out var found) ? found : throw new ArgumentException($"{instrument} is not an instrument of OKX account {Account}.", nameof(instrument));
        if (_algo.IsAlgo(clientOrderId))
        {
            return await QueryAlgoAsync(spec, clientOrderId, cancellationToken).ConfigureAwait(false);
        }

        // Not found among the regular orders: an algo order of ours (a submit whose answer was lost, or one placed
        // before a restart) is found by its algoClOrdId.
        return await QueryRegularAsync(spec, [new("instId", spec.VenueSymbol), new("clOrdId", clientOrderId.ToString())], cancellationToken).ConfigureAwait(false)
            ?? (IsOkxClientId(clientOrderId) ? await QueryAlgoAsync(spec, clientOrderId, cancellationToken).ConfigureAwait(false) : null);
    }

    /// <summary><c>GET trade/order</c> by the given ids; null when OKX does not know the order (51603).</summary>
    private async Task<OrderStatusReport?> QueryRegularAsync(Instrument spec, IReadOnlyList<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
    {
        var response = await SendAsync(OkxTradingRoutes.GetOrder, spec.VenueSymbol, query, default, 1, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Body);
        var root = document.RootElement;
        var code = OkxTradingJson.Text(root, "code");
        if (code == OkxTradingCodes.OrderDoesNotExist)
        {
            return null;
        }

        ThrowOnError(root, response);
        foreach (var item in root.GetProperty("data").EnumerateArray())
        {
            return ReadRegularOrder(item, spec, response.ReceivedAt);
        }

        return null;
    }

    /// <inheritdoc />
    public async Task<ExecutionStateSnapshot> QueryStateAsync(long fillsSince, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var open = await OpenOrdersAsync(null, cancellationToken).ConfigureAwait(false);
        open.AddRange(await PendingAlgoOrdersAsync(null, cancellationToken).ConfigureAwait(false));
        var fills = await FillsAsync(fillsSince, cancellationToken).ConfigureAwait(false);

        var balances = new List<BalanceReport>();
        var balance = await GetAsync(OkxTradingRoutes.Balance, [], cancellationToken).ConfigureAwait(false);
        using (var document = JsonDocument.Parse(balance.Body))
        {
            foreach (var account in Data(document.RootElement, balance))
            {
                OkxTradingJson.ReadBalances(account, Account, balance.ReceivedAt, snapshot: true, balances);
            }
        }

        var positions = new List<PositionStatusReport>();
        var response = await GetAsync(OkxTradingRoutes.Positions, [], cancellationToken).ConfigureAwait(false);
        using (var document = JsonDocument.Parse(response.Body))
        {
            foreach (var item in Data(document.RootElement, response))
            {
                if (_bySymbol.TryGetValue(OkxTradingJson.Text(item, "instId"), out var instrument))
                {
                    positions.Add(OkxTradingJson.ReadPosition(item, instrument, response.ReceivedAt, snapshot: true));
                }
            }
        }

        return new ExecutionStateSnapshot { OpenOrders = open, Fills = fills, Balances = balances, Positions = positions, Timestamp = now };
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_socket is not null)
        {
            await _socket.DisposeAsync().ConfigureAwait(false);
        }

        _rest.Dispose();
        _signer.Dispose();
    }

    private IExecutionReportSink Sink => _sink ?? throw new InvalidOperationException("Call ConnectAsync before sending commands.");

    private static bool IsOkxClientId(ClientOrderId id)
    {
        var bytes = id.Utf8;
        if (bytes.Length is 0 or > 32)
        {
            return false;
        }

        foreach (var b in bytes)
        {
            if (!char.IsAsciiLetterOrDigit((char)b))
            {
                return false;
            }
        }

        return true;
    }

    private async Task CancelAndReplaceAsync(IExecutionReportSink sink, Instrument instrument, ReplaceOrder command, CancellationToken cancellationToken)
    {
        if (command.NewClientOrderId.IsDefault || !IsOkxClientId(command.NewClientOrderId))
        {
            Fail(sink, TradingCommandKind.Replace, command.ClientOrderId, command.Instrument, null, "Replacing by cancel and new order needs a NewClientOrderId of 1-32 letters and digits; nothing was sent.");
            return;
        }

        OrderStatusReport? old;
        try
        {
            old = await QueryOrderAsync(command.Instrument, command.ClientOrderId, cancellationToken).ConfigureAwait(false);
        }
        catch (VenueRestException ex)
        {
            Fail(sink, TradingCommandKind.Replace, command.ClientOrderId, command.Instrument, ex.VenueCode, $"Could not read the order to replace: {ex.Message}");
            return;
        }

        if (old is not { } order)
        {
            Fail(sink, TradingCommandKind.Replace, command.ClientOrderId, command.Instrument, OkxTradingCodes.OrderDoesNotExist, "Order does not exist");
            return;
        }

        var canceled = await CancelOneAsync(command.Instrument, command.ClientOrderId, order.VenueOrderId, cancellationToken).ConfigureAwait(false);
        if (!canceled.Succeeded)
        {
            Fail(sink, TradingCommandKind.Replace, command.ClientOrderId, command.Instrument, canceled.Code, canceled.Message, canceled.FateUnknown);
            return;
        }

        // What filled before the cancel took effect stays filled: the replacement carries the rest of the new total.
        var final = order;
        try
        {
            final = await QueryOrderAsync(command.Instrument, command.ClientOrderId, cancellationToken).ConfigureAwait(false) ?? order;
        }
        catch (VenueRestException ex)
        {
            // Canceled, but how much filled first is unknown: placing the rest could overfill.
            Fail(sink, TradingCommandKind.Replace, command.ClientOrderId, command.Instrument, ex.VenueCode, $"The order was canceled but its final fill could not be read, so no replacement was placed: {ex.Message}");
            return;
        }
        var total = command.Quantity ?? order.Quantity;
        var remaining = total.ToDecimal() - final.FilledQuantity.ToDecimal();
        if (remaining <= 0)
        {
            Fail(sink, TradingCommandKind.Replace, command.ClientOrderId, command.Instrument, null, $"The order was canceled; {final.FilledQuantity} had filled, nothing of the new total {total} is left to place.");
            return;
        }

        await SubmitAsync(
            new SubmitOrder
            {
                ClientOrderId = command.NewClientOrderId,
                Instrument = command.Instrument,
                Side = order.Side,
                Type = order.Type,
                Quantity = OkxTradingJson.Size(remaining, instrument),
                Price = command.Price ?? order.Price,
                TimeInForce = order.TimeInForce,
                ReduceOnly = order.ReduceOnly,
                PositionSide = order.PositionSide,
                Origin = command.Origin,
                Timestamp = command.Timestamp,
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<OkxOrderResult> CancelOneAsync(InstrumentId instrumentId, ClientOrderId clientOrderId, VenueOrderId venueOrderId, CancellationToken cancellationToken)
    {
        if (!_byId.TryGetValue(instrumentId, out var instrument))
        {
            return OkxOrderResult.Refused(null, $"{instrumentId} is not an instrument of OKX account {Account}.");
        }

        var args = OkxTradingJson.Build((Symbol: instrument.VenueSymbol, Client: clientOrderId, Venue: venueOrderId), static (json, s) => OkxTradingJson.WriteCancel(json, s.Symbol, s.Client, s.Venue));
        return await ExecuteAsync("cancel-order", OkxTradingRoutes.CancelOrder, instrument.VenueSymbol, args, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One order-entry request over the WebSocket (when chosen and up) or REST; 50011 waits and resends.</summary>
    private async Task<OkxOrderResult> ExecuteAsync(string op, string route, string instId, byte[] args, CancellationToken cancellationToken)
    {
        var socket = _socket;
        if (_options.UseWebSocketOrders && socket is { IsConnected: true })
        {
            for (var attempt = 0; ; attempt++)
            {
                var rule = OkxTradingRoutes.Rule(route, Account, instId);
                await ReserveAsync(rule, cancellationToken).ConfigureAwait(false);
                var id = socket.NextRequestId();
                byte[] reply;
                try
                {
                    reply = await socket.SendRequestAsync(id, OkxTradingJson.Request(id, op, args), cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidOperationException)
                {
                    break; // Not sent: the socket went down; REST below.
                }
                catch (OkxConnectionLostException ex)
                {
                    return OkxOrderResult.Unknown(ex.Message);
                }

                var result = ReadWebSocketReply(reply);
                if (result.Code == OkxErrorCodes.RateLimited && attempt < _options.MaxRateLimitRetries)
                {
                    await WaitRateLimitAsync(route, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                return result;
            }
        }

        var results = await PostBatchAsync(route, args, 1, cancellationToken, instId).ConfigureAwait(false);
        return results[0];
    }

    private static OkxOrderResult ReadWebSocketReply(byte[] reply)
    {
        using var document = JsonDocument.Parse(reply);
        var root = document.RootElement;
        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0)
        {
            return ReadItem(data[0]);
        }

        var code = OkxTradingJson.Text(root, "code");
        return code == OkxErrorCodes.Ok
            ? OkxOrderResult.Unknown("OKX answered the request without a result.")
            : OkxOrderResult.Refused(code, OkxTradingJson.Text(root, "msg"));
    }

    private static OkxOrderResult ReadItem(JsonElement item)
    {
        var sCode = OkxTradingJson.Text(item, "sCode");

        // Algo order entry answers with the algoId where order entry answers with the ordId.
        var ordId = OkxTradingJson.Text(item, "ordId") is { Length: > 0 } id ? id : OkxTradingJson.Text(item, "algoId");
        return sCode == OkxErrorCodes.Ok
            ? new OkxOrderResult(true, false, sCode, OkxTradingJson.Text(item, "sMsg"), ordId)
            : new OkxOrderResult(false, false, sCode, OkxTradingJson.Text(item, "sMsg"), ordId.Length > 0 ? ordId : null);
    }

    /// <summary>A POST of order entry: each item's result, in order. 50011 (not executed) waits and resends; no answer is FateUnknown.</summary>
    private async Task<List<OkxOrderResult>> PostBatchAsync(string route, byte[] body, int cost, CancellationToken cancellationToken, string? instId = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            RestResponse response;
            try
            {
                response = await SendAsync(route, instId, [], body, cost, cancellationToken).ConfigureAwait(false);
            }
            catch (VenueRateLimitedException ex) when (attempt < _options.MaxRateLimitRetries && ex.BlockedUntil - _time.GetUtcNow() <= _options.Rest.MaxRateLimitWait)
            {
                // Refused with 429/50011: not executed. The host is blocked; the next attempt waits there.
                _logger.LogWarning("OKX {Route} ({Account}): rate-limited, sending again after {Wait}", route, Account, ex.RetryAfter);
                continue;
            }
            catch (VenueRateLimitedException ex)
            {
                return [OkxOrderResult.Refused(ex.VenueCode ?? OkxErrorCodes.RateLimited, $"Rate-limited and not sent again: {ex.Message}")];
            }
            catch (VenueApiException ex)
            {
                return [OkxOrderResult.Refused(ex.VenueCode, ex.VenueMessage ?? ex.Message)];
            }
            catch (VenueTransientException ex)
            {
                return [OkxOrderResult.Unknown(ex.Message)];
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                return [OkxOrderResult.Unknown(ex.Message)];
            }

            using var document = JsonDocument.Parse(response.Body);
            var root = document.RootElement;
            var code = OkxTradingJson.Text(root, "code");
            if (code == OkxErrorCodes.RateLimited && attempt < _options.MaxRateLimitRetries)
            {
                await WaitRateLimitAsync(route, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var results = new List<OkxOrderResult>(cost);
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in data.EnumerateArray())
                {
                    results.Add(ReadItem(item));
                }
            }

            if (results.Count == 0)
            {
                results.Add(code == OkxErrorCodes.Ok ? OkxOrderResult.Unknown("OKX answered without a result.") : OkxOrderResult.Refused(code, OkxTradingJson.Text(root, "msg")));
            }

            return results;
        }
    }

    private async Task WaitRateLimitAsync(string route, CancellationToken cancellationToken)
    {
        _logger.LogWarning("OKX {Route} ({Account}): 50011, waiting {Wait} before sending again", route, Account, _options.Rest.RateLimitedWait);
        await Task.Delay(_options.Rest.RateLimitedWait, _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Holds a WebSocket request until its pool has room (OKX counts WebSocket and REST order entry together).</summary>
    private async Task ReserveAsync(RateLimitRule rule, CancellationToken cancellationToken)
    {
        Host.Limiter.EnsureRule(rule);
        while (true)
        {
            var now = _time.GetUtcNow();
            if (Host.Limiter.TryReserve([new RateLimitCost(rule.Pool, 1)], now, out var lease, out var wait))
            {
                Host.Limiter.Complete(lease, now, static _ => null);
                return;
            }

            await Task.Delay(wait + _options.Rest.WindowBoundaryGuard, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<RestResponse> GetAsync(string route, IReadOnlyList<KeyValuePair<string, string>> query, CancellationToken cancellationToken) =>
        SendAsync(route, null, query, default, 1, cancellationToken);

    private Task<RestResponse> SendAsync(string route, string? instId, IReadOnlyList<KeyValuePair<string, string>> query, ReadOnlyMemory<byte> body, int cost, CancellationToken cancellationToken)
    {
        var rule = OkxTradingRoutes.Rule(route, Account, OkxTradingRoutes.IsPerInstrument(route) ? instId : null);
        Host.Limiter.EnsureRule(rule);
        var method = body.IsEmpty ? HttpMethod.Get : HttpMethod.Post;
        return _rest.SendAsync(
            new RestRequest(method, OkxTradingRoutes.PathOf(route))
            {
                Name = route[(route.LastIndexOf('/') + 1)..],
                Query = query,
                Body = body,
                Costs = [new RateLimitCost(rule.Pool, cost)],
            },
            cancellationToken);
    }

    private Task<List<OrderStatusReport>> OpenOrdersAsync(InstrumentId? only, CancellationToken cancellationToken) =>
        PendingListAsync(OkxTradingRoutes.OrdersPending, null, "ordId", only, (item, instrument, receivedAt) => ReadRegularOrder(item, instrument, receivedAt), cancellationToken);

    /// <summary>
    /// A pending-orders list (regular or algo), of one instrument or all, 100 a page, paged by the id OKX names
    /// <paramref name="cursor"/> (<c>after</c>: older than it); items of instruments not traded here are skipped.
    /// </summary>
    private async Task<List<OrderStatusReport>> PendingListAsync(
        string route,
        KeyValuePair<string, string>? filter,
        string cursor,
        InstrumentId? only,
        Func<JsonElement, Instrument, long, OrderStatusReport> read,
        CancellationToken cancellationToken)
    {
        var orders = new List<OrderStatusReport>();
        string? after = null;
        while (true)
        {
            var query = new List<KeyValuePair<string, string>> { new("limit", "100") };
            if (filter is { } f)
            {
                query.Insert(0, f);
            }

            if (only is { } id)
            {
                query.Add(new("instId", _byId.TryGetValue(id, out var spec) ? spec.VenueSymbol : throw new ArgumentException($"{id} is not an instrument of OKX account {Account}.", nameof(only))));
            }

            if (after is not null)
            {
                query.Add(new("after", after));
            }

            var response = await GetAsync(route, query, cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(response.Body);
            var count = 0;
            foreach (var item in Data(document.RootElement, response))
            {
                count++;
                after = OkxTradingJson.Text(item, cursor);
                if (_bySymbol.TryGetValue(OkxTradingJson.Text(item, "instId"), out var instrument))
                {
                    orders.Add(read(item, instrument, response.ReceivedAt));
                }
            }

            if (count < 100)
            {
                return orders;
            }
        }
    }

    /// <summary>Fills since <paramref name="since"/>: <c>trade/fills</c> covers 3 days, older goes to <c>fills-history</c> (3 months, per instrument type).</summary>
    private async Task<List<FillReport>> FillsAsync(long since, CancellationToken cancellationToken)
    {
        var fills = new List<FillReport>();
        var recent = since >= Now() - (3L * 24 * 3600 * UnixNanos.PerSecond);
        var types = new List<string?>();
        if (recent)
        {
            types.Add(null);
        }
        else
        {
            foreach (var instrument in _options.Instruments)
            {
                var type = instrument.Kind == InstrumentKind.Spot ? "SPOT" : instrument.Expiry is null ? "SWAP" : "FUTURES";
                if (!types.Contains(type))
                {
                    types.Add(type);
                }
            }
        }

        var begin = UnixNanos.ToMilliseconds(Math.Max(0, since)).ToString(CultureInfo.InvariantCulture);
        foreach (var type in types)
        {
            string? after = null;
            while (true)
            {
                var query = new List<KeyValuePair<string, string>> { new("begin", begin), new("limit", "100") };
                if (type is not null)
                {
                    query.Add(new("instType", type));
                }

                if (after is not null)
                {
                    query.Add(new("after", after));
                }

                var response = await GetAsync(recent ? OkxTradingRoutes.Fills : OkxTradingRoutes.FillsHistory, query, cancellationToken).ConfigureAwait(false);
                using var document = JsonDocument.Parse(response.Body);
                var count = 0;
                foreach (var item in Data(document.RootElement, response))
                {
                    count++;
                    after = OkxTradingJson.Text(item, "billId");
                    if (_bySymbol.TryGetValue(OkxTradingJson.Text(item, "instId"), out var instrument))
                    {
                        // trade/fills has no algoClOrdId: a triggered algo order's fills are ours by its ordId.
                        var fill = OkxTradingJson.ReadFill(item, instrument, response.ReceivedAt);
                        fills.Add(fill with { ClientOrderId = AlgoClientOf(instrument.Id, fill.ClientOrderId, OkxTradingJson.Text(item, "ordId")) });
                    }
                }

                if (count < 100)
                {
                    break;
                }
            }
        }

        await AttributeAlgoFillsAsync(fills, cancellationToken).ConfigureAwait(false);
        return fills;
    }

    private JsonElement.ArrayEnumerator Data(JsonElement root, RestResponse response)
    {
        ThrowOnError(root, response);
        return root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
            ? data.EnumerateArray()
            : throw new VenueResponseFormatException($"{Host.Name} {response.Request.DisplayName}: the answer has no data array.");
    }

    private void ThrowOnError(JsonElement root, RestResponse response)
    {
        var code = OkxTradingJson.Text(root, "code");
        if (code != OkxErrorCodes.Ok)
        {
            throw new VenueApiException($"{Host.Name} {response.Request.DisplayName}: venue code {code} '{OkxTradingJson.Text(root, "msg")}'.")
            {
                Host = Host.Name,
                Endpoint = response.Request.DisplayName,
                StatusCode = response.StatusCode,
                VenueCode = code,
                VenueMessage = OkxTradingJson.Text(root, "msg"),
            };
        }
    }

    /// <summary>
    /// A regular order of <c>orders-pending</c> or the orders channel; the one a triggered algo order became is ours
    /// under the algo order's id (its <c>algoClOrdId</c>, or the link remembered by <c>ordId</c>), and its link is kept.
    /// </summary>
    private OrderStatusReport ReadRegularOrder(JsonElement item, Instrument instrument, long receivedAt)
    {
        var report = OkxTradingJson.ReadOrder(item, instrument, receivedAt);
        var ordId = OkxTradingJson.Text(item, "ordId");
        if (OkxTradingJson.Text(item, "algoId") is { Length: > 0 } algoId && !report.ClientOrderId.IsDefault)
        {
            _algo.Remember(instrument.Id, report.ClientOrderId, algoId, ordId);
            return report;
        }

        return report with { ClientOrderId = AlgoClientOf(instrument.Id, report.ClientOrderId, ordId) };
    }

    private void OnPush(JsonElement root, long receivedAt)
    {
        if (_sink is not { } sink || !root.TryGetProperty("arg", out var arg))
        {
            return;
        }

        var channel = OkxTradingJson.Text(arg, "channel");
        var data = root.GetProperty("data");
        if (channel == "account")
        {
            var balances = new List<BalanceReport>();
            foreach (var account in data.EnumerateArray())
            {
                OkxTradingJson.ReadBalances(account, Account, receivedAt, snapshot: false, balances);
            }

            foreach (var balance in balances)
            {
                sink.OnBalance(balance);
            }

            return;
        }

        foreach (var item in data.EnumerateArray())
        {
            if (!_bySymbol.TryGetValue(OkxTradingJson.Text(item, "instId"), out var instrument))
            {
                continue;
            }

            if (channel == "orders")
            {
                var report = ReadRegularOrder(item, instrument, receivedAt);
                Pushed(report.ClientOrderId, report.Status.IsTerminal());

                // The fill first: the order report that follows already counts it.
                if (OkxTradingJson.TryReadPushFill(item, instrument, receivedAt, out var fill))
                {
                    sink.OnFill(fill with { ClientOrderId = report.ClientOrderId });
                }

                sink.OnOrderStatus(report);
            }
            else if (channel == "orders-algo")
            {
                OnAlgoPush(sink, item, instrument, receivedAt);
            }
            else if (channel == "positions")
            {
                sink.OnPosition(OkxTradingJson.ReadPosition(item, instrument, receivedAt, snapshot: false));
            }
        }
    }

    /// <summary>Notes a submit's acknowledgement; true when the orders channel already reported the order (no report needed).</summary>
    private bool Acknowledged(ClientOrderId id)
    {
        var flags = _seen.AddOrUpdate(id, 2, static (_, v) => v | 2);
        if ((flags & 4) != 0)
        {
            _seen.TryRemove(id, out _);
        }

        return (flags & 1) != 0;
    }

    private void Pushed(ClientOrderId id, bool terminal)
    {
        if (id.IsDefault)
        {
            return;
        }

        var add = terminal ? 5 : 1;
        var flags = _seen.AddOrUpdate(id, add, (_, v) => v | add);
        if (terminal && (flags & 2) != 0)
        {
            _seen.TryRemove(id, out _);
        }
    }

    private void OnConnection(bool connected, bool reconnected, string reason) =>
        _sink?.OnConnectionChanged(new ExecutionConnectionChanged
        {
            Venue = Venue.Okx,
            Account = Account,
            Connected = connected,
            Reconnected = reconnected,
            Reason = reason,
            Timestamp = Now(),
        });

    private void Fail(IExecutionReportSink sink, TradingCommandKind command, ClientOrderId clientOrderId, InstrumentId instrument, string? code, string reason, bool fateUnknown = false) =>
        sink.OnCommandFailed(new VenueCommandFailure
        {
            Command = command,
            ClientOrderId = clientOrderId,
            Instrument = instrument,
            FateUnknown = fateUnknown,
            Code = code,
            Reason = reason,
            Timestamp = Now(),
        });

    private long Now() => UnixNanos.Now(_time);
}
