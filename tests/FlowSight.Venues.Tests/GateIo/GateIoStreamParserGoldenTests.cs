using System.Text;
using FlowSight.Core;
using FlowSight.Venues.GateIo;
using FlowSight.Venues.GateIo.Parsing;
using Xunit;

namespace FlowSight.Venues.Tests.GateIo;

/// <summary>Every Gate.io payload in ../shared/data/gateio (all recorded), field for field.</summary>
public sealed class GateIoStreamParserGoldenTests
{
    private const long Ms = 1_000_000;
    private const long S = 1_000_000_000;
    private readonly GateIoStreamParser _parser = new(new GateIoSymbolRegistry());

    private GateIoMessageKind Parse(string fixture) => _parser.Parse(GateIoRecording.Fixture(fixture), 42);

    [Fact]
    public void Spot_order_book_update_has_its_ids_and_string_levels()
    {
        Assert.Equal(GateIoMessageKind.BookUpdate, Parse("ws/spot.order_book_update.json"));
        var deltas = _parser.Deltas;
        Assert.Equal((GateIoChannel.OrderBookUpdate, GateIoMarket.Spot), (_parser.Channel, _parser.Market));
        Assert.Equal(InstrumentId.Parse("HAI_ETH.GATEIO"), deltas.Instrument);
        Assert.False(deltas.IsSnapshot);
        Assert.Equal((2691446L, 2691446L, -1L), (deltas.FirstUpdateId, deltas.LastUpdateId, deltas.PreviousUpdateId));
        Assert.Equal(1619093532978L * Ms, deltas.EventTime);
        Assert.Equal(42, deltas.ReceiveTime);
        Assert.Equal(35 + 38, deltas.Count);
        var firstBid = deltas.Deltas[0];
        Assert.Equal((BookAction.Set, OrderSide.Buy, Price.Parse("0.00010322"), Quantity.Parse("5360.209")), (firstBid.Action, firstBid.Side, firstBid.Price, firstBid.Size));
        Assert.Equal((OrderSide.Buy, Price.Parse("0.00000001"), Quantity.Parse("1000000")), (deltas.Deltas[34].Side, deltas.Deltas[34].Price, deltas.Deltas[34].Size));
        Assert.Equal((OrderSide.Sell, Price.Parse("0.00010396"), Quantity.Parse("5876.967")), (deltas.Deltas[35].Side, deltas.Deltas[35].Price, deltas.Deltas[35].Size));
        Assert.Equal((OrderSide.Sell, Price.Parse("0.007861"), Quantity.Parse("72")), (deltas.Deltas[^1].Side, deltas.Deltas[^1].Price, deltas.Deltas[^1].Size));
        Assert.True(deltas.Deltas[^1].IsLast);
    }

    [Fact]
    public void Futures_order_book_update_reads_object_levels_in_contracts_and_size_zero_deletes()
    {
        Assert.Equal(GateIoMessageKind.BookUpdate, Parse("ws/futures.order_book_update.json"));
        var deltas = _parser.Deltas;
        Assert.Equal(GateIoMarket.UsdtFutures, _parser.Market);
        Assert.Equal(InstrumentId.Parse("RDNT_USDT-PERP.GATEIO"), deltas.Instrument);
        Assert.Equal((203083177L, 203083177L), (deltas.FirstUpdateId, deltas.LastUpdateId));
        Assert.Equal(1684930165217L * Ms, deltas.EventTime);
        var only = Assert.Single(deltas.Deltas.ToArray());
        Assert.Equal((BookAction.Delete, OrderSide.Sell, Price.Parse("0.2983")), (only.Action, only.Side, only.Price));
    }

    [Fact]
    public void Futures_book_ticker_field_for_field_with_integer_sizes()
    {
        Assert.Equal(GateIoMessageKind.BookTicker, Parse("ws/futures.book_ticker.json"));
        Assert.Equal(
            new QuoteTick(InstrumentId.Parse("PHB_USDT-PERP.GATEIO"), Price.Parse("0.7379"), Quantity.Parse("814"), Price.Parse("0.739"), Quantity.Parse("677"), 6159967, 1684930165621L * Ms, 42),
            _parser.Quote);
        Assert.Equal(1684930165631L * Ms, _parser.FrameTime);
    }

    [Fact]
    public void Futures_candlestick_field_for_field()
    {
        Assert.Equal(GateIoMessageKind.Candle, Parse("ws/futures.candlesticks.json"));
        var c = _parser.Candle;
        Assert.Equal(InstrumentId.Parse("FRONT_USDT-PERP.GATEIO"), c.Instrument);
        Assert.Equal(CandleInterval.OneMinute, c.Interval);
        Assert.Equal((1684930140L * S, (1684930200L * S) - Ms), (c.OpenTime, c.CloseTime));
        Assert.Equal((Price.Parse("0.1701"), Price.Parse("0.1701"), Price.Parse("0.1701"), Price.Parse("0.1701")), (c.Open, c.High, c.Low, c.Close));
        Assert.Equal(0, c.Volume.Raw);
        Assert.False(c.IsClosed);
        Assert.Equal((1684930165934L * Ms, 42L), (c.EventTime, c.ReceiveTime));
    }

    [Fact]
    public void Spot_candlestick_takes_base_volume_from_a_and_quote_volume_from_v()
    {
        Assert.Equal(GateIoMessageKind.Candle, Parse("ws/spot.candlesticks.json"));
        var c = _parser.Candle;
        Assert.Equal(InstrumentId.Parse("DIS_USDT.GATEIO"), c.Instrument);
        Assert.Equal(1619093520L * S, c.OpenTime);
        Assert.Equal(Price.Parse("120.92"), c.Close);
        Assert.Equal(0, c.QuoteVolume.Raw);
        Assert.Equal(1619093534L * S, c.EventTime); // no time_ms in 2021: the frame's seconds
    }

    [Fact]
    public void Spot_ticker_gives_best_prices_and_last()
    {
        Assert.Equal(GateIoMessageKind.Ticker, Parse("ws/spot.tickers.json"));
        Assert.Equal(
            new QuoteTick(InstrumentId.Parse("NEO_BTC.GATEIO"), Price.Parse("0.0018697"), default, Price.Parse("0.0018734"), default, 0, 1619093533L * S, 42),
            _parser.Quote);
        Assert.Equal(Price.Parse("0.0018716"), _parser.LastPrice);
    }

    [Fact]
    public void Spot_trade_field_for_field_with_sub_millisecond_time_and_ten_decimal_padding_dropped()
    {
        Assert.Equal(GateIoMessageKind.Trades, Parse("ws/spot.trades.json"));
        var trade = Assert.Single(_parser.Trades.ToArray());
        Assert.Equal(
            new TradeTick(InstrumentId.Parse("DIS_USDT.GATEIO"), Price.Parse("121.58"), Quantity.Parse("0.201"), AggressorSide.Seller, 816995772, (1619093543708L * Ms) + 264_200, 42),
            trade);
    }

    [Fact]
    public void Subscribe_ack_is_a_successful_control_reply()
    {
        Assert.Equal(GateIoMessageKind.Control, Parse("ws/futures.trades_subscribe_ack.json"));
        Assert.Equal(new GateIoControlMessage(GateIoControlEvent.Subscribe, GateIoChannel.Trades, GateIoMarket.UsdtFutures, -1, 0), _parser.Control);
        Assert.False(_parser.Control.IsError);
        Assert.True(_parser.ControlText.IsEmpty);
    }

    [Fact]
    public void Spot_rest_snapshot_with_id_becomes_a_clear_then_levels()
    {
        var instrument = InstrumentId.Parse("HAI_ETH.GATEIO");
        Assert.Equal(GateIoMessageKind.BookSnapshot, _parser.ParseRestSnapshot(GateIoRecording.Fixture("rest/spot_order_book_with_id.json"), instrument, 42));
        var deltas = _parser.Deltas;
        Assert.True(deltas.IsSnapshot);
        Assert.Equal(2691446, deltas.LastUpdateId);
        Assert.Equal(BookAction.Clear, deltas.Deltas[0].Action);
        Assert.Equal((OrderSide.Buy, Price.Parse("0.00010322")), (deltas.Deltas[1].Side, deltas.Deltas[1].Price));
        var firstAsk = deltas.Deltas.ToArray().First(d => d.Side == OrderSide.Sell && d.Action == BookAction.Set);
        Assert.Equal((Price.Parse("0.00010396"), Quantity.Parse("5876.967")), (firstAsk.Price, firstAsk.Size));
        var lastBid = deltas.Deltas.ToArray().Last(d => d.Side == OrderSide.Buy);
        Assert.Equal((Price.Parse("0.00000001"), Quantity.Parse("1000000")), (lastBid.Price, lastBid.Size));
        Assert.Equal((OrderSide.Sell, Price.Parse("0.007861"), Quantity.Parse("72")), (deltas.Deltas[^1].Side, deltas.Deltas[^1].Price, deltas.Deltas[^1].Size));
        Assert.All(deltas.Deltas.ToArray(), d => Assert.Equal(instrument, d.Instrument));
    }

    [Fact]
    public void Futures_rest_snapshot_reads_object_levels_the_trailing_id_and_the_update_time()
    {
        var instrument = InstrumentId.Parse("RDNT_USDT-PERP.GATEIO");
        Assert.Equal(GateIoMessageKind.BookSnapshot, _parser.ParseRestSnapshot(GateIoRecording.Fixture("rest/futures_usdt_order_book_with_id.json"), instrument, 42));
        var deltas = _parser.Deltas;
        Assert.Equal(203083287, deltas.LastUpdateId);
        Assert.Equal((1684930166L * S) + 350_000_000, deltas.EventTime);
        var firstAsk = deltas.Deltas.ToArray().First(d => d.Side == OrderSide.Sell);
        Assert.Equal((Price.Parse("0.2974"), Quantity.Parse("803")), (firstAsk.Price, firstAsk.Size));
        var lastBid = deltas.Deltas.ToArray().Last(d => d.Side == OrderSide.Buy);
        Assert.Equal((Price.Parse("0.1845"), Quantity.Parse("82")), (lastBid.Price, lastBid.Size));
        Assert.Equal((OrderSide.Sell, Price.Parse("0.58"), Quantity.Parse("6")), (deltas.Deltas[^1].Side, deltas.Deltas[^1].Price, deltas.Deltas[^1].Size));
    }

    [Fact]
    public void Every_received_line_of_both_recordings_parses_with_nothing_refused()
    {
        var kinds = new Dictionary<GateIoMessageKind, int>();
        foreach (var path in new[] { GateIoRecording.SpotWs, GateIoRecording.FuturesWs })
        {
            foreach (var frame in GateIoRecording.Read(path).Where(f => f.Kind == FlowSight.Engine.Replay.RecordedFrameKind.Received))
            {
                var kind = _parser.Parse(frame.Payload, frame.Time);
                kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            }
        }

        Assert.True(_parser.Diagnostics.MalformedCount + _parser.Diagnostics.UnknownCount == 0, _parser.Diagnostics.Describe());
        Assert.Equal(172 + 352, kinds[GateIoMessageKind.BookUpdate]);
        Assert.Equal(75, kinds[GateIoMessageKind.BookTicker]);
        Assert.Equal(22, kinds[GateIoMessageKind.Ticker]);
        Assert.Equal(14 + 1, kinds[GateIoMessageKind.Candle]);
        Assert.Equal(9, kinds[GateIoMessageKind.Trades]);
        Assert.Equal(22 + 22, kinds[GateIoMessageKind.Control]);
    }

    [Fact]
    public void Every_http_snapshot_of_both_recordings_parses()
    {
        var registry = new GateIoSymbolRegistry();
        foreach (var (path, market) in new[] { (GateIoRecording.SpotHttp, GateIoMarket.Spot), (GateIoRecording.FuturesHttp, GateIoMarket.UsdtFutures) })
        {
            var frames = GateIoRecording.Read(path);
            Assert.Equal(10, frames.Length);
            foreach (var frame in frames)
            {
                var name = frame.Source.Split(market == GateIoMarket.Spot ? "currency_pair=" : "contract=")[1].Split('&')[0];
                Assert.True(_parser.ParseRestSnapshot(frame.Payload, registry.Register(market, name), frame.Time) == GateIoMessageKind.BookSnapshot, _parser.Diagnostics.Describe());
                Assert.True(_parser.Deltas.LastUpdateId > 0);
                Assert.True(_parser.Deltas.Count > 1, Encoding.UTF8.GetString(frame.Payload[..100]));
            }
        }
    }
}
