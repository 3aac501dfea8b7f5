using System.Text.Json;
using FlowSight.Core;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Parsing;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Parsing;

/// <summary>
/// An independent reading of the same frames with System.Text.Json's DOM: every field the parser reports must equal
/// the DOM's value, prices and quantities compared as the venue's strings (the parser's values formatted back).
/// </summary>
public sealed class BinanceStreamParserCrossCheckTests
{
    public static TheoryData<string, BinanceMarket, int> Samples => new()
    {
        { "hftbacktest/binance-usdm/btcusdt_20240808.gz", BinanceMarket.UsdM, 37 },
        { "hftbacktest/binance-usdm/btcusdt_20230405.dat.gz", BinanceMarket.UsdM, 41 },
        { "hftbacktest/binance-spot/btcusdt_20240808.gz", BinanceMarket.Spot, 17 },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Parsed_fields_equal_the_dom(string file, BinanceMarket market, int every)
    {
        var frames = Recordings.ReadHftBacktest(file);
        var parser = new BinanceStreamParser(market, new BinanceSymbolRegistry()) { DefaultInstrument = BinanceInstrumentIds.Of(market, "BTCUSDT") };
        var checkedFrames = 0;
        for (var i = 0; i < frames.Count; i += every)
        {
            CrossCheck(parser, frames[i]);
            checkedFrames++;
        }

        // The snapshot line too, whatever the sampling.
        foreach (var frame in frames.Where(f => f.Payload.AsSpan().StartsWith("{\"lastUpdateId\""u8)))
        {
            CrossCheck(parser, frame);
        }

        Assert.True(checkedFrames > 1_000);
    }

    [Fact]
    public void Cryptofeed_frames_equal_the_dom()
    {
        foreach (var (file, market) in new[] { ("cryptofeed/BINANCE_FUTURES.ws.1.0", BinanceMarket.UsdM), ("cryptofeed/BINANCE.ws.1.0", BinanceMarket.Spot) })
        {
            var parser = new BinanceStreamParser(market, new BinanceSymbolRegistry());
            foreach (var frame in Recordings.ReadCryptofeed(file))
            {
                CrossCheck(parser, frame);
            }
        }
    }

    private static void CrossCheck(BinanceStreamParser parser, RecordedFrame frame)
    {
        var kind = parser.Parse(frame.Payload, frame.ReceiveTime);
        using var document = JsonDocument.Parse(frame.Payload);
        var root = document.RootElement;
        var data = root.TryGetProperty("data", out var inner) ? inner : root;
        switch (kind)
        {
            case BinanceMessageKind.DepthUpdate:
                Assert.Equal(data.GetProperty("U").GetInt64(), parser.Deltas.FirstUpdateId);
                Assert.Equal(data.GetProperty("u").GetInt64(), parser.Deltas.LastUpdateId);
                Assert.Equal(data.TryGetProperty("pu", out var pu) ? pu.GetInt64() : -1, parser.Deltas.PreviousUpdateId);
                Assert.Equal(data.GetProperty("E").GetInt64() * 1_000_000, parser.Deltas.EventTime);
                Assert.Equal(data.GetProperty("s").GetString(), parser.Deltas.Instrument.Symbol.Replace("-PERP", "", StringComparison.Ordinal));
                AssertLevels(data.GetProperty("b"), data.GetProperty("a"), parser.Deltas, offset: 0);
                break;
            case BinanceMessageKind.DepthSnapshot:
                Assert.Equal(data.GetProperty("lastUpdateId").GetInt64(), parser.Deltas.LastUpdateId);
                Assert.Equal(data.TryGetProperty("E", out var e) ? e.GetInt64() * 1_000_000 : 0, parser.Deltas.EventTime);
                AssertLevels(data.GetProperty("bids"), data.GetProperty("asks"), parser.Deltas, offset: 1);
                break;
            case BinanceMessageKind.Trade or BinanceMessageKind.NonMarketTrade or BinanceMessageKind.AggTrade:
                var trade = parser.Trade;
                Assert.Equal(data.GetProperty(kind == BinanceMessageKind.AggTrade ? "a" : "t").GetInt64(), trade.TradeId);
                Assert.Equal(data.GetProperty("p").GetString(), trade.Price.ToString());
                Assert.Equal(data.GetProperty("q").GetString(), trade.Size.ToString());
                Assert.Equal(data.GetProperty("T").GetInt64() * 1_000_000, trade.EventTime);
                Assert.Equal(data.GetProperty("m").GetBoolean() ? AggressorSide.Seller : AggressorSide.Buyer, trade.Aggressor);
                Assert.Equal(frame.ReceiveTime, trade.ReceiveTime);
                break;
            case BinanceMessageKind.BookTicker:
                var quote = parser.Quote;
                Assert.Equal(data.GetProperty("u").GetInt64(), quote.UpdateId);
                Assert.Equal(data.GetProperty("b").GetString(), quote.BidPrice.ToString());
                Assert.Equal(data.GetProperty("B").GetString(), quote.BidSize.ToString());
                Assert.Equal(data.GetProperty("a").GetString(), quote.AskPrice.ToString());
                Assert.Equal(data.GetProperty("A").GetString(), quote.AskSize.ToString());
                Assert.Equal(data.TryGetProperty("E", out var quoteTime) ? quoteTime.GetInt64() * 1_000_000 : 0, quote.EventTime);
                break;
            case BinanceMessageKind.MarkPrice:
                var mark = parser.MarkPrice;
                Assert.Equal(data.GetProperty("p").GetString(), mark.Mark.ToString());
                Assert.Equal(data.GetProperty("i").GetString(), mark.Index.ToString());
                Assert.Equal(data.GetProperty("P").GetString(), mark.EstimatedSettle.ToString());
                Assert.Equal(decimal.Parse(data.GetProperty("r").GetString()!, System.Globalization.CultureInfo.InvariantCulture), mark.FundingRate);
                Assert.Equal(data.GetProperty("T").GetInt64() * 1_000_000, mark.NextFundingTime);
                break;
            case BinanceMessageKind.Kline:
                var k = data.GetProperty("k");
                var candle = parser.Candle;
                Assert.Equal(k.GetProperty("o").GetString(), candle.Open.ToString());
                Assert.Equal(k.GetProperty("h").GetString(), candle.High.ToString());
                Assert.Equal(k.GetProperty("l").GetString(), candle.Low.ToString());
                Assert.Equal(k.GetProperty("c").GetString(), candle.Close.ToString());
                Assert.Equal(k.GetProperty("v").GetString(), candle.Volume.ToString());
                Assert.Equal(k.GetProperty("q").GetString(), candle.QuoteVolume.ToString());
                Assert.Equal(k.GetProperty("n").GetInt64(), candle.TradeCount);
                Assert.Equal(k.GetProperty("x").GetBoolean(), candle.IsClosed);
                Assert.Equal(k.GetProperty("t").GetInt64() * 1_000_000, candle.OpenTime);
                Assert.Equal((k.GetProperty("T").GetInt64() + 1) * 1_000_000, candle.CloseTime);
                break;
            default:
                Assert.Fail($"line {frame.Line}: unexpected {kind}: {parser.LastReason}");
                break;
        }
    }

    private static void AssertLevels(JsonElement bids, JsonElement asks, BookDeltas batch, int offset)
    {
        var deltas = batch.Deltas;
        Assert.Equal(bids.GetArrayLength() + asks.GetArrayLength() + offset, deltas.Length);
        var i = offset;
        foreach (var (levels, side) in new[] { (bids, OrderSide.Buy), (asks, OrderSide.Sell) })
        {
            foreach (var level in levels.EnumerateArray())
            {
                var delta = deltas[i++];
                Assert.Equal(side, delta.Side);
                Assert.Equal(level[0].GetString(), delta.Price.ToString());
                Assert.Equal(level[1].GetString(), delta.Size.ToString());
                Assert.Equal(decimal.Parse(level[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture) == 0 ? BookAction.Delete : BookAction.Set, delta.Action);
            }
        }
    }
}
