using System.Text;
using FlowSight.Core;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Parsing;
using FsCheck.Xunit;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Parsing;

/// <summary>
/// The scanner's fused decimal reader agrees with Core's <see cref="Price.TryParse(ReadOnlySpan{byte}, out Price, out FixedPointError)"/>
/// on every text, quoted or bare: same value and precision when Core accepts it, a malformed frame when Core refuses it.
/// </summary>
[Properties(Arbitrary = [typeof(PriceTextArbitraries)], Replay = "(20240808,1013904223)", MaxTest = 2_000)]
public sealed class BinanceDecimalParsingProperties
{
    private static readonly BinanceStreamParser Parser = new(BinanceMarket.UsdM, new BinanceSymbolRegistry());

    [Property]
    public void Quoted_prices_parse_as_core_parses_them(PriceText text) => Check(text.Value, quoted: true);

    [Property]
    public void Bare_prices_parse_as_core_parses_them(PriceText text)
    {
        if (text.Value.Length > 0)
        {
            Check(text.Value, quoted: false);
        }
    }

    [Property]
    public void Depth_levels_parse_as_core_parses_them(PriceText price, PriceText size)
    {
        // Each pair appears at the start, in the middle and at the end of a side (the vector reader needs 40 bytes
        // after a level, so the last level of a frame takes the scalar reader): every position must agree.
        var level = "[\"" + price.Value + "\",\"" + size.Value + "\"]";
        var frame = Encoding.UTF8.GetBytes(
            """{"e":"depthUpdate","E":1,"T":2,"s":"BTCUSDT","U":3,"u":4,"pu":2,"b":[""" + level + """,["61800.30","0.006"],""" + level
            + """],"a":[["61800.40","12.345"],""" + level + "]}");
        var priceOk = Price.TryParse(Encoding.UTF8.GetBytes(price.Value), out var expectedPrice, out _);
        var sizeOk = Quantity.TryParse(Encoding.UTF8.GetBytes(size.Value), out var expectedSize, out _);
        lock (Parser)
        {
            var kind = Parser.Parse(frame, 0);
            if (!priceOk || !sizeOk)
            {
                Assert.Equal(BinanceMessageKind.Malformed, kind);
                return;
            }

            Assert.Equal(BinanceMessageKind.DepthUpdate, kind);
            var deltas = Parser.Deltas.Deltas;
            Assert.Equal(5, deltas.Length);
            foreach (var at in new[] { 0, 2, 4 })
            {
                Assert.Equal((expectedPrice.Raw, expectedPrice.Precision), (deltas[at].Price.Raw, deltas[at].Price.Precision));
                Assert.Equal((expectedSize.Raw, expectedSize.Precision), (deltas[at].Size.Raw, deltas[at].Size.Precision));
            }

            Assert.Equal(("61800.30", "0.006"), (deltas[1].Price.ToString(), deltas[1].Size.ToString()));
            Assert.Equal(("61800.40", "12.345"), (deltas[3].Price.ToString(), deltas[3].Size.ToString()));
        }
    }

    private static void Check(string text, bool quoted)
    {
        var value = quoted ? "\"" + text + "\"" : text;
        var frame = Encoding.UTF8.GetBytes("""{"e":"trade","E":1,"T":2,"s":"BTCUSDT","t":3,"p":""" + value + ""","q":"1","m":true}""");
        lock (Parser)
        {
            var kind = Parser.Parse(frame, 0);
            if (Price.TryParse(Encoding.UTF8.GetBytes(text), out var expected, out _))
            {
                Assert.Equal(BinanceMessageKind.Trade, kind);
                Assert.Equal((expected.Raw, expected.Precision), (Parser.Trade.Price.Raw, Parser.Trade.Price.Precision));
            }
            else
            {
                Assert.Equal(BinanceMessageKind.Malformed, kind);
            }
        }
    }
}
