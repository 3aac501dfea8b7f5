using System.Text;
using FlowSight.Core;
using FlowSight.TestKit;
using FlowSight.Venues.GateIo;
using FlowSight.Venues.GateIo.Parsing;
using Xunit;

namespace FlowSight.Venues.Tests.GateIo;

/// <summary>
/// Channels and replies the recordings lack, in the shapes of Gate.io's v4 documentation (values are the docs'
/// placeholders), plus bad input: refused frames are counted and sampled, never thrown.
/// </summary>
public sealed class GateIoStreamParserChannelTests
{
    private const long Ms = 1_000_000;
    private readonly GateIoStreamParser _parser = new(new GateIoSymbolRegistry());

    private GateIoMessageKind Parse(string json) => _parser.Parse(Encoding.UTF8.GetBytes(json), 7);

    [Fact]
    public void Futures_ticker_gives_mark_index_and_funding_rate()
    {
        const string json = """{"time":1541659086,"time_ms":1541659086123,"channel":"futures.tickers","event":"update","result":[{"contract":"BTC_USDT","last":"118.4","change_percentage":"0.77","funding_rate":"-0.000114","funding_rate_indicative":"0.01875","mark_price":"118.35","index_price":"118.36","total_size":"73648","volume_24h":"745487577","quanto_base_rate":"","low_24h":"99.2","high_24h":"132.5"}]}""";
        Assert.Equal(GateIoMessageKind.FuturesTicker, Parse(json));
        var btc = InstrumentId.Parse("BTC_USDT-PERP.GATEIO");
        Assert.Equal(new MarkPrice(btc, Price.Parse("118.35"), Price.Parse("118.36"), default, -0.000114m, 0, 1541659086123L * Ms, 7), _parser.MarkPrice);
        Assert.Equal(new FundingRate(btc, -0.000114m, 0, 0, 1541659086123L * Ms, 7), _parser.FundingRate);
        Assert.Equal(Price.Parse("118.4"), _parser.LastPrice);
    }

    [Fact]
    public void Futures_trade_size_sign_is_the_taker_side()
    {
        const string json = """{"channel":"futures.trades","event":"update","time":1541503698,"time_ms":1541503698123,"result":[{"size":-108,"id":27753479,"create_time":1545136464,"create_time_ms":1545136464123,"price":"96.4","contract":"BTC_USDT","is_internal":true},{"size":3,"id":27753480,"create_time":1545136464,"create_time_ms":1545136464124,"price":"96.5","contract":"BTC_USDT"}]}""";
        Assert.Equal(GateIoMessageKind.Trades, Parse(json));
        var btc = InstrumentId.Parse("BTC_USDT-PERP.GATEIO");
        Assert.Equal(
            [
                new TradeTick(btc, Price.Parse("96.4"), Quantity.Parse("108"), AggressorSide.Seller, 27753479, 1545136464123L * Ms, 7),
                new TradeTick(btc, Price.Parse("96.5"), Quantity.Parse("3"), AggressorSide.Buyer, 27753480, 1545136464124L * Ms, 7),
            ],
            _parser.Trades.ToArray());
    }

    [Fact]
    public void Spot_book_ticker_docs_shape()
    {
        // The docs' bid size 0.0003341504 has ten significant decimals, one more than FlowSight's fixed point: nine here.
        const string json = """{"time":1606293275,"time_ms":1606293275723,"channel":"spot.book_ticker","event":"update","result":{"t":1606293275123,"u":48733182,"s":"BTC_USDT","b":"19177.79","B":"0.000334150","a":"19179.38","A":"0.09"}}""";
        Assert.Equal(GateIoMessageKind.BookTicker, Parse(json));
        Assert.Equal(
            new QuoteTick(InstrumentId.Parse("BTC_USDT.GATEIO"), Price.Parse("19177.79"), Quantity.Parse("0.00033415"), Price.Parse("19179.38"), Quantity.Parse("0.09"), 48733182, 1606293275123L * Ms, 7),
            _parser.Quote);
    }

    [Fact]
    public void A_genuine_tenth_decimal_is_cut_off_and_counted_padding_is_not()
    {
        // As recorded for OMG_USDT (spot, 2021-04-22): a size with ten decimals.
        Assert.Equal(GateIoMessageKind.BookUpdate, Parse("""{"time":1619093551,"channel":"spot.order_book_update","event":"update","result":{"t":1619093551395,"e":"depthUpdate","E":1619093551,"s":"OMG_USDT","U":59231921,"u":59231921,"b":[["7.804","153.1893464532"],["6.36","0"]],"a":[["7.9","1.5000000000"]]}}"""));
        Assert.Equal(Quantity.Parse("153.189346453"), _parser.Deltas.Deltas[0].Size);
        Assert.Equal(Quantity.Parse("1.5"), _parser.Deltas.Deltas[2].Size);
        Assert.Equal(1, _parser.TruncatedValues);
    }

    [Fact]
    public void Empty_book_ticker_side_reads_as_no_level()
    {
        Assert.Equal(GateIoMessageKind.BookTicker, Parse("""{"time":1,"channel":"futures.book_ticker","event":"update","result":{"t":1,"u":2,"s":"BTC_USDT","b":"","B":0,"a":"54696.7","A":47061}}"""));
        Assert.Equal((0L, 0L), (_parser.Quote.BidPrice.Raw, _parser.Quote.BidSize.Raw));
        Assert.Equal(Price.Parse("54696.7"), _parser.Quote.AskPrice);
    }

    [Fact]
    public void Spot_order_book_snapshot_channel()
    {
        const string json = """{"time":1606295412,"time_ms":1606295412213,"channel":"spot.order_book","event":"update","result":{"t":1606295412123,"lastUpdateId":48791820,"s":"BTC_USDT","bids":[["19079.55","0.0195"],["19079.07","0.7341"]],"asks":[["19080.24","0.1638"]]}}""";
        Assert.Equal(GateIoMessageKind.BookSnapshot, Parse(json));
        var deltas = _parser.Deltas;
        Assert.True(deltas.IsSnapshot);
        Assert.Equal(48791820, deltas.LastUpdateId);
        Assert.Equal([BookAction.Clear, BookAction.Set, BookAction.Set, BookAction.Set], deltas.Deltas.ToArray().Select(d => d.Action));
        Assert.Equal(Price.Parse("19080.24"), deltas.Deltas[3].Price);
    }

    [Fact]
    public void Futures_order_book_all_is_a_snapshot_with_its_id()
    {
        const string json = """{"channel":"futures.order_book","event":"all","time":1541500161,"time_ms":1541500161123,"result":{"t":1541500161123,"contract":"BTC_USDT","id":93973511,"asks":[{"p":"97.2","s":2245}],"bids":[{"p":"97.1","s":100}]}}""";
        Assert.Equal(GateIoMessageKind.BookSnapshot, Parse(json));
        Assert.Equal(InstrumentId.Parse("BTC_USDT-PERP.GATEIO"), _parser.Deltas.Instrument);
        Assert.Equal(93973511, _parser.Deltas.LastUpdateId);
        Assert.Equal(3, _parser.Deltas.Count);
    }

    [Theory]
    [InlineData("""{"time":1545404023,"channel":"spot.pong","event":"","error":null,"result":null}""")]
    [InlineData("""{"time":1545404023,"time_ms":1545404023123,"channel":"futures.pong","event":"","result":null}""")]
    public void Pong_is_recognised(string json) => Assert.Equal(GateIoMessageKind.Pong, Parse(json));

    [Fact]
    public void Error_reply_carries_code_message_and_the_request_id()
    {
        const string json = """{"time":1611541000,"time_ms":1611541000001,"id":17,"channel":"spot.order_book_update","event":"subscribe","error":{"code":2,"message":"unknown currency pair NOPE_USDT"},"result":null}""";
        Assert.Equal(GateIoMessageKind.Control, Parse(json));
        Assert.Equal(new GateIoControlMessage(GateIoControlEvent.Subscribe, GateIoChannel.OrderBookUpdate, GateIoMarket.Spot, 17, 2), _parser.Control);
        Assert.True(_parser.Control.IsError);
        Assert.Equal("unknown currency pair NOPE_USDT", Encoding.UTF8.GetString(_parser.ControlText));
    }

    [Fact]
    public void Unsubscribe_ack_with_id()
    {
        Assert.Equal(GateIoMessageKind.Control, Parse("""{"time":1,"time_ms":1,"id":5,"channel":"futures.tickers","event":"unsubscribe","error":null,"result":{"status":"success"}}"""));
        Assert.Equal(new GateIoControlMessage(GateIoControlEvent.Unsubscribe, GateIoChannel.Tickers, GateIoMarket.UsdtFutures, 5, 0), _parser.Control);
    }

    [Fact]
    public void Odd_shapes_of_id_and_event_do_not_derail_the_frame()
    {
        Assert.Equal(GateIoMessageKind.Control, Parse("""{"time":1,"id":{"x":[1,2]},"channel":"spot.trades","event":"subscribe","error":null,"result":{"status":"success"}}"""));
        Assert.Equal(-1, _parser.Control.RequestId);
        Assert.Equal(GateIoMessageKind.Unknown, Parse("""{"time":1,"channel":"spot.trades","event":{"odd":true},"result":{}}"""));
        Assert.Equal(0, _parser.Diagnostics.MalformedCount);
    }

    [Fact]
    public void Result_before_channel_is_still_parsed()
    {
        Assert.Equal(GateIoMessageKind.BookUpdate, Parse("""{"result":{"t":1,"s":"BTC_USDT","U":5,"u":6,"b":[["1.5","2"]],"a":[]},"event":"update","channel":"spot.order_book_update","time":1}"""));
        Assert.Equal((5L, 6L), (_parser.Deltas.FirstUpdateId, _parser.Deltas.LastUpdateId));
    }

    [Theory]
    [InlineData("not json", "invalid JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("""{"time":1,"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"BTC_USDT","u":6,"b":[],"a":[]}}""", "book: U or u is missing")]
    [InlineData("""{"time":1,"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"btc usdt","U":5,"u":6,"b":[],"a":[]}}""", "book: s is missing or not a valid Gate.io name")]
    [InlineData("""{"time":1,"channel":"spot.order_book_update","event":"update","result":{"t":1,"s":"BTC_USDT","U":5,"u":6,"b":[["x","1"]],"a":[]}}""", "book: a level, id, name or time is not valid")]
    [InlineData("""{"time":1,"channel":"spot.trades","event":"update","result":{"id":1,"currency_pair":"BTC_USDT","amount":"1"}}""", "trades: price or size missing")]
    [InlineData("""{"time":1,"channel":"spot.pong","event":"","result":null} trailing""", "invalid JSON")]
    public void Malformed_frames_are_counted_and_sampled(string json, string reason)
    {
        Assert.Equal(GateIoMessageKind.Malformed, Parse(json));
        Assert.Equal(reason, _parser.LastReason);
        Assert.Equal(1, _parser.Diagnostics.MalformedCount);
        Assert.Equal(json, Encoding.UTF8.GetString(_parser.Diagnostics.LastSample));
    }

    [Theory]
    [InlineData("""{"time":1,"channel":"spot.orders","event":"update","result":[]}""")]
    [InlineData("""{"time":1,"channel":"options.tickers","event":"update","result":[]}""")]
    [InlineData("""{"time":1,"channel":"futures.candlesticks","event":"update","result":[{"t":1,"v":0,"c":"1","h":"1","l":"1","o":"1","n":"10s_BTC_USDT"}]}""")]
    [InlineData("""{"time":1,"channel":"futures.candlesticks","event":"update","result":[{"t":1,"v":0,"c":"1","h":"1","l":"1","o":"1","n":"1m_mark_BTC_USDT"}]}""")]
    public void Unknown_channels_and_untradable_candles_are_counted_as_unknown(string json)
    {
        Assert.Equal(GateIoMessageKind.Unknown, Parse(json));
        Assert.Equal(1, _parser.Diagnostics.UnknownCount);
        Assert.Equal(0, _parser.Diagnostics.MalformedCount);
    }

    [Fact]
    public void Parsing_book_updates_and_tickers_allocates_nothing()
    {
        var frames = GateIoRecording.Read(GateIoRecording.FuturesWs).Concat(GateIoRecording.Read(GateIoRecording.SpotWs))
            .Where(f => f.Kind == FlowSight.Engine.Replay.RecordedFrameKind.Received).Select(f => f.Payload).ToArray();
        var allocated = Allocations.SteadyState(() =>
        {
            foreach (var frame in frames)
            {
                _parser.Parse(frame, 1);
            }
        });
        Assert.Equal(0, allocated);
    }
}
