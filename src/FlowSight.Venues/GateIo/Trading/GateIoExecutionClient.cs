using System.Collections.Concurrent;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.Venues.Network.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSight.Venues.GateIo.Trading;

/// <summary>
/// Gate.io v4 trading adapter for one account on one market (spot or USDT perpetuals): orders over signed REST
/// (<see cref="GateIoRequestSigner"/>, through <see cref="VenueRestClient"/> with Gate's rate-limit headers), reports
/// from the private WebSocket (<c>spot.orders</c>/<c>spot.usertrades</c>/<c>spot.balances</c> or
/// <c>futures.orders</c>/<c>futures.usertrades</c>/<c>futures.positions</c>/<c>futures.balances</c>/<c>futures.autoorders</c>, each subscription
/// signed), kept alive with Gate's application ping and re-subscribed after every reconnect. Our client order id
/// travels as Gate's <c>text</c> with the mandatory <c>t-</c> prefix, which is stripped on the way back. Venue
/// refusals arrive at the sink with Gate's <c>label</c> as the code; USDT futures stop and take-profit orders are
/// Gate's price-triggered orders (<c>GateIoExecutionClient.PriceOrders.cs</c>); a request whose answer was lost is reported with
/// <see cref="VenueCommandFailure.FateUnknown"/> and never resent.
/// </summary>
/// <remarks>Thread-safe. Call <see cref="ConnectAsync"/> before the command methods.</remarks>
public sealed partial class GateIoExecutionClient : IExecutionClient
{
    private const int MaxTextLength = 28;

    private readonly GateIoExecutionClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly GateIoRequestSigner _signer;
    private readonly VenueRestClient _rest;
    private readonly string _root;
    private readonly Dictionary<string, Instrument> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<InstrumentId, Instrument> _byId = [];
    private readonly ConcurrentDictionary<ClientOrderId, OrderSide> _sides = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly string _poolPrefix;
    private IExecutionReportSink? _sink;

    /// <summary>Creates a client; nothing is sent until <see cref="ConnectAsync"/>.</summary>
    /// <exception cref="ArgumentException">No instrument of the options' market, or an empty key or secret.</exception>
    public GateIoExecutionClient(GateIoExecutionClientOptions options, TimeProvider? timeProvider = null, ILogger<GateIoExecutionClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.ApiKey);
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _signer = new GateIoRequestSigner(options.ApiSecret);
        foreach (var instrument in options.Instruments)
        {
            if (GateIoInstrumentIds.TryDecompose(instrument.Id, out var market, out _) && market == options.Market)
            {
                _byName[instrument.VenueSymbol.ToUpperInvariant()] = instrument;
                _byId[instrument.Id] = instrument;
            }
        }

        if (_byId.Count == 0)
        {
            throw new ArgumentException($"No {options.Market} instrument of Gate.io among the {options.Instruments.Count} given.", nameof(options));
        }

        Instruments = [.. _byId.Values];
        var inner = options.Rest.HandlerFactory;
        var rest = options.Rest with
        {
            HandlerFactory = () => new GateIoSigningHandler(options.ApiKey, _signer, _time, inner?.Invoke() ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }),
        };
        _rest = new VenueRestClient(rest.ToVenueRestOptions(), _time, _logger);
        _root = options.Rest.ApiRoot.AbsolutePath.TrimEnd('/');

        // Gate's private limits (API v4 "Rate Limit") count per user: placing and amending 10/s on spot and 100/s on
        // futures, cancelling 200/s, other private endpoints 200 per 10 s each.
        _poolPrefix = "gate-private:" + options.Account + ":";
        var second = TimeSpan.FromSeconds(1);
        _rest.Host.Limiter.EnsureRule(new RateLimitRule(_poolPrefix + "orders-write", second, IsSpot ? 10 : 100));
        _rest.Host.Limiter.EnsureRule(new RateLimitRule(_poolPrefix + "orders-cancel", second, 200));
        foreach (var pool in (string[])["spot-orders-read", "spot-trades-read", "spot-accounts-read", "futures-orders-read", "futures-trades-read", "futures-accounts-read", "futures-positions-read"])
        {
            _rest.Host.Limiter.EnsureRule(new RateLimitRule(_poolPrefix + pool, TimeSpan.FromSeconds(10), 200));
        }
    }

    /// <inheritdoc />
    public Venue Venue => Venue.GateIo;

    /// <inheritdoc />
    public string Account => _options.Account;

    /// <inheritdoc />
    public IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>Spot or USDT futures.</summary>
    public GateIoMarket Market => _options.Market;

    /// <summary>The REST host's shared state: rate-limit windows, 429 block, counters.</summary>
    public RestHost Host => _rest.Host;

    private bool IsSpot => _options.Market == GateIoMarket.Spot;

    private IExecutionReportSink Sink => _sink ?? throw new InvalidOperationException("Call ConnectAsync before sending commands.");

    /// <inheritdoc />
    public async Task SubmitAsync(SubmitOrder command, CancellationToken cancellationToken = default)
    {
        var sink = Sink;
        if (!TryResolve(command.Instrument, TradingCommandKind.Submit, command.ClientOrderId, out var instrument, out var name)
            || !CheckText(command.ClientOrderId, TradingCommandKind.Submit, command.Instrument))
        {
            return;
        }

        if (!IsSpot && IsConditional(command.Type))
        {
            await SubmitPriceOrderAsync(command, instrument, name, cancellationToken).ConfigureAwait(false);
            return;
        }

        byte[] body;
        try
        {
            body = IsSpot ? SpotOrderBody(command, name) : FuturesOrderBody(command, name);
        }
        catch (ArgumentException ex)
        {
            Refuse(TradingCommandKind.Submit, command.ClientOrderId, command.Instrument, GateIoTradingErrorLabels.InvalidParamValue, ex.Message);
            return;
        }

        _sides[command.ClientOrderId] = command.Side;
        var path = IsSpot ? "/spot/orders" : "/futures/usdt/orders";
        var answer = await SendAsync(HttpMethod.Post, path, [], body, TradingCommandKind.Submit, command.ClientOrderId, command.Instrument, cancellationToken).ConfigureAwait(false);
        if (answer is { } response)
        {
            ReportOrder(response, instrument, sink);
        }
    }

    /// <inheritdoc />
    public async Task CancelAsync(CancelOrder command, CancellationToken cancellationToken = default)
    {
        var sink = Sink;
        if (!TryResolve(command.Instrument, TradingCommandKind.Cancel, command.ClientOrderId, out var instrument, out var name))
        {
            return;
        }

        if (!IsSpot && _price.IsPriceOrder(command.ClientOrderId))
        {
            await CancelPriceOrderAsync(command, instrument, cancellationToken).ConfigureAwait(false);
            return;
        }

        var id = OrderPathId(command.VenueOrderId, command.ClientOrderId);
        if (IsSpot)
        {
            var spot = await SendAsync(HttpMethod.Delete, $"/spot/orders/{id}", [new("currency_pair", name)], default, TradingCommandKind.Cancel, command.ClientOrderId, command.Instrument, cancellationToken).ConfigureAwait(false);
            if (spot is { } spotResponse)
            {
                ReportOrder(spotResponse, instrument, sink);
            }

            return;
        }

        RestResponse? answer;
        try
        {
            answer = await SendAsync(HttpMethod.Delete, $"/futures/usdt/orders/{id}", [], default, TradingCommandKind.Cancel, command.ClientOrderId, command.Instrument, cancellationToken, rethrowLabel: GateIoTradingErrorLabels.OrderNotFound).ConfigureAwait(false);
        }
        catch (VenueApiException refused)
        {
            // Not a regular order: perhaps a price order this client has not seen (placed before a restart).
            if (await FindPriceOrderAsync(instrument, command.ClientOrderId, cancellationToken).ConfigureAwait(false) is not null)
            {
                await CancelPriceOrderAsync(command, instrument, cancellationToken).ConfigureAwait(false);
                return;
            }

            Refuse(TradingCommandKind.Cancel, command.ClientOrderId, command.Instrument, refused.VenueCode, refused.VenueMessage is { Length: > 0 } message ? message : refused.Message);
            return;
        }

        if (answer is { } response)
        {
            ReportOrder(response, instrument, sink);
        }
    }

    /// <summary>Amends in place: spot <c>PATCH /spot/orders/{id}</c> (amount, price), futures <c>PUT /futures/usdt/orders/{id}</c> (size including the filled part, price); ids are kept.</summary>
    public async Task ReplaceAsync(ReplaceOrder command, CancellationToken cancellationToken = default)
    {
        var sink = Sink;
        if (!TryResolve(command.Instrument, TradingCommandKind.Replace, command.ClientOrderId, out var instrument, out var name))
        {
            return;
        }

        if (!IsSpot && _price.IsPriceOrder(command.ClientOrderId))
        {
            Refuse(TradingCommandKind.Replace, command.ClientOrderId, command.Instrument, GateIoTradingErrorLabels.PriceOrderNotAmendable, "Gate's price-triggered orders are not amended here: cancel it and submit a new one.");
            return;
        }

        var id = OrderPathId(command.VenueOrderId, command.ClientOrderId);
        OrderSide side = OrderSide.Buy;
        if (!IsSpot && command.Quantity is not null && !_sides.TryGetValue(command.ClientOrderId, out side))
        {
            // Gate wants the signed size with the order's own side; learn the side from the venue.
            var known = await QueryOrderAsync(command.Instrument, command.ClientOrderId, cancellationToken).ConfigureAwait(false);
            if (known is null)
            {
                Refuse(TradingCommandKind.Replace, command.ClientOrderId, command.Instrument, GateIoTradingErrorLabels.OrderNotFound, "Gate does not know the order to amend.");
                return;
            }

            side = known.Value.Side;
        }

        var body = Json(writer =>
        {
            if (IsSpot)
            {
                writer.WriteString("currency_pair", name);
                if (command.Quantity is { } quantity)
                {
                    writer.WriteString("amount", GateIoTradingReader.Format(quantity.ToDecimal()));
                }
            }
            else if (command.Quantity is { } size)
            {
                var contracts = size.ToDecimal();
                writer.WriteNumber("size", side == OrderSide.Sell ? -contracts : contracts);
            }

            if (command.Price is { } price)
            {
                writer.WriteString("price", GateIoTradingReader.Format(price.ToDecimal()));
            }
        });
        var answer = IsSpot
            ? await SendAsync(HttpMethod.Patch, $"/spot/orders/{id}", [new("currency_pair", name)], body, TradingCommandKind.Replace, command.ClientOrderId, command.Instrument, cancellationToken).ConfigureAwait(false)
            : await SendAsync(HttpMethod.Put, $"/futures/usdt/orders/{id}", [], body, TradingCommandKind.Replace, command.ClientOrderId, command.Instrument, cancellationToken).ConfigureAwait(false);
        if (answer is { } response)
        {
            ReportOrder(response, instrument, sink);
        }
    }

    /// <inheritdoc />
    public async Task CancelAllAsync(CancelAllOrders command, CancellationToken cancellationToken = default)
    {
        var sink = Sink;
        IEnumerable<Instrument> targets;
        if (command.Instrument is { } one)
        {
            if (!TryResolve(one, TradingCommandKind.CancelAll, default, out var instrument, out _))
            {
                return;
            }

            targets = [instrument];
        }
        else
        {
            targets = Instruments;
        }

        foreach (var instrument in targets)
        {
            var name = instrument.VenueSymbol.ToUpperInvariant();
            var query = new List<KeyValuePair<string, string>> { new(IsSpot ? "currency_pair" : "contract", name) };
            if (command.Side is { } side)
            {
                query.Add(new("side", IsSpot ? (side == OrderSide.Buy ? "buy" : "sell") : (side == OrderSide.Buy ? "bid" : "ask")));
            }

            var answer = await SendAsync(HttpMethod.Delete, IsSpot ? "/spot/orders" : "/futures/usdt/orders", query, default, TradingCommandKind.CancelAll, default, instrument.Id, cancellationToken).ConfigureAwait(false);
            if (answer is { } response)
            {
                using var document = JsonDocument.Parse(response.Body);
                if (document.RootElement.ValueKind == JsonValueKind.Array)
                {
                    foreach (var order in document.RootElement.EnumerateArray())
                    {
                        ReportOrderElement(order, instrument, sink);
                    }
                }
            }

            if (!IsSpot && command.Side is null)
            {
                // Price orders wait outside the order book until they trigger: they have their own cancel-all.
                await CancelAllPriceOrdersAsync(instrument, name, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Asks Gate for one order by its text id (<c>t-</c> + ours); null on <c>ORDER_NOT_FOUND</c>. Gate finds text ids of recent orders only.</summary>
    public async Task<OrderStatusReport?> QueryOrderAsync(InstrumentId instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken = default)
    {
        if (!_byId.TryGetValue(instrument, out var spec))
        {
            return null;
        }

        if (!IsSpot && _price.IsPriceOrder(clientOrderId))
        {
            return await QueryPriceOrderAsync(spec, clientOrderId, cancellationToken).ConfigureAwait(false);
        }

        var name = spec.VenueSymbol.ToUpperInvariant();
        var text = GateIoTradingReader.TextPrefix + clientOrderId.ToString();
        var request = IsSpot
            ? new RestRequest(HttpMethod.Get, _root + "/spot/orders/" + text) { Query = [new("currency_pair", name)], Costs = [Cost("spot-orders-read")], Name = "spot order" }
            : new RestRequest(HttpMethod.Get, _root + "/futures/usdt/orders/" + text) { Costs = [Cost("futures-orders-read")], Name = "futures order" };
        try
        {
            var response = await _rest.SendAsync(request, cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(response.Body);
            var report = Read(document.RootElement, spec);
            return report.ClientOrderId.IsDefault ? report with { ClientOrderId = clientOrderId } : report;
        }
        catch (VenueApiException ex) when (ex.VenueCode == GateIoTradingErrorLabels.OrderNotFound)
        {
            // Not a regular order: it may be a price order this client has not seen (a submit whose answer was lost).
            return IsSpot ? null : await QueryPriceOrderAsync(spec, clientOrderId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        await StopStreamAsync().ConfigureAwait(false);
        _rest.Dispose();
        _disposed.Dispose();
    }

    private static string OrderPathId(VenueOrderId venueId, ClientOrderId clientId) =>
        !venueId.IsDefault ? venueId.ToString() : GateIoTradingReader.TextPrefix + clientId.ToString();

    private RateLimitCost Cost(string pool) => new(_poolPrefix + pool, 1);

    private bool TryResolve(InstrumentId id, TradingCommandKind kind, ClientOrderId clientId, out Instrument instrument, out string name)
    {
        if (_byId.TryGetValue(id, out instrument!))
        {
            name = instrument.VenueSymbol.ToUpperInvariant();
            return true;
        }

        name = string.Empty;
        Refuse(kind, clientId, id, "UNKNOWN_INSTRUMENT", $"{id} is not a Gate.io {_options.Market} instrument of account {Account}.");
        return false;
    }

    private bool CheckText(ClientOrderId id, TradingCommandKind kind, InstrumentId instrument)
    {
        var text = id.Utf8;
        var ok = text.Length is > 0 and <= MaxTextLength;
        foreach (var c in text)
        {
            ok &= c is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (byte)'_' or (byte)'-' or (byte)'.';
        }

        if (!ok)
        {
            Refuse(kind, id, instrument, GateIoTradingErrorLabels.InvalidText, $"Client order id '{id}' does not fit Gate's text: 1 to {MaxTextLength} characters of 0-9 A-Z a-z _ - . after the t- prefix.");
        }

        return ok;
    }

    private void Refuse(TradingCommandKind kind, ClientOrderId id, InstrumentId instrument, string? code, string reason) =>
        Sink.OnCommandFailed(new VenueCommandFailure
        {
            Command = kind,
            ClientOrderId = id,
            Instrument = instrument,
            Code = code,
            Reason = reason,
            Timestamp = UnixNanos.Now(_time),
        });

    private void ReportOrder(RestResponse response, Instrument instrument, IExecutionReportSink sink)
    {
        using var document = JsonDocument.Parse(response.Body);
        ReportOrderElement(document.RootElement, instrument, sink);
    }

    private void ReportOrderElement(JsonElement order, Instrument instrument, IExecutionReportSink sink)
    {
        var report = Read(order, instrument);
        sink.OnOrderStatus(report);
    }

    private OrderStatusReport Read(JsonElement order, Instrument instrument)
    {
        var now = UnixNanos.Now(_time);
        return IsSpot ? GateIoTradingReader.SpotOrder(order, instrument, now) : _price.Attribute(GateIoTradingReader.FuturesOrder(order, instrument, now));
    }
}
