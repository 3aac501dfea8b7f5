using FlowSight.Core;
using FlowSight.Venues.Okx;
using FlowSight.Venues.Okx.Parsing;
using FlowSight.Venues.Network;
using Xunit;

namespace FlowSight.Venues.Tests.Okx;

/// <summary>Every OKX WebSocket payload in ../shared/data/okx/ws: recorded ones field for field, docs examples for shape.</summary>
public sealed class OkxStreamParserGoldenTests
{
    private readonly OkxStreamParser _parser = new(new OkxSymbolRegistry());

    private OkxMessageKind Parse(byte[] frame) => _parser.Parse(frame, 42);

    [Fact]
    public void Recorded_books_snapshot_becomes_a_clear_then_400_bids_and_400_asks()
    {
        Assert.Equal(OkxMessageKind.Book, Parse(OkxRecording.Fixture("ws/books_snapshot_BTC-USDT.json")));
        var deltas = _parser.Deltas;
        Assert.Equal(OkxChannel.Books, _parser.Channel);
        Assert.Equal(InstrumentId.Parse("BTC-USDT.OKX"), deltas.Instrument);
        Assert.True(deltas.IsSnapshot);
        Assert.Equal(47640993, _parser.Checksum);
        Assert.Equal(1652459225381L * 1_000_000, deltas.EventTime);
        Assert.Equal(42, deltas.ReceiveTime);
        Assert.Equal(-1, deltas.LastUpdateId);
        Assert.Equal(-1, deltas.PreviousUpdateId);
        Assert.Equal(801, deltas.Count);
        Assert.Equal(BookAction.Clear, deltas.Deltas[0].Action);
        var firstBid = deltas.Deltas[1];
        Assert.Equal((BookAction.Set, OrderSide.Buy, Price.Parse("30243.4"), Quantity.Parse("0.0012029")), (firstBid.Action, firstBid.Side, firstBid.Price, firstBid.Size));
        var lastBid = deltas.Deltas[400];
        Assert.Equal((OrderSide.Buy, Price.Parse("29999.7"), Quantity.Parse("0.00276686")), (lastBid.Side, lastBid.Price, lastBid.Size));
        var firstAsk = deltas.Deltas[401];
        Assert.Equal((OrderSide.Sell, Price.Parse("30243.5"), Quantity.Parse("1.44679")), (firstAsk.Side, firstAsk.Price, firstAsk.Size));
        var lastAsk = deltas.Deltas[800];
        Assert.Equal((OrderSide.Sell, Price.Parse("30650.2"), Quantity.Parse("0.00102749")), (lastAsk.Side, lastAsk.Price, lastAsk.Size));
        Assert.True(lastAsk.IsLast);
        Assert.All(deltas.Deltas.ToArray(), d => Assert.Equal(BookDeltaFlags.Snapshot, d.Flags & BookDeltaFlags.Snapshot));
    }

    [Fact]
    public void Recorded_books_update_maps_zero_sizes_to_deletes()
    {
        Assert.Equal(OkxMessageKind.Book, Parse(OkxRecording.Fixture("ws/books_update_BTC-USDT.json")));
        var deltas = _parser.Deltas;
        Assert.False(deltas.IsSnapshot);
        Assert.Equal(-652563973, _parser.Checksum);
        Assert.Equal(1652459225453L * 1_000_000, deltas.EventTime);
        Assert.Equal(17 + 26, deltas.Count);
        var first = deltas.Deltas[0];
        Assert.Equal((BookAction.Delete, OrderSide.Buy, Price.Parse("30237.2")), (first.Action, first.Side, first.Price));
        var secondBid = deltas.Deltas[1];
        Assert.Equal((BookAction.Set, Price.Parse("30236.1"), Quantity.Parse("0.05452")), (secondBid.Action, secondBid.Price, secondBid.Size));
        var firstAsk = deltas.Deltas[17];
        Assert.Equal((BookAction.Set, OrderSide.Sell, Price.Parse("30243.5"), Quantity.Parse("1.2112")), (firstAsk.Action, firstAsk.Side, firstAsk.Price, firstAsk.Size));
        Assert.Equal((BookAction.Delete, Price.Parse("30651")), (deltas.Deltas[^1].Action, deltas.Deltas[^1].Price));
        Assert.DoesNotContain(deltas.Deltas.ToArray(), d => d.Action == BookAction.Clear);
    }

    [Fact]
    public void Recorded_trade_field_for_field()
    {
        Assert.Equal(OkxMessageKind.Trades, Parse(OkxRecording.Fixture("ws/trades.json")));
        var trade = Assert.Single(_parser.Trades.ToArray());
        Assert.Equal(
            new TradeTick(InstrumentId.Parse("BTC-USD-220527.OKX"), Price.Parse("30218.8"), Quantity.Parse("1"), AggressorSide.Buyer, 7849, 1652459199958L * 1_000_000, 42),
            trade);
    }

    [Fact]
    public void Recorded_ticker_field_for_field()
    {
        Assert.Equal(OkxMessageKind.Ticker, Parse(OkxRecording.Fixture("ws/tickers.json")));
        Assert.Equal(
            new QuoteTick(InstrumentId.Parse("BTC-USD-220527.OKX"), Price.Parse("30210.4"), Quantity.Parse("4"), Price.Parse("30220.1"), Quantity.Parse("3"), -1, 1652459223003L * 1_000_000, 42),
            _parser.Quote);
        Assert.Equal(Price.Parse("30218.8"), _parser.LastPrice);
        Assert.Equal(Quantity.Parse("1"), _parser.LastSize);
    }

    [Fact]
    public void Recorded_subscribe_ack_is_a_control_reply()
    {
        Assert.Equal(OkxMessageKind.Control, Parse(OkxRecording.Fixture("ws/event_subscribe_ack.json")));
        Assert.Equal(new OkxControlMessage(OkxControlEvent.Subscribed, OkxChannel.Tickers, 0), _parser.Control);
    }

    [Theory]
    [InlineData("ws/docs/ws_books_snapshot.json", true, 123456L, -1L)]
    [InlineData("ws/docs/ws_books_update.json", false, 123457L, 123456L)]
    public void Docs_books_carry_sequence_ids(string file, bool snapshot, long seqId, long prevSeqId)
    {
        Assert.Equal(OkxMessageKind.Book, Parse(OkxRecording.Fixture(file)));
        var deltas = _parser.Deltas;
        Assert.Equal(snapshot, deltas.IsSnapshot);
        Assert.Equal(seqId, deltas.LastUpdateId);
        Assert.Equal(prevSeqId, deltas.PreviousUpdateId);
        Assert.Equal(-855196043, _parser.Checksum);
        Assert.Equal(16 + (snapshot ? 1 : 0), deltas.Count);
        Assert.All(deltas.Deltas.ToArray(), d => Assert.Equal(seqId, d.Sequence));
    }

    [Fact]
    public void Docs_bbo_tbt_is_a_one_level_snapshot()
    {
        Assert.Equal(OkxMessageKind.Book, Parse(OkxRecording.Fixture("ws/docs/ws_bbo_tbt.json")));
        Assert.Equal(OkxChannel.BboTbt, _parser.Channel);
        var deltas = _parser.Deltas;
        Assert.True(deltas.IsSnapshot);
        Assert.Equal(123456, deltas.LastUpdateId);
        Assert.Null(_parser.Checksum);
        Assert.Equal(3, deltas.Count);
        Assert.Equal((OrderSide.Buy, Price.Parse("8476.97"), Quantity.Parse("256")), (deltas.Deltas[1].Side, deltas.Deltas[1].Price, deltas.Deltas[1].Size));
        Assert.Equal((OrderSide.Sell, Price.Parse("8476.98"), Quantity.Parse("415")), (deltas.Deltas[2].Side, deltas.Deltas[2].Price, deltas.Deltas[2].Size));
    }

    [Fact]
    public void Docs_trades_and_tickers_have_the_recorded_shape()
    {
        Assert.Equal(OkxMessageKind.Trades, Parse(OkxRecording.Fixture("ws/docs/ws_trades.json")));
        var trade = Assert.Single(_parser.Trades.ToArray());
        Assert.Equal((130639474L, Price.Parse("42219.9"), Quantity.Parse("0.12060306"), AggressorSide.Buyer), (trade.TradeId, trade.Price, trade.Size, trade.Aggressor));

        Assert.Equal(OkxMessageKind.Ticker, Parse(OkxRecording.Fixture("ws/docs/ws_tickers.json")));
        Assert.Equal((Price.Parse("8888.88"), Quantity.Parse("5"), Price.Parse("9999.99"), Quantity.Parse("11")),
            (_parser.Quote.BidPrice, _parser.Quote.BidSize, _parser.Quote.AskPrice, _parser.Quote.AskSize));
    }

    [Fact]
    public void Pong_error_and_unknown_channels()
    {
        Assert.Equal(OkxMessageKind.Pong, Parse("pong"u8.ToArray()));
        Assert.Equal(OkxMessageKind.Control, Parse("""{"event":"error","code":"60012","msg":"Invalid request: {\"op\": \"subscribe\"}","connId":"a4d3ae55"}"""u8.ToArray()));
        Assert.Equal(OkxControlEvent.Error, _parser.Control.Event);
        Assert.Equal(60012, _parser.Control.Code);
        Assert.StartsWith("Invalid request", System.Text.Encoding.UTF8.GetString(_parser.ControlText), StringComparison.Ordinal);
        Assert.Equal(OkxMessageKind.Control, Parse("""{"event":"unsubscribe","arg":{"channel":"books","instId":"BTC-USDT"},"connId":"x"}"""u8.ToArray()));
        Assert.Equal(new OkxControlMessage(OkxControlEvent.Unsubscribed, OkxChannel.Books, 0), _parser.Control);
        Assert.Equal(OkxMessageKind.Unknown, Parse("""{"arg":{"channel":"index-tickers","instId":"BTC-USDT"},"data":[{"idxPx":"1"}]}"""u8.ToArray()));
        Assert.Equal(1, _parser.Diagnostics.UnknownCount);
    }

    [Fact]
    public void Arg_after_data_still_parses()
    {
        Assert.Equal(OkxMessageKind.Trades, Parse("""{"data":[{"instId":"ETH-USDT","tradeId":"9","px":"1.5","sz":"2","side":"sell","ts":"1"}],"arg":{"channel":"trades","instId":"ETH-USDT"}}"""u8.ToArray()));
        var trade = Assert.Single(_parser.Trades.ToArray());
        Assert.Equal((InstrumentId.Parse("ETH-USDT.OKX"), AggressorSide.Seller, 9L), (trade.Instrument, trade.Aggressor, trade.TradeId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[[\"x\",\"1\",\"0\",\"1\"]],\"bids\":[]}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[],\"checksum\":\"abc\"}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"btc usdt\"},\"data\":[{\"asks\":[],\"bids\":[]}]}")]
    [InlineData("{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[{\"px\":\"1\"}]}")]
    [InlineData("{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":{}}")]
    [InlineData("{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[]} trailing")]
    public void Malformed_frames_are_counted_with_a_reason_and_never_throw(string frame)
    {
        Assert.Equal(OkxMessageKind.Malformed, Parse(System.Text.Encoding.UTF8.GetBytes(frame)));
        Assert.NotNull(_parser.LastReason);
        Assert.Equal(1, _parser.Diagnostics.MalformedCount);
        Assert.Equal(Math.Min(frame.Length, FrameDiagnostics<OkxMessageKind>.SampleCapacity), _parser.Diagnostics.LastSample.Length);
    }

    [Fact]
    public void The_whole_recording_parses_by_kind()
    {
        var counts = new Dictionary<OkxMessageKind, int>();
        var trades = 0;
        var snapshots = 0;
        foreach (var (payload, time) in OkxRecording.ReadReceived())
        {
            var kind = _parser.Parse(payload, time);
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            trades += kind == OkxMessageKind.Trades ? _parser.Trades.Length : 0;
            snapshots += kind == OkxMessageKind.Book && _parser.Deltas.IsSnapshot ? 1 : 0;
            Assert.True(kind != OkxMessageKind.Book || _parser.Checksum is not null);
        }

        Assert.Equal(290, counts[OkxMessageKind.Book]);
        Assert.Equal(3, snapshots);
        Assert.Equal(74, counts[OkxMessageKind.Trades]);
        Assert.Equal(74, trades);
        Assert.Equal(28, counts[OkxMessageKind.Ticker]);
        Assert.Equal(18, counts[OkxMessageKind.Control]);
        Assert.Equal(4, counts.Count);
        Assert.Equal(0, _parser.Diagnostics.MalformedCount + _parser.Diagnostics.UnknownCount);
    }
}
