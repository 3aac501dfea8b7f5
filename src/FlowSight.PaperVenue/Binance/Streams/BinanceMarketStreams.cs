using System.Buffers;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Streaming;

namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>
/// Binance's market streams on the paper exchange (an <see cref="IPaperFeed"/>): depth diffs built at each stream's
/// interval from <see cref="PaperBook.TryCollectChanges"/> (<c>u</c> = the book's update id, <c>pu</c> = the previous
/// message's <c>u</c>, so they chain onto the REST snapshot's <c>lastUpdateId</c>), partial depth, trades, aggregate trades,
/// book tickers on every change of the best levels, klines on each trade and when a candle closes, and (USDⓈ-M)
/// mark prices. Each message is formatted once on the exchange thread and queued to every subscriber without blocking.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The writer only wraps a pooled buffer; it lives as long as the exchange.")]
public sealed class BinanceMarketStreams : IPaperFeed
{
    private readonly PaperExchange _exchange;
    private readonly bool _futures;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BinanceStreamTopic> _topics = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly Utf8JsonWriter _json;
    private readonly List<PaperLevelChange> _changes = [];
    private readonly BookLevel[] _levels = new BookLevel[20];
    private readonly BinanceAggregate[] _aggregates;
    private readonly long[] _aggregateIds;
    private BinanceStreamTopic[] _active = [];
    private long _gaps;
    private long _tickTicks;
    private long _tickCalls;
    private long _messages;

    /// <summary>Creates the streams of <paramref name="exchange"/> (USDⓈ-M or spot formats by its venue kind).</summary>
    public BinanceMarketStreams(PaperExchange exchange)
    {
        _exchange = exchange ?? throw new ArgumentNullException(nameof(exchange));
        _futures = exchange.Options.Venue == Hosting.PaperVenueKind.BinanceUsdm;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
        _aggregates = new BinanceAggregate[exchange.Markets.Count];
        _aggregateIds = new long[exchange.Markets.Count];
    }

    /// <summary>True for the USDⓈ-M formats.</summary>
    public bool IsFutures => _futures;

    /// <summary>Depth streams that had to skip ahead because the book's change log no longer reached their last <c>u</c> (their subscribers saw a gap).</summary>
    public long Gaps => Interlocked.Read(ref _gaps);

    /// <summary>Messages formatted (each once, whatever the number of subscribers).</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Time the exchange thread spent in <see cref="OnTick"/> (diffs, partial depth, tickers, klines), and how many calls.</summary>
    public (TimeSpan Total, long Calls) TickCost =>
        (System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _tickTicks)), Interlocked.Read(ref _tickCalls));

    /// <summary>Streams with at least one subscriber.</summary>
    public int ActiveStreams => Volatile.Read(ref _active).Length;

    /// <summary>Messages published on the stream <paramref name="name"/> since it was first subscribed (0 if unknown).</summary>
    public long PublishedOn(string name)
    {
        lock (_gate)
        {
            return _topics.TryGetValue(name, out var topic) ? topic.Published : 0;
        }
    }

    /// <summary>Connections subscribed to the stream <paramref name="name"/>.</summary>
    public int SubscribersOf(string name)
    {
        lock (_gate)
        {
            return _topics.TryGetValue(name, out var topic) ? topic.SubscriberCount : 0;
        }
    }

    /// <summary>Whether <paramref name="name"/> is a market stream this venue publishes.</summary>
    internal bool IsKnown(string name) => BinanceStreamSpec.TryParse(name, _exchange, _futures) is not null;

    /// <summary>Adds a connection to a stream (any thread). Names of streams the venue does not publish, or that Binance routes elsewhere, are accepted and never deliver.</summary>
    internal void Subscribe(BinanceStreamConnection connection, string name)
    {
        if (BinanceStreamSpec.TryParse(name, _exchange, _futures) is not { } spec || !Routes(connection.Path, spec))
        {
            return;
        }

        lock (_gate)
        {
            if (!_topics.TryGetValue(name, out var topic))
            {
                topic = new BinanceStreamTopic(spec);
                _topics.Add(name, topic);
                Volatile.Write(ref _active, [.. _active, topic]);
            }

            topic.Add(connection.Socket, connection.Combined);
        }
    }

    /// <summary>Removes a connection from a stream (any thread).</summary>
    internal void Unsubscribe(BinanceStreamConnection connection, string name)
    {
        lock (_gate)
        {
            if (_topics.TryGetValue(name, out var topic) && topic.Remove(connection.Socket))
            {
                _topics.Remove(name);
                Volatile.Write(ref _active, Array.FindAll(_active, t => !ReferenceEquals(t, topic)));
            }
        }
    }

    /// <inheritdoc/>
    public void OnTrade(PaperMarket market, in TradeTick trade)
    {
        ArgumentNullException.ThrowIfNull(market);
        var active = Volatile.Read(ref _active);
        var aggregating = false;
        foreach (var topic in active)
        {
            if (!ReferenceEquals(topic.Spec.Market, market))
            {
                continue;
            }

            switch (topic.Spec.Kind)
            {
                case BinanceStreamKind.Trade:
                    BinanceMarketPayloads.Trade(Begin(), _futures, market.Symbol, trade);
                    Publish(topic);
                    break;
                case BinanceStreamKind.AggTrade:
                    aggregating = true;
                    break;
                case BinanceStreamKind.Kline:
                    Track(topic, trade);
                    break;
            }
        }

        if (aggregating)
        {
            ref var aggregate = ref _aggregates[market.Index];
            if (aggregate.Continues(trade))
            {
                aggregate.Quantity = Quantity.FromRaw(aggregate.Quantity.Raw + trade.Size.Raw, trade.Size.Precision);
                aggregate.LastTradeId = trade.TradeId;
                return;
            }

            FlushAggregate(market, active);
            aggregate = new BinanceAggregate
            {
                Id = ++_aggregateIds[market.Index],
                Price = trade.Price,
                Quantity = trade.Size,
                FirstTradeId = trade.TradeId,
                LastTradeId = trade.TradeId,
                Time = trade.EventTime,
                BuyerIsMaker = trade.Aggressor == AggressorSide.Seller,
                Open = true,
            };
        }
    }

    /// <inheritdoc/>
    public void OnMarkPrice(PaperMarket market, in MarkPrice mark)
    {
        ArgumentNullException.ThrowIfNull(market);
        foreach (var topic in Volatile.Read(ref _active))
        {
            if (topic.Spec.Kind != BinanceStreamKind.MarkPrice || !ReferenceEquals(topic.Spec.Market, market) || mark.EventTime < topic.NextDue)
            {
                continue;
            }

            topic.NextDue = mark.EventTime + topic.Spec.IntervalNs;
            BinanceMarketPayloads.MarkPrice(Begin(), market, mark);
            Publish(topic);
        }
    }

    /// <inheritdoc/>
    public void OnTick(long now)
    {
        var active = Volatile.Read(ref _active);
        if (active.Length == 0)
        {
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var topic in active)
        {
            switch (topic.Spec.Kind)
            {
                case BinanceStreamKind.DiffDepth:
                    PublishDiff(topic, now);
                    break;
                case BinanceStreamKind.PartialDepth:
                    PublishPartial(topic, now);
                    break;
                case BinanceStreamKind.BookTicker:
                    PublishBookTicker(topic, now);
                    break;
                case BinanceStreamKind.AllBookTickers:
                    PublishAllBookTickers(topic, now);
                    break;
                case BinanceStreamKind.Kline:
                    PublishKline(topic, now);
                    break;
                case BinanceStreamKind.AllMarkPrices:
                    PublishAllMarkPrices(topic, now);
                    break;
                case BinanceStreamKind.AggTrade:
                    if (_aggregates[topic.Spec.Market!.Index].Open)
                    {
                        FlushAggregate(topic.Spec.Market, active);
                    }

                    break;
            }
        }

        Interlocked.Add(ref _tickTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref _tickCalls);
    }

    private static bool Routes(BinanceStreamPath path, BinanceStreamSpec spec) => path switch
    {
        BinanceStreamPath.Public => spec.IsPublicRoute,
        BinanceStreamPath.Market => !spec.IsPublicRoute,
        BinanceStreamPath.Private => false,
        _ => true,
    };

    private void PublishDiff(BinanceStreamTopic topic, long now)
    {
        var book = topic.Spec.Market!.Book;
        if (topic.LastUpdateId < 0 || !topic.HasSubscribers)
        {
            // A new stream starts from the book as it is now; clients chain it onto a snapshot taken after subscribing.
            topic.LastUpdateId = book.UpdateId;
            topic.NextDue = now + topic.Spec.IntervalNs;
            return;
        }

        if (now < topic.NextDue)
        {
            return;
        }

        topic.NextDue = Math.Max(topic.NextDue + topic.Spec.IntervalNs, now);
        if (book.UpdateId == topic.LastUpdateId)
        {
            return; // nothing changed: nothing to publish
        }

        if (!book.TryCollectChanges(topic.LastUpdateId, _changes))
        {
            // The log no longer reaches our last u: skip ahead, so the next message's U/pu do not chain and clients resync.
            Interlocked.Increment(ref _gaps);
            topic.LastUpdateId = book.UpdateId;
            return;
        }

        var previous = topic.LastUpdateId;
        topic.LastUpdateId = book.UpdateId;
        BinanceMarketPayloads.DepthUpdate(Begin(), _futures, topic.Spec.Market.Symbol, BinanceWire.Ms(now), BinanceWire.Ms(book.LastChangeTime),
            FirstUpdateId(previous), book.UpdateId, previous, _changes);
        Publish(topic);
    }

    /// <summary>
    /// <c>U</c> of a message following one whose <c>u</c> was <paramref name="previous"/>. Spot: <c>previous + 1</c>
    /// (its rule is <c>U == previous u + 1</c>, and <c>U &lt;= lastUpdateId + 1</c> for the first). USDⓈ-M:
    /// <c>previous</c> itself, because its first-event rule is <c>U &lt;= lastUpdateId &lt;= u</c>: a snapshot taken
    /// while nothing changed since the last message has <c>lastUpdateId</c> = that message's <c>u</c>, and a client that
    /// subscribed after it could otherwise never start (the chain itself is checked on <c>pu</c>).
    /// </summary>
    private long FirstUpdateId(long previous) => _futures ? previous : previous + 1;

    private void PublishPartial(BinanceStreamTopic topic, long now)
    {
        var book = topic.Spec.Market!.Book;
        if (topic.LastUpdateId < 0)
        {
            topic.LastUpdateId = book.UpdateId;
        }

        if (now < topic.NextDue)
        {
            return;
        }

        topic.NextDue = Math.Max(topic.NextDue + topic.Spec.IntervalNs, now);
        var previous = topic.LastUpdateId;
        topic.LastUpdateId = book.UpdateId;
        BinanceMarketPayloads.PartialDepth(Begin(), _futures, topic.Spec.Market, topic.Spec.Levels, BinanceWire.Ms(now),
            FirstUpdateId(previous), book.UpdateId, previous, _levels);
        Publish(topic);
    }

    private void PublishBookTicker(BinanceStreamTopic topic, long now)
    {
        var market = topic.Spec.Market!;
        Best(market, out var bid, out var ask);
        if (bid == topic.LastBid && ask == topic.LastAsk)
        {
            return;
        }

        topic.LastBid = bid;
        topic.LastAsk = ask;
        BinanceMarketPayloads.BookTicker(Begin(), _futures, market, bid, ask, BinanceWire.Ms(now));
        Publish(topic);
    }

    private void PublishAllBookTickers(BinanceStreamTopic topic, long now)
    {
        topic.LastBest ??= new (BookLevel, BookLevel)[_exchange.Markets.Count];
        foreach (var market in _exchange.Markets)
        {
            Best(market, out var bid, out var ask);
            ref var last = ref topic.LastBest[market.Index];
            if (bid == last.Bid && ask == last.Ask)
            {
                continue;
            }

            last = (bid, ask);
            BinanceMarketPayloads.BookTicker(Begin(), _futures, market, bid, ask, BinanceWire.Ms(now));
            Publish(topic);
        }
    }

    private static void Best(PaperMarket market, out BookLevel bid, out BookLevel ask)
    {
        if (!market.Book.Levels.TryGetBestBid(out bid))
        {
            bid = default;
        }

        if (!market.Book.Levels.TryGetBestAsk(out ask))
        {
            ask = default;
        }
    }

    private void Track(BinanceStreamTopic topic, in TradeTick trade)
    {
        var length = topic.Spec.Candle.ToNanoseconds();
        var open = trade.EventTime - (((trade.EventTime % length) + length) % length);
        if (open != topic.CandleOpen)
        {
            CloseCandle(topic, trade.EventTime);
            topic.CandleOpen = open;
            topic.FirstTradeId = trade.TradeId;
        }

        topic.LastTradeId = trade.TradeId;
        topic.Dirty = true;
    }

    /// <summary>Pushes the candle being followed once more, final (x = true), when <paramref name="now"/> is past its end.</summary>
    private void CloseCandle(BinanceStreamTopic topic, long now)
    {
        var interval = topic.Spec.Candle;
        if (topic.CandleOpen == long.MinValue || now < topic.CandleOpen + interval.ToNanoseconds())
        {
            return;
        }

        var market = topic.Spec.Market!;
        var closed = market.Candles.Query(interval, topic.CandleOpen, topic.CandleOpen, 1, now);
        if (closed.Count == 1)
        {
            BinanceMarketPayloads.Kline(Begin(), _futures, market.Symbol, interval, closed[0], topic.FirstTradeId, topic.LastTradeId, true, BinanceWire.Ms(now));
            Publish(topic);
        }

        topic.CandleOpen = long.MinValue;
        topic.FirstTradeId = topic.LastTradeId = -1;
        topic.Dirty = false;
    }

    private void PublishKline(BinanceStreamTopic topic, long now)
    {
        CloseCandle(topic, now);
        if (!topic.Dirty)
        {
            return;
        }

        topic.Dirty = false;
        var market = topic.Spec.Market!;
        if (market.Candles.TryGetCurrent(topic.Spec.Candle, now, out var candle))
        {
            BinanceMarketPayloads.Kline(Begin(), _futures, market.Symbol, topic.Spec.Candle, candle, topic.FirstTradeId, topic.LastTradeId, false, BinanceWire.Ms(now));
            Publish(topic);
        }
    }

    private void PublishAllMarkPrices(BinanceStreamTopic topic, long now)
    {
        if (now < topic.NextDue)
        {
            return;
        }

        topic.NextDue = now + topic.Spec.IntervalNs;
        var json = Begin();
        json.WriteStartArray();
        foreach (var market in _exchange.Markets)
        {
            if (market.HasMark)
            {
                BinanceMarketPayloads.MarkPrice(json, market, market.Mark);
            }
        }

        json.WriteEndArray();
        Publish(topic);
    }

    private void FlushAggregate(PaperMarket market, BinanceStreamTopic[] active)
    {
        ref var aggregate = ref _aggregates[market.Index];
        if (!aggregate.Open)
        {
            return;
        }

        aggregate.Open = false;
        foreach (var topic in active)
        {
            if (topic.Spec.Kind == BinanceStreamKind.AggTrade && ReferenceEquals(topic.Spec.Market, market))
            {
                BinanceMarketPayloads.AggTrade(Begin(), _futures, market.Symbol, aggregate);
                Publish(topic);
            }
        }
    }

    private Utf8JsonWriter Begin()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        return _json;
    }

    private void Publish(BinanceStreamTopic topic)
    {
        _json.Flush();
        _messages++;
        topic.Publish(_buffer.WrittenSpan);
    }
}
