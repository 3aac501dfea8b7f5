using FlowSight.TestKit;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Parsing;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Parsing;

/// <summary>Steady-state parsing allocates nothing: a whole recording, pre-loaded, after one warm-up pass.</summary>
public sealed class BinanceStreamParserAllocationTests
{
    [Theory]
    [InlineData("hftbacktest/binance-usdm/btcusdt_20240808.gz", BinanceMarket.UsdM)]
    [InlineData("hftbacktest/binance-spot/btcusdt_20240808.gz", BinanceMarket.Spot)]
    [InlineData("hftbacktest/binance-usdm/btcusdt_20230404.dat.gz", BinanceMarket.UsdM)]
    public void Parsing_a_recording_allocates_nothing(string file, BinanceMarket market)
    {
        var frames = Recordings.ReadHftBacktest(file).Select(f => (f.Payload, f.ReceiveTime)).ToArray();
        var parser = new BinanceStreamParser(market, new BinanceSymbolRegistry()) { DefaultInstrument = BinanceInstrumentIds.Of(market, "BTCUSDT") };
        // Warm-up: JIT, the symbol's first registration, the deltas buffer growing to the 1000-level snapshot.
        var expected = ParseAll(parser, frames);

        long checksum = 0;
        var allocated = Allocations.Fewest(() => checksum = ParseAll(parser, frames));

        Assert.Equal(0, allocated);
        Assert.Equal(expected, checksum);
        Assert.Equal(0, parser.Diagnostics.MalformedCount);
    }

    [Fact]
    public void Bad_frames_and_replies_allocate_nothing_either()
    {
        var frames = new[]
        {
            """{"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","t":5,"p":"x","q":"1","m":true}}"""u8.ToArray(),
            """{"stream":"btcusdt@trade","data":{"e":"whatever","E":1}}"""u8.ToArray(),
            """{"result":null,"id":1}"""u8.ToArray(),
            """{"error":{"code":2,"msg":"Invalid request"},"id":2}"""u8.ToArray(),
            """{"e":"trade","E":1723161256322,"T":1723161256322,"s":"BTCUSDT","t":5266583935,"p":61800.30,"q":"0.006","m":false}"""u8.ToArray(),
            "\u0001garbage"u8.ToArray(),
        };
        var parser = new BinanceStreamParser(BinanceMarket.UsdM, new BinanceSymbolRegistry());
        var frameSet = frames.Select(f => (f, 1L)).ToArray();
        ParseAll(parser, frameSet);

        var rounds = 0;
        var allocated = Allocations.Fewest(() =>
        {
            rounds++;
            for (var i = 0; i < 1_000; i++)
            {
                ParseAll(parser, frameSet);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(2 + (2_000 * rounds), parser.Diagnostics.MalformedCount);
    }

    private static long ParseAll(BinanceStreamParser parser, (byte[] Payload, long ReceiveTime)[] frames)
    {
        long checksum = 0;
        foreach (var (payload, receiveTime) in frames)
        {
            checksum += parser.Parse(payload, receiveTime) switch
            {
                BinanceMessageKind.DepthUpdate or BinanceMessageKind.DepthSnapshot => parser.Deltas.Count + parser.Deltas.LastUpdateId,
                BinanceMessageKind.Trade or BinanceMessageKind.NonMarketTrade => parser.Trade.Price.Raw + parser.Trade.TradeId,
                BinanceMessageKind.BookTicker => parser.Quote.BidPrice.Raw + parser.Quote.UpdateId,
                BinanceMessageKind.MarkPrice => parser.MarkPrice.Mark.Raw,
                var kind => (long)kind,
            };
        }

        return checksum;
    }
}
