using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Orders;

namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>
/// Binance's user data streams on the paper exchange (an <see cref="IPaperFeed"/>). USDⓈ-M: a fill's balance and
/// position changes go out as one <c>ACCOUNT_UPDATE</c> just before its <c>ORDER_TRADE_UPDATE</c> (the order the
/// simulator raises them in, see docs/simulator.md); placing or cancelling an order sends no <c>ACCOUNT_UPDATE</c>, as
/// Binance's docs say; funding, deposits and the like go out on the next tick. Spot: each <c>executionReport</c> is
/// followed by the <c>outboundAccountPosition</c> of the balances it changed. A listen key that was not kept alive
/// gets <c>listenKeyExpired</c> and nothing after it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The writer only wraps a pooled buffer; it lives as long as the exchange.")]
public sealed class BinanceUserDataStreams : IPaperFeed
{
    private readonly PaperExchange _exchange;
    private readonly bool _futures;
    private readonly ArrayBufferWriter<byte> _buffer = new(8 * 1024);
    private readonly Utf8JsonWriter _json;
    private readonly Dictionary<int, BinancePendingAccountUpdate> _pending = [];
    private readonly Rest.BinanceAlgoOrders _algo;

    /// <summary>Creates the user data streams of <paramref name="exchange"/>.</summary>
    public BinanceUserDataStreams(PaperExchange exchange)
    {
        _exchange = exchange ?? throw new ArgumentNullException(nameof(exchange));
        _futures = exchange.Options.Venue == Hosting.PaperVenueKind.BinanceUsdm;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
        _algo = Rest.BinanceAlgoOrders.Of(exchange);
    }

    internal BinanceListenKeys Keys { get; } = new();

    /// <summary>True while a socket listens to the live key <paramref name="listenKey"/> (any thread).</summary>
    public bool HasListener(string listenKey)
    {
        foreach (var key in Keys.All)
        {
            if (string.Equals(key.Key, listenKey, StringComparison.Ordinal))
            {
                return key.Topic.HasSubscribers;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public void OnBalanceUpdate(in BalanceUpdate update)
    {
        var wallet = _futures ? WalletKind.Futures : WalletKind.Spot;
        if (update.Wallet != wallet || Listener(update.AccountId) is null)
        {
            return;
        }

        var pending = Pending(update.AccountId);
        if (!pending.IsEmpty && pending.Reason != update.Reason)
        {
            Flush(update.AccountId, pending, fill: false);
        }

        pending.Add(update);
    }

    /// <inheritdoc/>
    public void OnPositionUpdate(in PositionUpdate update)
    {
        if (!_futures || Listener(update.Position.AccountId) is null)
        {
            return;
        }

        var pending = Pending(update.Position.AccountId);
        if (!pending.IsEmpty && pending.Reason != update.Reason)
        {
            Flush(update.Position.AccountId, pending, fill: false);
        }

        pending.Add(update);
    }

    /// <inheritdoc/>
    public void OnOrderEvent(PaperMarket market, in OrderEvent orderEvent)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (Listener(orderEvent.AccountId) is not { } key)
        {
            return;
        }

        _exchange.Orders.TryGet(orderEvent.AccountId, orderEvent.OrderId, out var order);
        var fill = orderEvent.LastQuantity.Raw != 0;
        var eventMs = BinanceWire.Ms(_exchange.Now);
        if (_futures)
        {
            if (_pending.TryGetValue(orderEvent.AccountId, out var pending) && !pending.IsEmpty)
            {
                Flush(orderEvent.AccountId, pending, fill);
            }

            if (orderEvent.ExecutionType == ExecutionType.Rejected)
            {
                return; // a refused request is answered by REST, never streamed on USDⓈ-M
            }

            if (order is not null && _algo.Claim(orderEvent) && _algo.TryGetAlgoId(order.OrderId, out var algoId))
            {
                // An algo order is the algo service's until it triggers: ALGO_UPDATE only. On its trigger ALGO_UPDATE
                // TRIGGERED (with the regular order's id) comes first, then the regular order's own ORDER_TRADE_UPDATEs;
                // when that order ends, ALGO_UPDATE FINISHED.
                var status = Rest.BinanceAlgoOrders.Status(order);
                if (order.TriggerTime == 0 || orderEvent.ExecutionType == ExecutionType.Triggered)
                {
                    BinanceUserDataPayloads.AlgoUpdate(Begin(), market, order, algoId, orderEvent.ExecutionType == ExecutionType.Triggered ? "TRIGGERED" : status, eventMs);
                    Send(key);
                    if (order.TriggerTime == 0)
                    {
                        return;
                    }
                }

                var (algoBids, algoAsks) = OpenNotional(orderEvent.AccountId, market);
                BinanceUserDataPayloads.OrderTradeUpdate(Begin(), market, orderEvent, order, algoBids, algoAsks, eventMs);
                Send(key);
                if (status is "FINISHED" or "REJECTED" && orderEvent.Status is not (OrderStatus.Accepted or OrderStatus.PartiallyFilled))
                {
                    BinanceUserDataPayloads.AlgoUpdate(Begin(), market, order, algoId, status, eventMs);
                    Send(key);
                }

                return;
            }

            var (bids, asks) = OpenNotional(orderEvent.AccountId, market);
            BinanceUserDataPayloads.OrderTradeUpdate(Begin(), market, orderEvent, order, bids, asks, eventMs);
            Send(key);
        }
        else
        {
            if (orderEvent.ExecutionType == ExecutionType.Rejected)
            {
                return; // the REST reply carries the refusal; spot streams REJECTED only for cancel-replace
            }

            BinanceUserDataPayloads.ExecutionReport(Begin(), market, orderEvent, order, eventMs);
            Send(key);
            if (_pending.TryGetValue(orderEvent.AccountId, out var pending) && !pending.IsEmpty)
            {
                Flush(orderEvent.AccountId, pending, fill: true);
            }
        }
    }

    /// <inheritdoc/>
    public void OnTick(long now)
    {
        foreach (var (account, pending) in _pending)
        {
            if (!pending.IsEmpty)
            {
                Flush(account, pending, fill: false);
            }
        }

        var keys = Keys.All;
        if (keys.Length == 0)
        {
            return;
        }

        var wall = _exchange.WallClockMs;
        foreach (var key in keys)
        {
            if (key.ExpiresAtMs <= wall && Keys.Expire(key, wall))
            {
                BinanceUserDataPayloads.ListenKeyExpired(Begin(), _futures, key.Key, wall);
                Send(key);
            }
        }
    }

    /// <summary>Closes the sockets of a deleted key.</summary>
    internal static void Disconnect(BinanceListenKey key) => key.Topic.CloseAll(WebSocketCloseStatus.NormalClosure, "listenKey closed");

    private BinancePendingAccountUpdate Pending(int account)
    {
        if (!_pending.TryGetValue(account, out var pending))
        {
            _pending[account] = pending = new BinancePendingAccountUpdate();
        }

        return pending;
    }

    private BinanceListenKey? Listener(int account)
    {
        foreach (var key in Keys.All)
        {
            if (key.AccountId == account && key.Topic.HasSubscribers)
            {
                return key;
            }
        }

        return null;
    }

    private void Flush(int account, BinancePendingAccountUpdate pending, bool fill)
    {
        try
        {
            if (Listener(account) is not { } key)
            {
                return;
            }

            var eventMs = BinanceWire.Ms(_exchange.Now);
            if (_futures)
            {
                // Placing, amending or cancelling an order moves no wallet or position: Binance sends no ACCOUNT_UPDATE for it.
                if (pending.Reason == AccountUpdateReason.Order && !fill)
                {
                    return;
                }

                BinanceUserDataPayloads.AccountUpdate(Begin(), _exchange, pending, eventMs);
            }
            else
            {
                if (pending.Balances.Count == 0)
                {
                    return;
                }

                BinanceUserDataPayloads.OutboundAccountPosition(Begin(), pending, eventMs);
            }

            Send(key);
        }
        finally
        {
            pending.Clear();
        }
    }

    private (Money Bids, Money Asks) OpenNotional(int account, PaperMarket market)
    {
        long bids = 0, asks = 0;
        byte precision = 8;
        foreach (var order in _exchange.Orders.Open(account, market.Instrument.Id))
        {
            var last = order.Last;
            if (last.Price.Raw == 0)
            {
                continue;
            }

            var remaining = Quantity.FromRaw(last.Quantity.Raw - last.CumulativeQuantity.Raw, last.Quantity.Precision);
            var notional = last.Price.Notional(remaining, precision, RoundingMode.ToEven);
            if (order.Side == OrderSide.Buy)
            {
                bids += notional.Raw;
            }
            else
            {
                asks += notional.Raw;
            }
        }

        return (Money.FromRaw(bids, precision), Money.FromRaw(asks, precision));
    }

    private Utf8JsonWriter Begin()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        return _json;
    }

    private void Send(BinanceListenKey key)
    {
        _json.Flush();
        key.Topic.Publish(_buffer.WrittenSpan);
    }
}
