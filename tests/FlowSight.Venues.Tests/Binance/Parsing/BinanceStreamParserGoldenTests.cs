using FlowSight.Core;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Parsing;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Parsing;

/// <summary>
/// Golden tests: every Binance market-data fixture in ../shared/data/binance parsed field for field, values taken
/// from the files (recorded payloads for exact numbers, docs examples for shapes).
/// </summary>
public sealed class BinanceStreamParserGoldenTests
{
    private const long Received = 1_700_000_000_123_456_789;

    private static BinanceStreamParser ParseFixture(string relative, BinanceMarket market, out BinanceMessageKind kind, string? rawStream = null)
    {
        var parser = new BinanceStreamParser(market, new BinanceSymbolRegistry());
        parser.UseRawStream(rawStream);
        kind = parser.Parse(BinanceFixtures.Read(relative), Received);
        return parser;
    }

    private static long Ms(long milliseconds) => milliseconds * 1_000_000;

    private static void AssertPrice(string expected, Price actual) => Assert.Equal(expected, actual.ToString());

    private static void AssertQuantity(string expected, Quantity actual) => Assert.Equal(expected, actual.ToString());

    private static void AssertLevel(in BookDelta delta, BookAction action, OrderSide side, string price, string size)
    {
        Assert.Equal(action, delta.Action);
        Assert.Equal(side, delta.Side);
        AssertPrice(price, delta.Price);
        AssertQuantity(size, delta.Size);
    }

    [Fact]
    public void Futures_trade()
    {
        var parser = ParseFixture("futures/ws/trade_BTCUSDT_combined.json", BinanceMarket.UsdM, out var kind);

        Assert.Equal(BinanceMessageKind.Trade, kind);
        var trade = parser.Trade;
        Assert.Equal("BTCUSDT-PERP.BINANCE", trade.Instrument.Value);
        AssertPrice("61800.30", trade.Price);
        Assert.Equal(6180030, trade.Price.Raw);
        Assert.Equal(2, trade.Price.Precision);
        AssertQuantity("0.006", trade.Size);
        Assert.Equal(AggressorSide.Buyer, trade.Aggressor); // m=false: the buyer took liquidity
        Assert.Equal(5266583935, trade.TradeId);
        Assert.Equal(Ms(1723161256322), trade.EventTime);
        Assert.Equal(Received, trade.ReceiveTime);
        Assert.Equal(BinanceTradeType.Market, parser.TradeType);
        Assert.Equal("btcusdt@trade", System.Text.Encoding.UTF8.GetString(BinanceFixtures.Read("futures/ws/trade_BTCUSDT_combined.json")[parser.StreamRange]));
    }

    [Fact]
    public void Spot_trade()
    {
        var parser = ParseFixture("spot/ws/trade_BTCUSDT_combined.json", BinanceMarket.Spot, out var kind);

        Assert.Equal(BinanceMessageKind.Trade, kind);
        var trade = parser.Trade;
        Assert.Equal("BTCUSDT.BINANCE", trade.Instrument.Value);
        AssertPrice("61837.63000000", trade.Price);
        AssertQuantity("0.02000000", trade.Size);
        Assert.Equal(AggressorSide.Seller, trade.Aggressor); // m=true: the buyer was the maker
        Assert.Equal(3735683259, trade.TradeId);
        Assert.Equal(Ms(1723161255342), trade.EventTime); // trade time T, not event time E
    }

    [Fact]
    public void Spot_trade_captured_by_nautilus_with_order_ids_and_indentation()
    {
        var parser = ParseFixture("spot/ws/nautilus_captures/ws_spot_trade.json", BinanceMarket.Spot, out var kind);

        Assert.Equal(BinanceMessageKind.Trade, kind);
        var trade = parser.Trade;
        Assert.Equal("ETHUSDT.BINANCE", trade.Instrument.Value);
        AssertPrice("4149.74000000", trade.Price);
        AssertQuantity("0.43870000", trade.Size);
        Assert.Equal(AggressorSide.Seller, trade.Aggressor);
        Assert.Equal(705291099, trade.TradeId); // "t", not the order ids "b"/"a"
        Assert.Equal(Ms(1639351062243), trade.EventTime);
    }

    [Fact]
    public void Futures_aggregate_trade()
    {
        var parser = ParseFixture("futures/ws/aggTrade_SUSHIUSDT_combined.json", BinanceMarket.UsdM, out var kind);

        Assert.Equal(BinanceMessageKind.AggTrade, kind);
        var trade = parser.Trade;
        Assert.Equal("CTKUSDT-PERP.BINANCE", trade.Instrument.Value);
        AssertPrice("1.01100", trade.Price);
        AssertQuantity("10", trade.Size);
        Assert.Equal(AggressorSide.Buyer, trade.Aggressor);
        Assert.Equal(16599292, trade.TradeId);
        Assert.Equal(Ms(1626992741421), trade.EventTime);
    }

    [Fact]
    public void Spot_aggregate_trades()
    {
        var parser = ParseFixture("spot/ws/aggTrade_combined.json", BinanceMarket.Spot, out var kind);
        Assert.Equal(BinanceMessageKind.AggTrade, kind);
        Assert.Equal("NKNUSDT.BINANCE", parser.Trade.Instrument.Value);
        AssertPrice("0.35280000", parser.Trade.Price);
        AssertQuantity("58.00000000", parser.Trade.Size);
        Assert.Equal(15683430, parser.Trade.TradeId);
        Assert.Equal(Ms(1633998523963), parser.Trade.EventTime);
        Assert.Equal(AggressorSide.Buyer, parser.Trade.Aggressor);

        parser = ParseFixture("spot/ws/nautilus_captures/ws_spot_agg_trade.json", BinanceMarket.Spot, out kind);
        Assert.Equal(BinanceMessageKind.AggTrade, kind);
        Assert.Equal("ETHUSDT.BINANCE", parser.Trade.Instrument.Value);
        AssertPrice("1632.46000000", parser.Trade.Price);
        AssertQuantity("0.34305000", parser.Trade.Size);
        Assert.Equal(226532, parser.Trade.TradeId);
        Assert.Equal(Ms(1675759520847), parser.Trade.EventTime);
    }

    [Fact]
    public void Futures_book_ticker()
    {
        var parser = ParseFixture("futures/ws/bookTicker_BTCUSDT_combined.json", BinanceMarket.UsdM, out var kind);

        Assert.Equal(BinanceMessageKind.BookTicker, kind);
        var quote = parser.Quote;
        Assert.Equal("BTCUSDT-PERP.BINANCE", quote.Instrument.Value);
        AssertPrice("61800.20", quote.BidPrice);
        AssertQuantity("2.507", quote.BidSize);
        AssertPrice("61800.30", quote.AskPrice);
        AssertQuantity("2.510", quote.AskSize);
        Assert.Equal(5123107839020, quote.UpdateId);
        Assert.Equal(Ms(1723161256313), quote.EventTime);
        Assert.Equal(Received, quote.ReceiveTime);
    }

    [Fact]
    public void Spot_book_ticker_has_no_event_type_or_time()
    {
        var parser = ParseFixture("spot/ws/bookTicker_BTCUSDT_combined.json", BinanceMarket.Spot, out var kind);

        Assert.Equal(BinanceMessageKind.BookTicker, kind);
        var quote = parser.Quote;
        Assert.Equal("BTCUSDT.BINANCE", quote.Instrument.Value);
        AssertPrice("61837.63000000", quote.BidPrice);
        AssertQuantity("3.78826000", quote.BidSize);
        AssertPrice("61837.64000000", quote.AskPrice);
        AssertQuantity("1.54698000", quote.AskSize);
        Assert.Equal(50093239212, quote.UpdateId);
        Assert.Equal(0, quote.EventTime);

        parser = ParseFixture("spot/ws/nautilus_captures/ws_spot_ticker_book.json", BinanceMarket.Spot, out kind);
        Assert.Equal(BinanceMessageKind.BookTicker, kind);
        Assert.Equal("ETHUSDT.BINANCE", parser.Quote.Instrument.Value);
        AssertPrice("4507.24000000", parser.Quote.BidPrice);
        AssertQuantity("2.35950000", parser.Quote.BidSize);
        AssertPrice("4507.25000000", parser.Quote.AskPrice);
        AssertQuantity("2.84570000", parser.Quote.AskSize);
        Assert.Equal(12711621188, parser.Quote.UpdateId);
        Assert.Equal(Ms(1646199228123), parser.Quote.EventTime);
    }

    [Fact]
    public void Futures_depth_update()
    {
        var parser = ParseFixture("futures/ws/depthUpdate_BTCUSDT_combined.json", BinanceMarket.UsdM, out var kind);

        Assert.Equal(BinanceMessageKind.DepthUpdate, kind);
        var batch = parser.Deltas;
        Assert.Equal("BTCUSDT-PERP.BINANCE", batch.Instrument.Value);
        Assert.Equal(5123108168397, batch.FirstUpdateId);
        Assert.Equal(5123108171130, batch.LastUpdateId);
        Assert.Equal(5123108168256, batch.PreviousUpdateId);
        Assert.False(batch.IsSnapshot);
        Assert.Equal(Ms(1723161260790), batch.EventTime);
        Assert.Equal(Received, batch.ReceiveTime);
        Assert.Equal(12 + 15, batch.Count);
        var deltas = batch.Deltas;
        AssertLevel(deltas[0], BookAction.Delete, OrderSide.Buy, "18542.90", "0.000");
        AssertLevel(deltas[3], BookAction.Set, OrderSide.Buy, "61350.00", "0.700");
        AssertLevel(deltas[11], BookAction.Delete, OrderSide.Buy, "61807.20", "0.000");
        AssertLevel(deltas[12], BookAction.Set, OrderSide.Sell, "61813.50", "0.155");
        AssertLevel(deltas[26], BookAction.Set, OrderSide.Sell, "65827.10", "1.518");
        Assert.Equal(4, CountWhere(deltas, d => d.Side == OrderSide.Buy && d.Action == BookAction.Delete));
        Assert.Equal(2, CountWhere(deltas, d => d.Side == OrderSide.Sell && d.Action == BookAction.Delete));
        foreach (var delta in deltas)
        {
            Assert.Equal(batch.Instrument, delta.Instrument);
            Assert.Equal(5123108171130, delta.Sequence);
            Assert.Equal(Ms(1723161260790), delta.EventTime);
            Assert.Equal(Received, delta.ReceiveTime);
        }

        Assert.Equal(26, CountWhere(deltas, d => !d.IsLast));
        Assert.True(deltas[^1].IsLast);
    }

    [Fact]
    public void Futures_depth_update_with_one_update_id_and_no_asks()
    {
        var parser = ParseFixture("futures/ws/depthUpdate_BTCUSDT_single_update_combined.json", BinanceMarket.UsdM, out var kind);

        Assert.Equal(BinanceMessageKind.DepthUpdate, kind);
        var batch = parser.Deltas;
        Assert.Equal(5123134944963, batch.FirstUpdateId);
        Assert.Equal(5123134944963, batch.LastUpdateId);
        Assert.Equal(5123134735497, batch.PreviousUpdateId);
        Assert.Equal(Ms(1723161600370), batch.EventTime);
        Assert.Equal(1, batch.Count);
        AssertLevel(batch.Deltas[0], BookAction.Set, OrderSide.Buy, "5000.00", "2.321");
        Assert.True(batch.Deltas[0].IsLast);
    }

    [Fact]
    public void Spot_depth_update_has_no_previous_id()
    {
        var parser = ParseFixture("spot/ws/depthUpdate_BTCUSDT_100ms_combined.json", BinanceMarket.Spot, out var kind);

        Assert.Equal(BinanceMessageKind.DepthUpdate, kind);
        var batch = parser.Deltas;
        Assert.Equal("BTCUSDT.BINANCE", batch.Instrument.Value);
        Assert.Equal(50093240369, batch.FirstUpdateId);
        Assert.Equal(50093240650, batch.LastUpdateId);
        Assert.Equal(-1, batch.PreviousUpdateId);
        Assert.Equal(Ms(1723161256208), batch.EventTime);
        Assert.Equal(83 + 62, batch.Count);
        AssertLevel(batch.Deltas[0], BookAction.Delete, OrderSide.Buy, "61828.01000000", "0.00000000");
        AssertLevel(batch.Deltas[82], BookAction.Set, OrderSide.Buy, "61654.57000000", "0.03072000");
        AssertLevel(batch.Deltas[83], BookAction.Set, OrderSide.Sell, "61824.01000000", "5.53080000");
        AssertLevel(batch.Deltas[144], BookAction.Delete, OrderSide.Sell, "61984.65000000", "0.00000000");
        Assert.Equal(57, CountWhere(batch.Deltas, d => d.Side == OrderSide.Buy && d.Action == BookAction.Delete));
        Assert.Equal(27, CountWhere(batch.Deltas, d => d.Side == OrderSide.Sell && d.Action == BookAction.Delete));
    }

    [Fact]
    public void Futures_partial_depth_is_a_snapshot_when_the_stream_says_so()
    {
        // The docs example is a raw payload: as a diff stream it is a depthUpdate ...
        var parser = ParseFixture("futures/ws/docs/partial_depth5_BTCUSDT_docexample.json", BinanceMarket.UsdM, out var kind);
        Assert.Equal(BinanceMessageKind.DepthUpdate, kind);
        Assert.Equal(10, parser.Deltas.Count);

        // ... and on a raw @depth5 connection it is a top-5 snapshot: a Clear, then the levels.
        parser = ParseFixture("futures/ws/docs/partial_depth5_BTCUSDT_docexample.json", BinanceMarket.UsdM, out kind, "btcusdt@depth5@100ms");
        Assert.Equal(BinanceMessageKind.PartialDepth, kind);
        var batch = parser.Deltas;
        Assert.True(batch.IsSnapshot);
        Assert.Equal(390497796, batch.FirstUpdateId);
        Assert.Equal(390497878, batch.LastUpdateId);
        Assert.Equal(390497794, batch.PreviousUpdateId);
        Assert.Equal(Ms(1571889248277), batch.EventTime);
        Assert.Equal(1 + 5 + 5, batch.Count);
        Assert.Equal(BookAction.Clear, batch.Deltas[0].Action);
        AssertLevel(batch.Deltas[1], BookAction.Set, OrderSide.Buy, "7403.89", "0.002");
        AssertLevel(batch.Deltas[5], BookAction.Set, OrderSide.Buy, "7405.43", "2.562");
        AssertLevel(batch.Deltas[6], BookAction.Set, OrderSide.Sell, "7405.96", "3.340");
        AssertLevel(batch.Deltas[10], BookAction.Set, OrderSide.Sell, "7407.20", "0.175");
        foreach (var delta in batch.Deltas)
        {
            Assert.True((delta.Flags & BookDeltaFlags.Snapshot) != 0);
        }
    }

    [Fact]
    public void Spot_partial_depth_takes_the_symbol_from_the_stream_name()
    {
        var payload = """{"lastUpdateId":160,"bids":[["0.0024","10"]],"asks":[["0.0026","100"],["0.0027","5"]]}"""u8.ToArray();
        var parser = new BinanceStreamParser(BinanceMarket.Spot, new BinanceSymbolRegistry());

        var envelope = System.Text.Encoding.UTF8.GetBytes("""{"stream":"bnbbtc@depth10@100ms","data":""" + System.Text.Encoding.UTF8.GetString(payload) + "}");
        Assert.Equal(BinanceMessageKind.PartialDepth, parser.Parse(envelope, Received));
        Assert.Equal("BNBBTC.BINANCE", parser.Deltas.Instrument.Value);
        Assert.Equal(160, parser.Deltas.LastUpdateId);
        Assert.Equal(4, parser.Deltas.Count);
        Assert.Equal(BookAction.Clear, parser.Deltas.Deltas[0].Action);
        AssertLevel(parser.Deltas.Deltas[3], BookAction.Set, OrderSide.Sell, "0.0027", "5");

        parser.UseRawStream("bnbbtc@depth10");
        Assert.Equal(BinanceMessageKind.PartialDepth, parser.Parse(payload, Received));
        Assert.Equal("BNBBTC.BINANCE", parser.Deltas.Instrument.Value);
    }

    [Fact]
    public void Futures_rest_depth_snapshot()
    {
        var body = BinanceFixtures.Read("futures/rest/depth_snapshot_BTCUSDT_limit1000_20240808.json");
        var parser = new BinanceStreamParser(BinanceMarket.UsdM, new BinanceSymbolRegistry());
        var instrument = BinanceInstrumentIds.Of(BinanceMarket.UsdM, "BTCUSDT");

        Assert.Equal(BinanceMessageKind.DepthSnapshot, parser.ParseDepthSnapshot(body, instrument, Received));
        var batch = parser.Deltas;
        Assert.True(batch.IsSnapshot);
        Assert.Equal(instrument, batch.Instrument);
        Assert.Equal(5123107852948, batch.FirstUpdateId);
        Assert.Equal(5123107852948, batch.LastUpdateId);
        Assert.Equal(-1, batch.PreviousUpdateId);
        Assert.Equal(Ms(1723161256501), batch.EventTime);
        Assert.Equal(1 + 1000 + 1000, batch.Count);
        Assert.Equal(BookAction.Clear, batch.Deltas[0].Action);
        AssertLevel(batch.Deltas[1], BookAction.Set, OrderSide.Buy, "61800.20", "2.909");
        AssertLevel(batch.Deltas[1000], BookAction.Set, OrderSide.Buy, "61653.40", "0.068");
        AssertLevel(batch.Deltas[1001], BookAction.Set, OrderSide.Sell, "61800.30", "1.072");
        AssertLevel(batch.Deltas[2000], BookAction.Set, OrderSide.Sell, "61976.20", "0.002");
        Assert.True(batch.Deltas[2000].IsLast);
        Assert.Equal(5123107852948, batch.Deltas[1500].Sequence);
    }

    [Fact]
    public void Spot_rest_depth_snapshots()
    {
        var parser = new BinanceStreamParser(BinanceMarket.Spot, new BinanceSymbolRegistry());
        var instrument = BinanceInstrumentIds.Of(BinanceMarket.Spot, "BTCUSDT");

        var kind = parser.ParseDepthSnapshot(BinanceFixtures.Read("spot/rest/depth_snapshot_BTCUSDT_limit1000_20240808.json"), instrument, Received);
        Assert.Equal(BinanceMessageKind.DepthSnapshot, kind);
        Assert.Equal(50093239218, parser.Deltas.LastUpdateId);
        Assert.Equal(0, parser.Deltas.EventTime);
        Assert.Equal(2001, parser.Deltas.Count);
        AssertLevel(parser.Deltas.Deltas[1], BookAction.Set, OrderSide.Buy, "61837.63000000", "3.78826000");
        AssertLevel(parser.Deltas.Deltas[1000], BookAction.Set, OrderSide.Buy, "61631.55000000", "0.00014000");
        AssertLevel(parser.Deltas.Deltas[1001], BookAction.Set, OrderSide.Sell, "61837.64000000", "1.54698000");
        AssertLevel(parser.Deltas.Deltas[2000], BookAction.Set, OrderSide.Sell, "62053.18000000", "0.00010000");

        kind = parser.ParseDepthSnapshot(BinanceFixtures.Read("spot/rest/nautilus_captures/http_spot_market_depth.json"), instrument, Received);
        Assert.Equal(BinanceMessageKind.DepthSnapshot, kind);
        Assert.Equal(14527958487, parser.Deltas.LastUpdateId);
        Assert.Equal(21, parser.Deltas.Count);
        AssertLevel(parser.Deltas.Deltas[1], BookAction.Set, OrderSide.Buy, "60650.00000000", "0.00213000");
        AssertLevel(parser.Deltas.Deltas[20], BookAction.Set, OrderSide.Sell, "60659.94000000", "0.96170000");

        kind = parser.ParseDepthSnapshot(BinanceFixtures.Read("spot/rest/docs/depth_response.json"), instrument, Received);
        Assert.Equal(BinanceMessageKind.DepthSnapshot, kind);
        Assert.Equal(1027024, parser.Deltas.LastUpdateId);
        AssertLevel(parser.Deltas.Deltas[1], BookAction.Set, OrderSide.Buy, "4.00000000", "431.00000000");
        AssertLevel(parser.Deltas.Deltas[2], BookAction.Set, OrderSide.Sell, "4.00000200", "12.00000000");
    }

    [Fact]
    public void Futures_klines_open_and_closed()
    {
        var parser = ParseFixture("futures/ws/kline_1m_closed_combined.json", BinanceMarket.UsdM, out var kind);
        Assert.Equal(BinanceMessageKind.Kline, kind);
        var candle = parser.Candle;
        Assert.Equal("SUSHIUSDT-PERP.BINANCE", candle.Instrument.Value);
        Assert.Equal(CandleInterval.OneMinute, candle.Interval);
        Assert.Equal(Ms(1626992700000), candle.OpenTime);
        Assert.Equal(Ms(1626992760000), candle.CloseTime); // T = ...759999 is the last millisecond; ours is exclusive
        AssertPrice("7.6080", candle.Open);
        AssertPrice("7.6180", candle.High);
        AssertPrice("7.6070", candle.Low);
        AssertPrice("7.6170", candle.Close);
        AssertQuantity("3005", candle.Volume);
        Assert.Equal("22875.8590", candle.QuoteVolume.ToString());
        Assert.Equal(113, candle.TradeCount);
        Assert.True(candle.IsClosed);
        Assert.Equal(Ms(1626992760203), candle.EventTime);

        parser = ParseFixture("futures/ws/kline_1m_open_combined.json", BinanceMarket.UsdM, out kind);
        Assert.Equal(BinanceMessageKind.Kline, kind);
        candle = parser.Candle;
        Assert.Equal("CTKUSDT-PERP.BINANCE", candle.Instrument.Value);
        AssertPrice("1.01000", candle.Open);
        AssertPrice("1.01100", candle.High);
        AssertPrice("1.01000", candle.Low);
        AssertPrice("1.01100", candle.Close);
        AssertQuantity("3917", candle.Volume);
        Assert.Equal("3957.89900", candle.QuoteVolume.ToString());
        Assert.Equal(48, candle.TradeCount);
        Assert.False(candle.IsClosed);
        Assert.Equal(Ms(1626992741424), candle.EventTime);
    }

    [Fact]
    public void Spot_kline()
    {
        var parser = ParseFixture("spot/ws/kline_1m_combined.json", BinanceMarket.Spot, out var kind);

        Assert.Equal(BinanceMessageKind.Kline, kind);
        var candle = parser.Candle;
        Assert.Equal("NKNUSDT.BINANCE", candle.Instrument.Value);
        Assert.Equal(Ms(1633998480000), candle.OpenTime);
        Assert.Equal(Ms(1633998540000), candle.CloseTime);
        AssertPrice("0.35270000", candle.Open);
        AssertPrice("0.35280000", candle.High);
        AssertPrice("0.35220000", candle.Low);
        AssertPrice("0.35280000", candle.Close);
        AssertQuantity("25877.00000000", candle.Volume);
        Assert.Equal("9116.04600000", candle.QuoteVolume.ToString());
        Assert.Equal(30, candle.TradeCount);
        Assert.False(candle.IsClosed);
    }

    [Fact]
    public void Mark_price_and_funding()
    {
        var parser = ParseFixture("futures/ws/markPriceUpdate_BTCUSDT_1s_combined.json", BinanceMarket.UsdM, out var kind);
        Assert.Equal(BinanceMessageKind.MarkPrice, kind);
        var mark = parser.MarkPrice;
        Assert.Equal("BTCUSDT-PERP.BINANCE", mark.Instrument.Value);
        AssertPrice("28147.27373413", mark.Mark);
        AssertPrice("28159.75642857", mark.Index);
        AssertPrice("28142.15563565", mark.EstimatedSettle);
        Assert.Equal(0.00002754m, mark.FundingRate);
        Assert.Equal(Ms(1680652800000), mark.NextFundingTime);
        Assert.Equal(Ms(1680652701000), mark.EventTime);

        parser = ParseFixture("futures/ws/markPriceUpdate_BTCUSDT_1s_after_funding_combined.json", BinanceMarket.UsdM, out kind);
        Assert.Equal(BinanceMessageKind.MarkPrice, kind);
        mark = parser.MarkPrice;
        AssertPrice("28155.20000000", mark.Mark);
        AssertPrice("28165.15571429", mark.Index);
        AssertPrice("28141.47001461", mark.EstimatedSettle);
        Assert.Equal(0.00002760m, mark.FundingRate);
        Assert.Equal(Ms(1680681600000), mark.NextFundingTime); // moved to 08:00 UTC after the settlement
        Assert.Equal(Ms(1680652801000), mark.EventTime);
    }

    [Fact]
    public void Liquidation_docs_example()
    {
        var parser = ParseFixture("futures/ws/docs/liquidation_stream.json", BinanceMarket.UsdM, out var kind);

        Assert.Equal(BinanceMessageKind.Liquidation, kind);
        var liquidation = parser.Liquidation;
        Assert.Equal("BTCUSDT-PERP.BINANCE", liquidation.Instrument.Value);
        Assert.Equal(OrderSide.Sell, liquidation.Side);
        AssertPrice("9910.00000000", liquidation.Price);
        AssertPrice("9910.12345678", liquidation.AveragePrice);
        AssertQuantity("0.014", liquidation.Quantity);
        AssertQuantity("0.014", liquidation.FilledQuantity);
        Assert.Equal(OrderStatus.Filled, liquidation.Status);
        Assert.Equal(Ms(1568014460893), liquidation.EventTime);
    }

    [Fact]
    public void Ticker_docs_example()
    {
        var parser = ParseFixture("futures/ws/docs/ticker_stream.json", BinanceMarket.UsdM, out var kind);

        Assert.Equal(BinanceMessageKind.Ticker, kind);
        var ticker = parser.Ticker;
        Assert.Equal("BTCUSDT-PERP.BINANCE", ticker.Instrument.Value);
        AssertPrice("-131.40000000", ticker.PriceChange);
        AssertPrice("-0.786", ticker.PriceChangePercent);
        AssertPrice("16628.97377498", ticker.WeightedAveragePrice);
        AssertPrice("16584.60000000", ticker.LastPrice);
        AssertQuantity("0.002", ticker.LastQuantity);
        AssertPrice("16716.00000000", ticker.Open);
        AssertPrice("16764.89000000", ticker.High);
        AssertPrice("16456.51000000", ticker.Low);
        AssertQuantity("122474.816", ticker.Volume);
        Assert.Equal("2036102085.69746400", ticker.QuoteVolume.ToString());
        Assert.Equal(Ms(1672429382136), ticker.OpenTime);
        Assert.Equal(Ms(1672515782136), ticker.CloseTime);
        Assert.Equal(2289691, ticker.FirstTradeId);
        Assert.Equal(2432543, ticker.LastTradeId);
        Assert.Equal(142853, ticker.TradeCount);
        Assert.Equal(Ms(1672515782136), ticker.EventTime);
    }

    [Theory]
    [InlineData("futures/ws/docs/user_data/account_update.json")]
    [InlineData("futures/ws/docs/user_data/algo_update_canceled.json")]
    [InlineData("futures/ws/docs/user_data/order_update_new.json")]
    [InlineData("futures/ws/nautilus_captures/account_update_bnfcr.json")]
    [InlineData("futures/ws/nautilus_captures/ws_futures_algo_update_finished.json")]
    [InlineData("futures/ws/nautilus_captures/ws_futures_algo_update_finished_canceled.json")]
    [InlineData("futures/ws/nautilus_captures/ws_futures_algo_update_triggered.json")]
    [InlineData("futures/ws/nautilus_captures/ws_futures_algo_update_triggering.json")]
    [InlineData("futures/ws/nautilus_captures/ws_futures_trade_lite.json")]
    [InlineData("spot/ws/docs/user_data/account_position_wrapped.json")]
    [InlineData("spot/ws/docs/user_data/balance_update_wrapped.json")]
    [InlineData("spot/ws/docs/user_data/execution_report_wrapped.json")]
    [InlineData("spot/ws/docs/user_data/list_status_wrapped.json")]
    [InlineData("spot/ws/nautilus_captures/ws_spot_execution_report_binance_us.json")]
    public void User_data_is_recognised_but_not_handled(string relative)
    {
        var market = relative.StartsWith("spot", StringComparison.Ordinal) ? BinanceMarket.Spot : BinanceMarket.UsdM;
        var parser = ParseFixture(relative, market, out var kind);

        Assert.Equal(BinanceMessageKind.UserData, kind);
        Assert.Equal(0, parser.Diagnostics.MalformedCount + parser.Diagnostics.UnknownCount);
    }

    /// <summary>
    /// Every JSON file under binance/ is read without an exception and none is malformed: market data comes out as
    /// its kind (asserted field by field above), REST bodies that are not stream messages as Unknown.
    /// </summary>
    [Fact]
    public void Every_binance_fixture_parses_or_is_recognised()
    {
        var kinds = new Dictionary<string, BinanceMessageKind>(StringComparer.Ordinal);
        foreach (var relative in BinanceFixtures.AllJson())
        {
            var market = relative.StartsWith("spot", StringComparison.Ordinal) ? BinanceMarket.Spot : BinanceMarket.UsdM;
            var parser = new BinanceStreamParser(market, new BinanceSymbolRegistry());
            var kind = parser.Parse(BinanceFixtures.Read(relative), Received);
            Assert.True(kind != BinanceMessageKind.Malformed, $"{relative}: {parser.Diagnostics.Describe()}");
            kinds[relative.Replace('\\', '/')] = kind;
        }

        Assert.Equal(BinanceMessageKind.DepthSnapshot, kinds["futures/rest/depth_snapshot_BTCUSDT_limit1000_20240808.json"]);
        Assert.Equal(BinanceMessageKind.DepthSnapshot, kinds["spot/rest/depth_snapshot_BTCUSDT_limit1000_20240808.json"]);
        Assert.Equal(BinanceMessageKind.Unknown, kinds["spot/rest/docs/ping_response.json"]);
        Assert.Equal(BinanceMessageKind.Unknown, kinds["futures/rest/exchangeInfo_fapi_20210722.json"]);
        Assert.Equal(BinanceMessageKind.Unknown, kinds["spot/rest/nautilus_captures/http_spot_market_trades.json"]);
        Assert.True(kinds.Count > 60, $"only {kinds.Count} fixtures found");
    }

    private static int CountWhere(ReadOnlySpan<BookDelta> deltas, Func<BookDelta, bool> predicate)
    {
        var count = 0;
        foreach (var delta in deltas)
        {
            count += predicate(delta) ? 1 : 0;
        }

        return count;
    }
}
