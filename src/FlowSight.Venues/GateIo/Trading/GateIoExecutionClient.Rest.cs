using System.Buffers;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.Venues.Network.Http;
using Microsoft.Extensions.Logging;

namespace FlowSight.Venues.GateIo.Trading;

/// <summary>Signed REST calls: order bodies, sending with refusal / unknown-fate reporting, and the reconciliation snapshot.</summary>
public sealed partial class GateIoExecutionClient
{
    /// <inheritdoc />
    public async Task<ExecutionStateSnapshot> QueryStateAsync(long fillsSince, CancellationToken cancellationToken = default)
    {
        var now = UnixNanos.Now(_time);
        var open = new List<OrderStatusReport>();
        var fills = new List<FillReport>();
        var balances = new List<BalanceReport>();
        var positions = new List<PositionStatusReport>();
        var sinceSeconds = Math.Max(0, fillsSince / 1_000_000_000);
        if (IsSpot)
        {
            using (var document = await GetAsync("/spot/open_orders", [new("account", _options.SpotAccount)], "spot-orders-read", cancellationToken).ConfigureAwait(false))
            {
                foreach (var group in document.RootElement.EnumerateArray())
                {
                    if (_byName.TryGetValue((GateIoTradingReader.String(group, "currency_pair") ?? string.Empty).ToUpperInvariant(), out var instrument)
                        && group.TryGetProperty("orders", out var orders))
                    {
                        foreach (var order in orders.EnumerateArray())
                        {
                            open.Add(GateIoTradingReader.SpotOrder(order, instrument, now));
                        }
                    }
                }
            }

            foreach (var instrument in Instruments)
            {
                using var document = await GetAsync("/spot/my_trades", [new("currency_pair", instrument.VenueSymbol.ToUpperInvariant()), new("limit", "1000"), new("from", sinceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))], "spot-trades-read", cancellationToken).ConfigureAwait(false);
                foreach (var trade in document.RootElement.EnumerateArray())
                {
                    var fill = GateIoTradingReader.SpotTrade(trade, instrument, now);
                    if (fill.TradeTime >= fillsSince)
                    {
                        fills.Add(fill);
                    }
                }
            }

            using (var document = await GetAsync("/spot/accounts", [], "spot-accounts-read", cancellationToken).ConfigureAwait(false))
            {
                foreach (var account in document.RootElement.EnumerateArray())
                {
                    var available = GateIoTradingReader.Decimal(account, "available");
                    var locked = GateIoTradingReader.Decimal(account, "locked");
                    balances.Add(new BalanceReport { Venue = Venue, Account = Account, Asset = GateIoTradingReader.String(account, "currency") ?? string.Empty, Total = available + locked, Free = available, Timestamp = now });
                }
            }
        }
        else
        {
            // Price orders wait outside the order book until they trigger; the finished ones name the regular orders
            // they became (trade_id), so those orders and their fills are listed under our client ids.
            foreach (var order in await ListPriceOrdersAsync("open", null, cancellationToken).ConfigureAwait(false))
            {
                open.Add(order.Report);
            }

            await ListPriceOrdersAsync("finished", null, cancellationToken).ConfigureAwait(false);
            using (var document = await GetAsync("/futures/usdt/orders", [new("status", "open")], "futures-orders-read", cancellationToken).ConfigureAwait(false))
            {
                foreach (var order in document.RootElement.EnumerateArray())
                {
                    if (_byName.TryGetValue((GateIoTradingReader.String(order, "contract") ?? string.Empty).ToUpperInvariant(), out var instrument))
                    {
                        open.Add(_price.Attribute(GateIoTradingReader.FuturesOrder(order, instrument, now)));
                    }
                }
            }

            foreach (var instrument in Instruments)
            {
                using var document = await GetAsync("/futures/usdt/my_trades", [new("contract", instrument.VenueSymbol.ToUpperInvariant()), new("limit", "1000")], "futures-trades-read", cancellationToken).ConfigureAwait(false);
                foreach (var trade in document.RootElement.EnumerateArray())
                {
                    var fill = _price.Attribute(GateIoTradingReader.FuturesTrade(trade, instrument, now));
                    if (fill.TradeTime >= fillsSince)
                    {
                        fills.Add(fill);
                    }
                }
            }

            using (var document = await GetAsync("/futures/usdt/accounts", [], "futures-accounts-read", cancellationToken).ConfigureAwait(false))
            {
                var account = document.RootElement;
                balances.Add(new BalanceReport
                {
                    Venue = Venue,
                    Account = Account,
                    Asset = GateIoTradingReader.String(account, "currency") ?? "USDT",
                    Total = GateIoTradingReader.Decimal(account, "total"),
                    Free = GateIoTradingReader.Decimal(account, "available"),
                    Timestamp = now,
                });
            }

            using (var document = await GetAsync("/futures/usdt/positions", [], "futures-positions-read", cancellationToken).ConfigureAwait(false))
            {
                foreach (var position in document.RootElement.EnumerateArray())
                {
                    if (_byName.TryGetValue((GateIoTradingReader.String(position, "contract") ?? string.Empty).ToUpperInvariant(), out var instrument)
                        && GateIoTradingReader.Decimal(position, "size") != 0)
                    {
                        positions.Add(GateIoTradingReader.Position(position, instrument, now));
                    }
                }
            }
        }

        return new ExecutionStateSnapshot { OpenOrders = open, Fills = fills, Balances = balances, Positions = positions, Timestamp = now };
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private byte[] SpotOrderBody(SubmitOrder command, string name)
    {
        var market = command.Type == OrderType.Market;
        if (command.Type is not (OrderType.Market or OrderType.Limit))
        {
            throw new ArgumentException($"Gate spot orders here are limit or market, not {command.Type}.");
        }

        if (!market && command.Price is null)
        {
            throw new ArgumentException("A limit order needs a price.");
        }

        // Gate sizes a spot market buy in the quote asset: it needs a reference price to turn base into quote.
        var amount = command.Quantity.ToDecimal();
        if (market && command.Side == OrderSide.Buy)
        {
            amount = command.Price is { } reference
                ? amount * reference.ToDecimal()
                : throw new ArgumentException("Gate sizes a spot market buy in quote currency: give a reference Price to convert the base quantity.");
        }

        return Json(writer =>
        {
            writer.WriteString("text", GateIoTradingReader.TextPrefix + command.ClientOrderId.ToString());
            writer.WriteString("currency_pair", name);
            writer.WriteString("type", market ? "market" : "limit");
            writer.WriteString("account", _options.SpotAccount);
            writer.WriteString("side", command.Side == OrderSide.Sell ? "sell" : "buy");
            writer.WriteString("amount", GateIoTradingReader.Format(amount));
            if (!market)
            {
                writer.WriteString("price", GateIoTradingReader.Format(command.Price!.Value.ToDecimal()));
            }

            // Market orders are IOC or FOK on Gate; post-only is "poc".
            var tif = market && command.TimeInForce is TimeInForce.Gtc or TimeInForce.Gtx ? TimeInForce.Ioc : command.TimeInForce;
            writer.WriteString("time_in_force", GateIoTradingReader.TifCode(tif));
        });
    }

    private static byte[] FuturesOrderBody(SubmitOrder command, string name)
    {
        var market = command.Type == OrderType.Market;
        if (command.Type is not (OrderType.Market or OrderType.Limit))
        {
            throw new ArgumentException($"Gate futures orders here are limit or market, not {command.Type}.");
        }

        if (!market && command.Price is null)
        {
            throw new ArgumentException("A limit order needs a price.");
        }

        var contracts = command.Quantity.ToDecimal();
        if (contracts != decimal.Truncate(contracts))
        {
            throw new ArgumentException($"Gate futures sizes are whole contracts; {contracts} is not.");
        }

        return Json(writer =>
        {
            writer.WriteString("contract", name);
            writer.WriteNumber("size", (long)(command.Side == OrderSide.Sell ? -contracts : contracts));
            writer.WriteString("price", market ? "0" : GateIoTradingReader.Format(command.Price!.Value.ToDecimal()));
            var tif = market && command.TimeInForce is TimeInForce.Gtc or TimeInForce.Gtx ? TimeInForce.Ioc : command.TimeInForce;
            writer.WriteString("tif", GateIoTradingReader.TifCode(tif));
            writer.WriteString("text", GateIoTradingReader.TextPrefix + command.ClientOrderId.ToString());
            if (command.ReduceOnly)
            {
                writer.WriteBoolean("reduce_only", true);
            }
        });
    }

    private async Task<JsonDocument> GetAsync(string path, KeyValuePair<string, string>[] query, string pool, CancellationToken cancellationToken)
    {
        var request = new RestRequest(HttpMethod.Get, _root + path) { Query = query, Costs = [Cost(pool)], Name = path };
        var response = await _rest.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return JsonDocument.Parse(response.Body);
    }

    /// <summary>
    /// Sends an order command once (never retried: a retry could place it twice). Returns the answer, or null after
    /// reporting the refusal (Gate's label) or the unknown fate to the sink; a refusal with <paramref name="rethrowLabel"/>
    /// is thrown to the caller instead, which decides what it means.
    /// </summary>
    private async Task<RestResponse?> SendAsync(HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>> query, byte[]? body, TradingCommandKind kind, ClientOrderId clientId, InstrumentId instrument, CancellationToken cancellationToken, string? rethrowLabel = null)
    {
        var request = new RestRequest(method, _root + path)
        {
            Query = query,
            Body = body,
            IsIdempotent = false,
            Costs = [Cost(kind == TradingCommandKind.Submit || kind == TradingCommandKind.Replace ? "orders-write" : "orders-cancel")],
            Name = $"{kind} {path}",
        };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await _rest.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (VenueRateLimitedException ex) when (attempt < _options.MaxRateLimitRetries)
            {
                // 429: Gate did not execute it, so sending it again cannot double it; the host stays blocked until
                // the window Gate named (X-Gate-RateLimit-Reset-Timestamp) has passed, and the next attempt waits there.
                _logger.LogWarning("Gate.io {Account}: {Command} {Order} rate-limited, sent again after the window: {Error}", Account, kind, clientId, ex.Message);
            }
            catch (VenueApiException ex) when (rethrowLabel is not null && ex.VenueCode == rethrowLabel)
            {
                throw;
            }
            catch (VenueApiException ex)
            {
                Refuse(kind, clientId, instrument, ex.VenueCode ?? ((int?)ex.StatusCode)?.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.VenueMessage is { Length: > 0 } message ? message : ex.Message);
                return null;
            }
            catch (VenueRateLimitedException ex)
            {
                Refuse(kind, clientId, instrument, ex.VenueCode ?? GateIoTradingErrorLabels.TooManyRequests, ex.Message);
                return null;
            }
            catch (VenueRestException ex)
            {
                _logger.LogWarning("Gate.io {Account}: {Command} {Order} fate unknown: {Error}", Account, kind, clientId, ex.Message);
                Sink.OnCommandFailed(new VenueCommandFailure
                {
                    Command = kind,
                    ClientOrderId = clientId,
                    Instrument = instrument,
                    FateUnknown = true,
                    Code = GateIoTradingErrorLabels.FateUnknown,
                    Reason = $"No answer from Gate.io to {kind} {clientId}; query the order before acting: {ex.Message}",
                    Timestamp = UnixNanos.Now(_time),
                });
                return null;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Sink.OnCommandFailed(new VenueCommandFailure
                {
                    Command = kind,
                    ClientOrderId = clientId,
                    Instrument = instrument,
                    FateUnknown = true,
                    Code = GateIoTradingErrorLabels.FateUnknown,
                    Reason = $"{kind} {clientId} was abandoned before Gate.io answered; query the order before acting.",
                    Timestamp = UnixNanos.Now(_time),
                });
                return null;
            }
        }
    }
}
