using System.Text;
using FlowSight.Core;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Parsing;
using FlowSight.Venues.Network;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Parsing;

/// <summary>
/// Bad and unusual input: the parser never throws, reports Malformed/Unknown with a reason, counts and samples it,
/// and reads well-formed variations (key order, whitespace, quoted or bare numbers, extra fields) the same way.
/// </summary>
public sealed class BinanceStreamParserRobustnessTests
{
    private const string Trade =
        """{"stream":"btcusdt@trade","data":{"e":"trade","E":1723161256322,"T":1723161256322,"s":"BTCUSDT","t":5266583935,"p":"61800.30","q":"0.006","X":"MARKET","m":false}}""";

    private const string Depth =
        """{"stream":"btcusdt@depth@0ms","data":{"e":"depthUpdate","E":1723161600370,"T":1723161600319,"s":"BTCUSDT","U":5123134944963,"u":5123134944965,"pu":5123134735497,"b":[["5000.00","2.321"],["4999.90","0.000"]],"a":[["5001.10","1.000"]]}}""";

    private static BinanceStreamParser NewParser(BinanceMarket market = BinanceMarket.UsdM, BinanceUnknownSymbolPolicy policy = BinanceUnknownSymbolPolicy.RegisterOnFirstSight) =>
        new(market, new BinanceSymbolRegistry(policy));

    private static BinanceMessageKind Parse(BinanceStreamParser parser, string frame) => parser.Parse(Encoding.UTF8.GetBytes(frame), 42);

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n\t ")]
    [InlineData("hello")]
    [InlineData("{")]
    [InlineData("[")]
    [InlineData("}")]
    [InlineData("{\"stream\":")]
    [InlineData("{\"stream\":\"btcusdt@trade\"")]
    [InlineData("{\"stream\":\"btcusdt@trade\",\"data\":")]
    [InlineData("{\"stream\":\"btcusdt@trade\",\"data\":{}")]
    [InlineData("{\"e\":\"trade\",,}")]
    [InlineData("{,\"e\":\"trade\"}")]
    [InlineData("{\"e\" \"trade\"}")]
    [InlineData("{\"e\":\"trade\"} trailing")]
    [InlineData("{\"e\":\"trade\"}{\"e\":\"trade\"}")]
    [InlineData("{\"stream\":\"btcusdt@trade\"}")]
    [InlineData("{\"e\":tru}")]
    [InlineData("{\"e\":\"depthUpdate\",\"b\":[[\"1.0\"]]}")]
    [InlineData("\u0001\u0002\u0003")]
    public void Garbage_and_broken_json_are_malformed(string frame)
    {
        var parser = NewParser();

        Assert.Equal(BinanceMessageKind.Malformed, Parse(parser, frame));
        Assert.NotNull(parser.LastReason);
        Assert.Equal(1, parser.Diagnostics.MalformedCount);
        Assert.Equal(BinanceMessageKind.Malformed, parser.Diagnostics.LastKind);
    }

    [Fact]
    public void Every_truncation_of_real_frames_is_malformed_and_never_throws()
    {
        var frames = new[]
        {
            BinanceFixtures.Read("futures/ws/trade_BTCUSDT_combined.json"),
            BinanceFixtures.Read("futures/ws/depthUpdate_BTCUSDT_combined.json"),
            BinanceFixtures.Read("spot/ws/bookTicker_BTCUSDT_combined.json"),
            BinanceFixtures.Read("futures/ws/kline_1m_closed_combined.json"),
            BinanceFixtures.Read("futures/ws/markPriceUpdate_BTCUSDT_1s_combined.json"),
            BinanceFixtures.Read("futures/ws/docs/liquidation_stream.json"),
            BinanceFixtures.Read("futures/ws/docs/ticker_stream.json"),
            BinanceFixtures.Read("spot/rest/nautilus_captures/http_spot_market_depth.json"),
        };
        var parser = NewParser();
        var expected = 0;
        foreach (var frame in frames)
        {
            var trimmed = frame.AsSpan().TrimEnd("\r\n "u8);
            Assert.NotEqual(BinanceMessageKind.Malformed, parser.Parse(trimmed, 1));
            for (var length = 0; length < trimmed.Length; length++)
            {
                var kind = parser.Parse(trimmed[..length], 1);
                Assert.True(kind == BinanceMessageKind.Malformed, $"prefix of {length} bytes: {kind}");
                expected++;
            }
        }

        Assert.Equal(expected, parser.Diagnostics.MalformedCount);
    }

    [Fact]
    public void Random_corruption_never_throws()
    {
        var frames = BinanceFixtures.AllJson().Where(f => f.Contains("/ws/", StringComparison.Ordinal)).Select(BinanceFixtures.Read).ToArray();
        var parser = NewParser();
        var random = new Random(20240808);
        var counted = 0L;
        for (var round = 0; round < 20_000; round++)
        {
            var frame = (byte[])frames[random.Next(frames.Length)].Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                frame[random.Next(frame.Length)] = (byte)random.Next(256);
            }

            var kind = parser.Parse(frame.AsSpan(0, random.Next(frame.Length + 1)), round);
            counted += kind is BinanceMessageKind.Malformed or BinanceMessageKind.Unknown or BinanceMessageKind.UnknownSymbol ? 1 : 0;
        }

        var diagnostics = parser.Diagnostics;
        Assert.Equal(counted, diagnostics.MalformedCount + diagnostics.UnknownCount + diagnostics.UnknownSymbolCount);
        Assert.True(diagnostics.MalformedCount > 10_000);
    }

    [Theory]
    [InlineData("\"p\":\"61800.30\"", "\"p\":true", "trade: p is not a decimal")]
    [InlineData("\"p\":\"61800.30\"", "\"p\":\"61,800.30\"", "trade: p is not a decimal")]
    [InlineData("\"p\":\"61800.30\"", "\"p\":\"1e5\"", "trade: p is not a decimal")]
    [InlineData("\"p\":\"61800.30\"", "\"p\":\"\"", "trade: p is not a decimal")]
    [InlineData("\"q\":\"0.006\"", "\"q\":\"-0.006\"", "trade: q is not a non-negative decimal")]
    [InlineData("\"q\":\"0.006\"", "\"q\":\"0.0060000000\"", "trade: q is not a non-negative decimal")]
    [InlineData("\"t\":5266583935", "\"t\":\"abc\"", "trade: t is not an integer")]
    [InlineData("\"t\":5266583935", "\"t\":52665.83935", "trade: t is not an integer")]
    [InlineData("\"t\":5266583935", "\"t\":99999999999999999999", "trade: t is not an integer")]
    [InlineData("\"m\":false", "\"m\":0", "trade: m is not a boolean")]
    [InlineData("\"s\":\"BTCUSDT\"", "\"s\":7", "trade: s is not a string")]
    [InlineData("\"T\":1723161256322", "\"T\":\"soon\"", "trade: T is not a time")]
    [InlineData("\"E\":1723161256322", "\"E\":-1", "trade: E is not a time")]
    [InlineData(",\"m\":false", "", "trade without one of s, t, p, q, m, T")]
    public void Wrong_types_and_missing_fields_are_malformed_with_a_reason(string field, string replacement, string reason)
    {
        var parser = NewParser();

        Assert.Equal(BinanceMessageKind.Malformed, Parse(parser, Trade.Replace(field, replacement, StringComparison.Ordinal)));
        Assert.Equal(reason, parser.LastReason);
    }

    [Theory]
    [InlineData("\"b\":[[\"5000.00\",\"2.321\"],[\"4999.90\",\"0.000\"]]", "\"b\":\"none\"", "levels are not an array")]
    [InlineData("\"b\":[[\"5000.00\",\"2.321\"],[\"4999.90\",\"0.000\"]]", "\"b\":[\"5000.00\"]", "a level is not an array")]
    [InlineData("\"b\":[[\"5000.00\",\"2.321\"],[\"4999.90\",\"0.000\"]]", "\"b\":[[\"x\",\"2.321\"]]", "a level's price is not a decimal")]
    [InlineData("\"b\":[[\"5000.00\",\"2.321\"],[\"4999.90\",\"0.000\"]]", "\"b\":[[\"5000.00\",\"-2\"]]", "a level's quantity is not a non-negative decimal")]
    [InlineData("\"b\":[[\"5000.00\",\"2.321\"],[\"4999.90\",\"0.000\"]]", "\"b\":[[\"5000.00\"]]", "a level has no quantity")]
    [InlineData("\"b\":[[\"5000.00\",\"2.321\"],[\"4999.90\",\"0.000\"]]", "\"b\":[[\"5000.00\",\"2.321\"}]", "a level is not closed")]
    [InlineData(",\"pu\":5123134735497", "", "depthUpdate without one of E, s, U, u, pu, b, a")]
    [InlineData("\"U\":5123134944963", "\"U\":null", "depthUpdate: U is not an integer")]
    public void Broken_depth_updates_are_malformed_with_a_reason(string field, string replacement, string reason)
    {
        var parser = NewParser();

        Assert.Equal(BinanceMessageKind.Malformed, Parse(parser, Depth.Replace(field, replacement, StringComparison.Ordinal)));
        Assert.Equal(reason, parser.LastReason);
    }

    [Fact]
    public void The_sample_keeps_the_first_bytes_of_the_last_bad_frame()
    {
        var parser = NewParser();
        var bad = "{\"stream\":\"btcusdt@depth@0ms\",\"data\":{\"e\":\"depthUpdate\"," + new string('x', 400);

        Parse(parser, "nope");
        Parse(parser, Trade);
        Parse(parser, bad);

        var diagnostics = parser.Diagnostics;
        Assert.Equal(2, diagnostics.MalformedCount);
        Assert.Equal(FrameDiagnostics<BinanceMessageKind>.SampleCapacity, diagnostics.LastSample.Length);
        Assert.Equal(bad[..FrameDiagnostics<BinanceMessageKind>.SampleCapacity], Encoding.UTF8.GetString(diagnostics.LastSample));
        Assert.Equal(bad.Length, diagnostics.LastFrameLength);
        Assert.True(diagnostics.LastErrorPosition > 0);
        var line = diagnostics.Describe();
        Assert.StartsWith("2 malformed, 0 unknown, 0 unknown symbol; last Malformed: ", line, StringComparison.Ordinal);
        Assert.Contains("sample: {\"stream\":\"btcusdt@depth@0ms\"", line, StringComparison.Ordinal);

        diagnostics.Reset();
        Assert.Equal(0, diagnostics.MalformedCount);
        Assert.True(diagnostics.LastSample.IsEmpty);
    }

    [Fact]
    public void Unknown_events_and_shapes_are_counted_apart_from_malformed_ones()
    {
        var parser = NewParser();

        Assert.Equal(BinanceMessageKind.Unknown, Parse(parser, """{"stream":"btcusdt@compositeIndex","data":{"e":"compositeIndex","E":1602310596000,"s":"DEFIUSDT","p":"554.4","c":[{"b":"BAL","w":"1.04","W":"0.02"}]}}"""));
        Assert.Equal("unknown event type", parser.LastReason);
        Assert.Equal(BinanceMessageKind.Unknown, Parse(parser, """{"serverTime":1499827319559}"""));
        Assert.Equal(BinanceMessageKind.Unknown, Parse(parser, "{}"));
        Assert.Equal(BinanceMessageKind.Unknown, Parse(parser, "[1,2,3]"));
        Assert.Equal(BinanceMessageKind.Unknown, Parse(parser, "[]"));

        Assert.Equal(5, parser.Diagnostics.UnknownCount);
        Assert.Equal(0, parser.Diagnostics.MalformedCount);
    }

    [Fact]
    public void Server_shutdown_is_its_own_kind()
    {
        var parser = NewParser(BinanceMarket.Spot);

        Assert.Equal(BinanceMessageKind.ServerShutdown, Parse(parser, """{"e":"serverShutdown","E":1741305600000}"""));
        Assert.Equal(0, parser.Diagnostics.UnknownCount);
    }

    [Fact]
    public void Extra_fields_of_any_type_are_skipped()
    {
        var parser = NewParser();
        Assert.Equal(BinanceMessageKind.Trade, Parse(parser, Trade));
        var expected = parser.Trade;

        var extended = Trade.Replace(
            "\"s\":\"BTCUSDT\"",
            "\"zz\":{\"nested\":[1,2.5e-3,{\"x\":null}],\"t\":\"not the id\"},\"s\":\"BTCUSDT\",\"note\":\"a \\\"quoted\\\" \\\\ string\",\"ok\":true,\"no\":false,\"n\":null,\"big\":-1.5E+10",
            StringComparison.Ordinal);

        Assert.Equal(BinanceMessageKind.Trade, Parse(parser, extended));
        Assert.Equal(expected with { ReceiveTime = 42 }, parser.Trade);
    }

    [Fact]
    public void Numbers_may_be_quoted_or_bare()
    {
        var parser = NewParser();
        Assert.Equal(BinanceMessageKind.Trade, Parse(parser, Trade));
        var expected = parser.Trade;

        var swapped = Trade
            .Replace("\"t\":5266583935", "\"t\":\"5266583935\"", StringComparison.Ordinal)
            .Replace("\"E\":1723161256322", "\"E\":\"1723161256322\"", StringComparison.Ordinal)
            .Replace("\"p\":\"61800.30\"", "\"p\":61800.30", StringComparison.Ordinal)
            .Replace("\"q\":\"0.006\"", "\"q\": 0.006 ", StringComparison.Ordinal);

        Assert.Equal(BinanceMessageKind.Trade, Parse(parser, swapped));
        Assert.Equal(expected, parser.Trade);
        Assert.Equal(2, parser.Trade.Price.Precision);
        Assert.Equal(3, parser.Trade.Size.Precision);
    }

    [Fact]
    public void Depth_with_bare_numbers_and_whitespace_parses_the_same()
    {
        var parser = NewParser();
        Assert.Equal(BinanceMessageKind.DepthUpdate, Parse(parser, Depth));
        var expected = parser.Deltas.Deltas.ToArray();

        var spaced = "\n{ \"stream\" : \"btcusdt@depth@0ms\" ,\r\n \"data\" : { \"e\" : \"depthUpdate\" , \"E\" : 1723161600370 , \"T\" : 1723161600319 ,"
            + " \"s\" : \"BTCUSDT\" , \"U\" : \"5123134944963\" , \"u\" : 5123134944965 , \"pu\" : 5123134735497 ,"
            + " \"b\" : [ [ 5000.00 , \"2.321\" ] ,\t[ \"4999.90\" , 0.000 ] ] , \"a\" : [ [\"5001.10\",\"1.000\"] ] } }\n";

        Assert.Equal(BinanceMessageKind.DepthUpdate, Parse(parser, spaced));
        Assert.Equal(expected, parser.Deltas.Deltas.ToArray());
        Assert.Equal(5123134944963, parser.Deltas.FirstUpdateId);
    }

    [Fact]
    public void Key_order_does_not_matter()
    {
        var parser = NewParser();
        Assert.Equal(BinanceMessageKind.DepthUpdate, Parse(parser, Depth));
        var expected = parser.Deltas.Deltas.ToArray();
        var header = (parser.Deltas.FirstUpdateId, parser.Deltas.LastUpdateId, parser.Deltas.PreviousUpdateId, parser.Deltas.EventTime);

        // Levels before the header they need, "e" last, and "data" before "stream".
        var reordered = """{"data":{"a":[["5001.10","1.000"]],"b":[["5000.00","2.321"],["4999.90","0.000"]],"pu":5123134735497,"u":5123134944965,"U":5123134944963,"s":"BTCUSDT","T":1723161600319,"E":1723161600370,"e":"depthUpdate"},"stream":"btcusdt@depth@0ms"}""";

        Assert.Equal(BinanceMessageKind.DepthUpdate, Parse(parser, reordered));
        Assert.Equal(header, (parser.Deltas.FirstUpdateId, parser.Deltas.LastUpdateId, parser.Deltas.PreviousUpdateId, parser.Deltas.EventTime));
        var actual = parser.Deltas.Deltas.ToArray();
        Assert.Equal(expected.Length, actual.Length);
        // Asks came first in the frame, so the order differs; the set of changes and the Last flag do not.
        Assert.Equal(
            expected.Select(d => d with { Flags = BookDeltaFlags.None }).OrderBy(d => d.Side).ThenBy(d => d.Price),
            actual.Select(d => d with { Flags = BookDeltaFlags.None }).OrderBy(d => d.Side).ThenBy(d => d.Price));
        Assert.True(actual[^1].IsLast);

        // A trade with its fields reversed.
        Assert.Equal(BinanceMessageKind.Trade, Parse(parser, Trade));
        var trade = parser.Trade;
        Assert.Equal(BinanceMessageKind.Trade, Parse(parser, """{"stream":"btcusdt@trade","data":{"m":false,"X":"MARKET","q":"0.006","p":"61800.30","t":5266583935,"s":"BTCUSDT","T":1723161256322,"E":1723161256322,"e":"trade"}}"""));
        Assert.Equal(trade, parser.Trade);

        // A REST snapshot with E after the levels.
        var instrument = BinanceInstrumentIds.Of(BinanceMarket.UsdM, "BTCUSDT");
        Assert.Equal(BinanceMessageKind.DepthSnapshot, parser.ParseDepthSnapshot("""{"bids":[["1.0","2"]],"asks":[],"E":1000,"lastUpdateId":7}"""u8, instrument, 5));
        Assert.All(parser.Deltas.Deltas.ToArray(), d => Assert.Equal((7L, 1000L * 1_000_000), (d.Sequence, d.EventTime)));
    }

    [Fact]
    public void A_raw_frame_parses_like_its_envelope()
    {
        var parser = NewParser();
        Assert.Equal(BinanceMessageKind.Trade, Parse(parser, Trade));
        var expected = parser.Trade;
        var raw = Trade["{\"stream\":\"btcusdt@trade\",\"data\":".Length..^1];

        Assert.Equal(BinanceMessageKind.Trade, Parse(parser, raw));
        Assert.Equal(expected, parser.Trade);
        Assert.Equal(default, parser.StreamRange);
    }

    [Fact]
    public void Level_arrays_with_extra_elements_are_read()
    {
        var parser = NewParser(BinanceMarket.Spot);
        var instrument = BinanceInstrumentIds.Of(BinanceMarket.Spot, "BTCUSDT");

        // Old spot REST snapshots carried a third, ignored element per level.
        var kind = parser.ParseDepthSnapshot("""{"lastUpdateId":1027024,"bids":[["4.00000000","431.00000000",[]]],"asks":[["4.00000200","12.00000000",[], "x"]]}"""u8, instrument, 1);

        Assert.Equal(BinanceMessageKind.DepthSnapshot, kind);
        Assert.Equal(3, parser.Deltas.Count);
        Assert.Equal("12.00000000", parser.Deltas.Deltas[2].Size.ToString());
    }

    [Fact]
    public void Deep_nesting_is_refused_without_overflowing_the_stack()
    {
        var parser = NewParser();
        var deep = "{\"e\":\"trade\",\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}";

        Assert.Equal(BinanceMessageKind.Malformed, Parse(parser, deep));
        Assert.Equal("nested too deeply", parser.LastReason);
    }

    [Fact]
    public void Unknown_symbols_are_refused_under_the_report_policy()
    {
        var registry = new BinanceSymbolRegistry(BinanceUnknownSymbolPolicy.Report);
        var parser = new BinanceStreamParser(BinanceMarket.UsdM, registry);

        Assert.Equal(BinanceMessageKind.UnknownSymbol, parser.Parse(Encoding.UTF8.GetBytes(Trade), 1));
        Assert.Equal("symbol not registered", parser.LastReason);
        Assert.Equal(1, parser.Diagnostics.UnknownSymbolCount);

        registry.Register(BinanceMarket.UsdM, "BTCUSDT");
        Assert.Equal(BinanceMessageKind.Trade, parser.Parse(Encoding.UTF8.GetBytes(Trade), 1));
        Assert.Equal("BTCUSDT-PERP.BINANCE", parser.Trade.Instrument.Value);
    }

    [Fact]
    public void A_symbol_that_cannot_be_an_instrument_id_is_an_unknown_symbol()
    {
        var parser = NewParser(BinanceMarket.Spot);
        // Binance has listed symbols in Chinese characters; an InstrumentId only takes ASCII letters, digits and -_/:.
        var frame = Trade.Replace("\"BTCUSDT\"", "\"币安人生USDT\"", StringComparison.Ordinal);

        Assert.Equal(BinanceMessageKind.UnknownSymbol, Parse(parser, frame));
        Assert.Equal("symbol cannot name an instrument", parser.LastReason);
        Assert.Equal(BinanceMessageKind.UnknownSymbol, Parse(parser, frame));
        Assert.Equal(2, parser.Diagnostics.UnknownSymbolCount);
    }

    [Fact]
    public void Subscription_replies_are_control_messages()
    {
        var parser = NewParser();

        var ack = """{"result":null,"id":1}"""u8;
        Assert.Equal(BinanceMessageKind.Result, parser.Parse(ack, 1));
        Assert.Equal(1, parser.Control.Id);
        Assert.Equal(BinanceResultShape.Null, parser.Control.ResultShape);

        var list = """{"result":["btcusdt@aggTrade","btcusdt@depth"],"id":3}"""u8;
        Assert.Equal(BinanceMessageKind.Result, parser.Parse(list, 1));
        Assert.Equal(3, parser.Control.Id);
        Assert.Equal(BinanceResultShape.Array, parser.Control.ResultShape);
        Assert.Equal("[\"btcusdt@aggTrade\",\"btcusdt@depth\"]", Encoding.UTF8.GetString(list[parser.Control.ResultRange]));

        var reversed = """{ "id" : 12 , "result" : true }"""u8;
        Assert.Equal(BinanceMessageKind.Result, parser.Parse(reversed, 1));
        Assert.Equal(12, parser.Control.Id);
        Assert.Equal(BinanceResultShape.Other, parser.Control.ResultShape);

        var error = """{"error":{"code":2,"msg":"Invalid request: unknown variable"},"id":7}"""u8;
        Assert.Equal(BinanceMessageKind.Error, parser.Parse(error, 1));
        Assert.Equal(7, parser.Control.Id);
        Assert.Equal(2, parser.Control.ErrorCode);
        Assert.Equal("Invalid request: unknown variable", Encoding.UTF8.GetString(error[parser.Control.ErrorMessageRange]));

        var flat = """{"code":-1121,"msg":"Invalid symbol."}"""u8;
        Assert.Equal(BinanceMessageKind.Error, parser.Parse(flat, 1));
        Assert.Equal(-1121, parser.Control.ErrorCode);
        Assert.Equal(-1, parser.Control.Id);
        Assert.Equal("Invalid symbol.", Encoding.UTF8.GetString(flat[parser.Control.ErrorMessageRange]));

        var stringId = """{"result":null,"id":"sub-42"}"""u8;
        Assert.Equal(BinanceMessageKind.Result, parser.Parse(stringId, 1));
        Assert.Equal(-1, parser.Control.Id);
        Assert.Equal("sub-42", Encoding.UTF8.GetString(stringId[parser.Control.IdRange]));

        Assert.Equal(0, parser.Diagnostics.MalformedCount + parser.Diagnostics.UnknownCount);
    }

    [Fact]
    public void All_market_arrays_fill_their_outputs()
    {
        var parser = NewParser();
        var markPrices = """{"stream":"!markPrice@arr@1s","data":[{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT","p":"11794.15000000","i":"11784.62659091","P":"11784.25641265","r":"0.00038167","T":1562306400000},{"s":"ETHUSDT","e":"markPriceUpdate","E":1562305380000,"p":"300.10","i":"300.00","P":"","r":"","T":0}]}""";

        Assert.Equal(BinanceMessageKind.MarkPriceArray, Parse(parser, markPrices));
        Assert.Equal(2, parser.MarkPrices.Length);
        Assert.Equal("BTCUSDT-PERP.BINANCE", parser.MarkPrices[0].Instrument.Value);
        Assert.Equal(0.00038167m, parser.MarkPrices[0].FundingRate);
        Assert.Equal("ETHUSDT-PERP.BINANCE", parser.MarkPrices[1].Instrument.Value);
        Assert.Equal("300.10", parser.MarkPrices[1].Mark.ToString());
        Assert.Equal(0m, parser.MarkPrices[1].FundingRate); // "" on delivery contracts
        Assert.Equal(default, parser.MarkPrices[1].EstimatedSettle);

        var ticker = Encoding.UTF8.GetString(BinanceFixtures.Read("futures/ws/docs/ticker_stream.json"));
        var tickers = "{\"stream\":\"!ticker@arr\",\"data\":[" + ticker + "," + ticker.Replace("BTCUSDT", "ETHUSDT", StringComparison.Ordinal) + "]}";
        Assert.Equal(BinanceMessageKind.TickerArray, Parse(parser, tickers));
        Assert.Equal(2, parser.Tickers.Length);
        Assert.Equal("ETHUSDT-PERP.BINANCE", parser.Tickers[1].Instrument.Value);
        Assert.Equal(142853, parser.Tickers[1].TradeCount);
    }

    [Fact]
    public void All_market_book_ticker_resolves_each_symbol()
    {
        var parser = NewParser();
        string[] symbols = ["BTCUSDT", "ETHUSDT", "BTCUSDT_240927", "1000SHIBUSDT", "BTCUSDT"];
        foreach (var symbol in symbols)
        {
            var frame = """{"stream":"!bookTicker","data":{"e":"bookTicker","u":400900217,"E":1568014460893,"T":1568014460891,"s":"SYMBOL","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}}"""
                .Replace("SYMBOL", symbol, StringComparison.Ordinal);
            Assert.Equal(BinanceMessageKind.BookTicker, Parse(parser, frame));
            Assert.Equal(symbol.Contains('_', StringComparison.Ordinal) ? symbol + ".BINANCE" : symbol + "-PERP.BINANCE", parser.Quote.Instrument.Value);
        }
    }

    [Fact]
    public void Coin_margined_depth_keeps_the_symbol()
    {
        var parser = NewParser(BinanceMarket.CoinM);
        var frame = """{"stream":"btcusd_perp@depth@100ms","data":{"e":"depthUpdate","E":1591270260907,"T":1591270260891,"s":"BTCUSD_PERP","ps":"BTCUSD","U":17285681,"u":17285702,"pu":17285675,"b":[["9517.6","10"]],"a":[["9518.5","45"]]}}""";

        Assert.Equal(BinanceMessageKind.DepthUpdate, Parse(parser, frame));
        Assert.Equal("BTCUSD_PERP.BINANCE", parser.Deltas.Instrument.Value);
        Assert.Equal(17285675, parser.Deltas.PreviousUpdateId);
    }

    [Fact]
    public void Futures_depth_without_pu_is_malformed_but_spot_does_not_need_it()
    {
        var withoutPu = Depth.Replace(",\"pu\":5123134735497", "", StringComparison.Ordinal);

        Assert.Equal(BinanceMessageKind.Malformed, Parse(NewParser(BinanceMarket.UsdM), withoutPu));
        var spot = NewParser(BinanceMarket.Spot);
        Assert.Equal(BinanceMessageKind.DepthUpdate, Parse(spot, withoutPu));
        Assert.Equal(-1, spot.Deltas.PreviousUpdateId);
    }
}
