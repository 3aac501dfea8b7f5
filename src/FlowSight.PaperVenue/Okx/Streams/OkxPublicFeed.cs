using System.Buffers;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Okx.Rest;
using FlowSight.PaperVenue.Streaming;
using FlowSight.Venues.Okx.Parsing;

namespace FlowSight.PaperVenue.Okx.Streams;

/// <summary>
/// OKX's public channels on the paper exchange: <c>books</c> (<see cref="OkxBookChannel"/>), <c>books5</c> and
/// <c>tickers</c> (every 100 ms when changed), <c>bbo-tbt</c> (on every change of the best level), <c>trades</c>
/// (each trade), <c>mark-price</c> (each mark), <c>funding-rate</c> (on subscribe and every minute) and, on the
/// business URL, <c>candle{bar}</c> (every 500 ms while trading). Subscriptions change and pushes go out on the
/// exchange thread, so a subscriber's snapshot and the updates after it are in order; each push is formatted once.
/// </summary>
public sealed class OkxPublicFeed : IPaperFeed
{
    private const long Interval = 100_000_000L;
    private const long CandleInterval = 500_000_000L;
    private const long FundingInterval = 60_000_000_000L;

    /// <summary>The public channels this venue serves.</summary>
    public static readonly IReadOnlySet<string> PublicChannels = new HashSet<string>(StringComparer.Ordinal)
    {
        "books", "books5", "bbo-tbt", "trades", "tickers", "mark-price", "funding-rate",
    };

    private readonly PaperExchange _exchange;
    private readonly Dictionary<string, List<PaperWebSocket>> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<PaperMarket, MarketState> _markets = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    /// <summary>Creates the feed of <paramref name="exchange"/>.</summary>
    public OkxPublicFeed(PaperExchange exchange)
    {
        _exchange = exchange ?? throw new ArgumentNullException(nameof(exchange));
        foreach (var market in exchange.Markets)
        {
            _markets[market] = new MarketState(market);
        }
    }

    /// <summary>The <c>books</c> channel of <paramref name="symbol"/> (exchange thread).</summary>
    public OkxBookChannel Books(string symbol) => _markets.Values.First(m => m.Market.Symbol == symbol).Books;

    /// <summary>True when <paramref name="channel"/> exists on <paramref name="kind"/>.</summary>
    public static bool IsChannel(OkxWsEndpointKind kind, string channel) => kind switch
    {
        OkxWsEndpointKind.Public => PublicChannels.Contains(channel),
        OkxWsEndpointKind.Business => channel.StartsWith("candle", StringComparison.Ordinal) && TryBar(channel, out _),
        _ => false,
    };

    /// <summary>Subscribes (exchange thread): sends <paramref name="ack"/>, then the channel's first push.</summary>
    public void Subscribe(OkxWsSession session, string channel, PaperMarket market, byte[] ack)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(market);
        var topic = channel + ":" + market.Symbol;
        var socket = session.Socket;
        socket.TrySend(ack);
        if (!session.Topics.Add(topic))
        {
            return;
        }

        var state = _markets[market];
        var now = _exchange.Now;
        if (channel == "books")
        {
            state.Books.Subscribe(socket, now);
            return;
        }

        if (!_topics.TryGetValue(topic, out var list))
        {
            _topics[topic] = list = [];
        }

        list.Add(socket);
        switch (channel)
        {
            case "books5":
                socket.TrySend(Books5(state, now));
                break;
            case "bbo-tbt":
                socket.TrySend(Bbo(state, now));
                break;
            case "tickers":
                socket.TrySend(Push(state.TickersArg, json => OkxMarketEndpoints.WriteTicker(json, _exchange, market)));
                break;
            case "mark-price" when market.HasMark:
                socket.TrySend(Push(state.MarkArg, json => OkxMarketEndpoints.WriteMarkPrice(json, market)));
                break;
            case "funding-rate":
                socket.TrySend(Push(state.FundingArg, json => OkxMarketEndpoints.WriteFundingRate(json, _exchange, market)));
                break;
            default:
                if (TryBar(channel, out var interval))
                {
                    var candle = state.Candles.Find(c => c.Topic == topic);
                    if (candle is null)
                    {
                        candle = new CandleTopic(topic, interval, Bytes($"{{\"arg\":{{\"channel\":\"{channel}\",\"instId\":\"{market.Symbol}\"}},\"data\":"));
                        state.Candles.Add(candle);
                    }

                    if (market.Candles.TryGetCurrent(interval, now, out var current))
                    {
                        socket.TrySend(Candle(candle.Arg, market, current, now));
                    }
                }

                break;
        }
    }

    /// <summary>Unsubscribes (exchange thread): sends <paramref name="ack"/>.</summary>
    public void Unsubscribe(OkxWsSession session, string channel, PaperMarket market, byte[] ack)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(market);
        var topic = channel + ":" + market.Symbol;
        session.Topics.Remove(topic);
        if (channel == "books")
        {
            _markets[market].Books.Unsubscribe(session.Socket);
        }
        else if (_topics.TryGetValue(topic, out var list))
        {
            list.Remove(session.Socket);
        }

        session.Socket.TrySend(ack);
    }

    /// <summary>Drops a closed connection from every channel (exchange thread).</summary>
    public void Remove(OkxWsSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        foreach (var state in _markets.Values)
        {
            state.Books.Unsubscribe(session.Socket);
        }

        foreach (var topic in session.Topics)
        {
            if (_topics.TryGetValue(topic, out var list))
            {
                list.Remove(session.Socket);
            }
        }

        session.Topics.Clear();
    }

    /// <inheritdoc/>
    public void OnTrade(PaperMarket market, in TradeTick trade)
    {
        var state = _markets[market];
        state.TickerDirty = true;
        state.CandleDirty = true;
        if (Subscribers(state.TradesTopic) is { Count: > 0 } list)
        {
            var copy = trade;
            Send(list, Push(state.TradesArg, json => OkxMarketEndpoints.WriteTrade(json, market, copy)));
        }
    }

    /// <inheritdoc/>
    public void OnMarkPrice(PaperMarket market, in MarkPrice mark)
    {
        var state = _markets[market];
        if (Subscribers(state.MarkTopic) is { Count: > 0 } marks)
        {
            Send(marks, Push(state.MarkArg, json => OkxMarketEndpoints.WriteMarkPrice(json, market)));
        }

        if (mark.EventTime >= state.NextFunding && Subscribers(state.FundingTopic) is { Count: > 0 } funding)
        {
            state.NextFunding = mark.EventTime + FundingInterval;
            Send(funding, Push(state.FundingArg, json => OkxMarketEndpoints.WriteFundingRate(json, _exchange, market)));
        }
    }

    /// <inheritdoc/>
    public void OnTick(long now)
    {
        foreach (var state in _markets.Values)
        {
            state.Books.OnTick(now);
            var book = state.Market.Book;
            var changed = book.UpdateId != state.SeenUpdateId;
            state.SeenUpdateId = book.UpdateId;
            if (changed && Subscribers(state.BboTopic) is { Count: > 0 } bbo && TopChanged(state, 1, state.Bbo))
            {
                Send(bbo, Bbo(state, now));
            }

            if (changed)
            {
                state.Books5Dirty = true;
                state.TickerDirty |= TopChanged(state, 1, state.TickerTop);
            }

            if (now >= state.NextPush)
            {
                state.NextPush = now + Interval;
                if (state.Books5Dirty && Subscribers(state.Books5Topic) is { Count: > 0 } five && TopChanged(state, 5, state.Five))
                {
                    Send(five, Books5(state, now));
                }

                state.Books5Dirty = false;
                if (state.TickerDirty && Subscribers(state.TickersTopic) is { Count: > 0 } tickers)
                {
                    var market = state.Market;
                    Send(tickers, Push(state.TickersArg, json => OkxMarketEndpoints.WriteTicker(json, _exchange, market)));
                }

                state.TickerDirty = false;
            }

            if (now >= state.NextCandle && state.CandleDirty && state.Candles.Count > 0)
            {
                state.NextCandle = now + CandleInterval;
                state.CandleDirty = false;
                foreach (var candle in state.Candles)
                {
                    if (Subscribers(candle.Topic) is { Count: > 0 } list && state.Market.Candles.TryGetCurrent(candle.Interval, now, out var current))
                    {
                        Send(list, Candle(candle.Arg, state.Market, current, now));
                    }
                }
            }
        }
    }

    private static bool TryBar(string channel, out CandleInterval interval)
    {
        interval = default;
        if (!channel.StartsWith("candle", StringComparison.Ordinal)
            || !OkxCandleIntervals.TryParse(System.Text.Encoding.ASCII.GetBytes(channel[6..]), out interval))
        {
            return false;
        }

        var length = interval.ToNanoseconds();
        return length is >= 60_000_000_000L and <= 86_400_000_000_000L;
    }

    private static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    private static void Send(List<PaperWebSocket> sockets, byte[] message)
    {
        foreach (var socket in sockets)
        {
            socket.TrySend(message);
        }
    }

    // True (and remembers the new top) when the best `depth` levels differ from `seen`.
    private static bool TopChanged(MarketState state, int depth, BookLevel[] seen)
    {
        Span<BookLevel> bids = stackalloc BookLevel[5];
        Span<BookLevel> asks = stackalloc BookLevel[5];
        var levels = state.Market.Book.Levels;
        var bidCount = levels.CopyLevels(OrderSide.Buy, bids[..depth]);
        var askCount = levels.CopyLevels(OrderSide.Sell, asks[..depth]);
        var changed = false;
        for (var i = 0; i < depth; i++)
        {
            var bid = i < bidCount ? bids[i] : default;
            var ask = i < askCount ? asks[i] : default;
            if (seen[i] != bid || seen[depth + i] != ask)
            {
                changed = true;
                seen[i] = bid;
                seen[depth + i] = ask;
            }
        }

        return changed;
    }

    private List<PaperWebSocket>? Subscribers(string topic) => _topics.GetValueOrDefault(topic);

    private byte[] Push(byte[] argument, Action<Utf8JsonWriter> writeItem)
    {
        _buffer.ResetWrittenCount();
        _buffer.Write(argument);
        using (var json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            json.WriteStartArray();
            writeItem(json);
            json.WriteEndArray();
        }

        _buffer.Write("}"u8);
        return _buffer.WrittenSpan.ToArray();
    }

    private byte[] Books5(MarketState state, long now) => Push(state.Books5Arg, json => WriteTop(json, state, 5, now, withInstId: true));

    private byte[] Bbo(MarketState state, long now) => Push(state.BboArg, json => WriteTop(json, state, 1, now, withInstId: false));

    private static void WriteTop(Utf8JsonWriter json, MarketState state, int depth, long now, bool withInstId)
    {
        Span<BookLevel> levels = stackalloc BookLevel[5];
        var book = state.Market.Book.Levels;
        json.WriteStartObject();
        foreach (var (name, side) in (ReadOnlySpan<(string, OrderSide)>)[("asks", OrderSide.Sell), ("bids", OrderSide.Buy)])
        {
            var count = book.CopyLevels(side, levels[..depth]);
            json.WriteStartArray(name);
            for (var i = 0; i < count; i++)
            {
                json.WriteStartArray();
                json.WriteStringValue(OkxText.Px(levels[i].Price));
                json.WriteStringValue(OkxText.Sz(levels[i].Size));
                json.WriteStringValue("0");
                json.WriteStringValue("1");
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        if (withInstId)
        {
            json.WriteString("instId", state.Market.Symbol);
        }

        json.WriteString("ts", OkxText.Ms(now));
        json.WriteNumber("seqId", state.Market.Book.UpdateId);
        json.WriteEndObject();
    }

    private byte[] Candle(byte[] argument, PaperMarket market, in PaperCandle c, long now)
    {
        var candle = c;
        var contract = market.Instrument.ContractMultiplier;
        return Push(argument, json =>
        {
            json.WriteStartArray();
            json.WriteStringValue(OkxText.Ms(candle.OpenTime));
            json.WriteStringValue(OkxText.Px(candle.Open));
            json.WriteStringValue(OkxText.Px(candle.High));
            json.WriteStringValue(OkxText.Px(candle.Low));
            json.WriteStringValue(OkxText.Px(candle.Close));
            json.WriteStringValue(OkxText.Sz(candle.Volume));
            json.WriteStringValue(OkxText.Num(candle.Volume.ToDecimal() * contract));
            json.WriteStringValue(OkxText.Num(decimal.Round(candle.QuoteVolume, 8)));
            json.WriteStringValue(candle.IsClosedAt(now) ? "1" : "0");
            json.WriteEndArray();
        });
    }

    private sealed record CandleTopic(string Topic, CandleInterval Interval, byte[] Arg);

    private sealed class MarketState
    {
        public MarketState(PaperMarket market)
        {
            Market = market;
            Books = new OkxBookChannel(market);
            TradesTopic = "trades:" + market.Symbol;
            TickersTopic = "tickers:" + market.Symbol;
            Books5Topic = "books5:" + market.Symbol;
            BboTopic = "bbo-tbt:" + market.Symbol;
            MarkTopic = "mark-price:" + market.Symbol;
            FundingTopic = "funding-rate:" + market.Symbol;
            TradesArg = Arg("trades", market.Symbol);
            TickersArg = Arg("tickers", market.Symbol);
            Books5Arg = Arg("books5", market.Symbol);
            BboArg = Arg("bbo-tbt", market.Symbol);
            MarkArg = Arg("mark-price", market.Symbol);
            FundingArg = Arg("funding-rate", market.Symbol);
        }

        public PaperMarket Market { get; }

        public OkxBookChannel Books { get; }

        public string TradesTopic { get; }

        public string TickersTopic { get; }

        public string Books5Topic { get; }

        public string BboTopic { get; }

        public string MarkTopic { get; }

        public string FundingTopic { get; }

        public byte[] TradesArg { get; }

        public byte[] TickersArg { get; }

        public byte[] Books5Arg { get; }

        public byte[] BboArg { get; }

        public byte[] MarkArg { get; }

        public byte[] FundingArg { get; }

        public List<CandleTopic> Candles { get; } = [];

        public BookLevel[] Bbo { get; } = new BookLevel[2];

        public BookLevel[] Five { get; } = new BookLevel[10];

        public BookLevel[] TickerTop { get; } = new BookLevel[2];

        public long SeenUpdateId { get; set; }

        public bool Books5Dirty { get; set; }

        public bool TickerDirty { get; set; }

        public bool CandleDirty { get; set; }

        public long NextPush { get; set; }

        public long NextCandle { get; set; }

        public long NextFunding { get; set; }

        private static byte[] Arg(string channel, string instId) =>
            Bytes($"{{\"arg\":{{\"channel\":\"{channel}\",\"instId\":\"{instId}\"}},\"data\":");
    }
}
