using System.Buffers;
using System.Text;
using System.Text.Json;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Okx.Trading;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Orders;

namespace FlowSight.PaperVenue.Okx.Streams;

/// <summary>
/// OKX's private channels: <c>orders</c> (every event of the account's orders, with the fill fields; an amend's
/// change with <c>amendResult</c> and <c>reqId</c>), <c>orders-algo</c> (conditional orders: live when placed,
/// canceled, effective when triggered — the regular order it became then appears on <c>orders</c>, linked by
/// <c>algoId</c>/<c>algoClOrdId</c>),
/// <c>positions</c> (a snapshot on subscribe, then each change, <c>pos</c> 0 once closed) and <c>account</c>
/// (a snapshot on subscribe, then each balance change). Exchange thread only.
/// </summary>
public sealed class OkxPrivateFeed : IPaperFeed
{
    /// <summary>The private channels served.</summary>
    public static readonly IReadOnlySet<string> Channels = new HashSet<string>(StringComparer.Ordinal) { "orders", "orders-algo", "positions", "account" };

    private readonly PaperExchange _exchange;
    private readonly OkxOrderEntry _entry;
    private readonly Dictionary<int, List<OkxWsSession>> _byAccount = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly List<byte[]> _heldMessages = [];
    private OkxWsSession? _held;

    internal OkxPrivateFeed(PaperExchange exchange, OkxOrderEntry entry)
    {
        _exchange = exchange;
        _entry = entry;
    }

    /// <summary>Subscribes a logged-in session (exchange thread): sends <paramref name="ack"/>, then the channel's snapshot.</summary>
    public void Subscribe(OkxWsSession session, string channel, OkxPrivateSubscription subscription, byte[] ack)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(subscription);
        var account = session.Credential?.AccountId ?? throw new InvalidOperationException("Not logged in.");
        session.Socket.TrySend(ack);
        session.Private[channel] = subscription;
        if (!_byAccount.TryGetValue(account, out var sessions))
        {
            _byAccount[account] = sessions = [];
        }

        if (!sessions.Contains(session))
        {
            sessions.Add(session);
        }

        var now = _exchange.Now;
        if (channel == "positions")
        {
            var positions = OkxWriters.Positions(_exchange, account)
                .Where(p => subscription.InstId is null || _exchange.MarketOf(p.Instrument).Symbol == subscription.InstId).ToList();
            session.Socket.TrySend(Push(subscription.ArgJson, json =>
            {
                foreach (var position in positions)
                {
                    OkxWriters.WritePosition(json, _exchange, position, now);
                }
            }));
        }
        else if (channel == "account")
        {
            Send(session, Push(subscription.ArgJson, json => OkxWriters.WriteAccount(json, _exchange, account, now)));
        }
    }

    /// <summary>Unsubscribes (exchange thread): sends <paramref name="ack"/>.</summary>
    public static void Unsubscribe(OkxWsSession session, string channel, byte[] ack)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Private.Remove(channel);
        session.Socket.TrySend(ack);
    }

    /// <summary>Drops a closed connection (exchange thread).</summary>
    public void Remove(OkxWsSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        foreach (var sessions in _byAccount.Values)
        {
            sessions.Remove(session);
        }

        session.Private.Clear();
    }

    /// <inheritdoc/>
    public void OnOrderEvent(PaperMarket market, in OrderEvent orderEvent)
    {
        var extra = _entry.Observe(orderEvent);
        if (orderEvent.OrderId == 0 || !_byAccount.TryGetValue(orderEvent.AccountId, out var sessions) || sessions.Count == 0
            || !_exchange.Orders.TryGet(orderEvent.AccountId, orderEvent.OrderId, out var order))
        {
            return;
        }

        if (orderEvent.ExecutionType == ExecutionType.Rejected && order.IsOpen)
        {
            return; // a refused amend left the order as it was: the request's answer carries the refusal
        }

        var algo = _entry.Algo(order.OrderId);
        if (algo is not null)
        {
            PushAlgo(market, sessions, order, algo, orderEvent.ExecutionType);
            return;
        }

        var amendReqId = _entry.AmendReqId(orderEvent);
        foreach (var session in sessions)
        {
            if (session.Private.TryGetValue("orders", out var subscription) && (subscription.InstId is null || subscription.InstId == market.Symbol))
            {
                Send(session, Push(subscription.ArgJson, json => OkxWriters.WriteOrder(json, _exchange, order, extra, push: true, amendReqId)));
            }
        }
    }

    // An algo order's events: its own on orders-algo until it triggers; the trigger on both channels (effective, then
    // the regular order live); the regular order's events after that on orders only.
    private void PushAlgo(PaperMarket market, List<OkxWsSession> sessions, PaperOrder order, OkxAlgoOrder algo, ExecutionType executionType)
    {
        var triggered = executionType == ExecutionType.Triggered;
        foreach (var session in sessions)
        {
            if ((order.TriggerTime == 0 || triggered) && session.Private.TryGetValue("orders-algo", out var algoSubscription)
                && (algoSubscription.InstId is null || algoSubscription.InstId == market.Symbol))
            {
                Send(session, Push(algoSubscription.ArgJson, json => OkxWriters.WriteAlgoOrder(json, _exchange, order, algo, push: true)));
            }

            if (order.TriggerTime != 0 && session.Private.TryGetValue("orders", out var subscription)
                && (subscription.InstId is null || subscription.InstId == market.Symbol))
            {
                Send(session, Push(subscription.ArgJson, json => OkxWriters.WriteOrder(json, _exchange, order, null, push: true, algo: algo)));
            }
        }
    }

    /// <inheritdoc/>
    public void OnPositionUpdate(in PositionUpdate update)
    {
        if (!_byAccount.TryGetValue(update.Position.AccountId, out var sessions) || sessions.Count == 0)
        {
            return;
        }

        var position = update.Position;
        var timestamp = update.Timestamp;
        var symbol = _exchange.MarketOf(position.Instrument).Symbol;
        foreach (var session in sessions)
        {
            if (session.Private.TryGetValue("positions", out var subscription) && (subscription.InstId is null || subscription.InstId == symbol))
            {
                Send(session, Push(subscription.ArgJson, json => OkxWriters.WritePosition(json, _exchange, position, timestamp)));
            }
        }
    }

    /// <inheritdoc/>
    public void OnBalanceUpdate(in BalanceUpdate update)
    {
        if (update.Wallet != WalletKind.Futures || !_byAccount.TryGetValue(update.AccountId, out var sessions) || sessions.Count == 0)
        {
            return;
        }

        var account = update.AccountId;
        var now = update.Timestamp;
        foreach (var session in sessions)
        {
            if (session.Private.TryGetValue("account", out var subscription))
            {
                Send(session, Push(subscription.ArgJson, json => OkxWriters.WriteAccount(json, _exchange, account, now)));
            }
        }
    }

    /// <summary>
    /// Holds <paramref name="session"/>'s pushes until <see cref="Release"/>: an order request's reply goes out before
    /// the pushes its execution raised, as OKX answers (exchange thread).
    /// </summary>
    public void Hold(OkxWsSession session) => _held = session;

    /// <summary>Sends the held pushes (after the reply) and stops holding (exchange thread).</summary>
    public void Release()
    {
        if (_held is { } session)
        {
            foreach (var message in _heldMessages)
            {
                session.Socket.TrySend(message);
            }
        }

        _held = null;
        _heldMessages.Clear();
    }

    private void Send(OkxWsSession session, byte[] message)
    {
        if (ReferenceEquals(session, _held))
        {
            _heldMessages.Add(message);
        }
        else
        {
            session.Socket.TrySend(message);
        }
    }

    private byte[] Push(string argJson, Action<Utf8JsonWriter> writeItems)
    {
        _buffer.ResetWrittenCount();
        _buffer.Write("{\"arg\":"u8);
        _buffer.Write(Encoding.UTF8.GetBytes(argJson));
        _buffer.Write(",\"data\":"u8);
        using (var json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            json.WriteStartArray();
            writeItems(json);
            json.WriteEndArray();
        }

        _buffer.Write("}"u8);
        return _buffer.WrittenSpan.ToArray();
    }
}
