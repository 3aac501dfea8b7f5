using System.Text;
using FlowSight.Core;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Parsing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Parsing;

/// <summary>A candidate price text for a frame, mostly digits, dots and signs.</summary>
public readonly record struct PriceText(string Value)
{
    public override string ToString() => $"\"{Value}\"";
}

public static class PriceTextArbitraries
{
    public static Arbitrary<PriceText> PriceText()
    {
        var alphabet = "000011122345678999..-+e".ToCharArray();
        var random = Gen.Choose(0, 24).SelectMany(length => Gen.ArrayOf(Gen.Elements(alphabet), length)).Select(chars => new string(chars));
        var raw = Gen.Zip(Gen.Choose(0, 999_999_999), Gen.Choose(0, 999_999_999), (high, low) => ((long)high * 1_000_000_000L) + low);
        var wellFormed = Gen.Zip(raw, Gen.Choose(0, 9), (value, precision) => Price.FromRaw(value, (byte)precision).ToString());
        var padded = Gen.Zip(Gen.Choose(0, 12), Gen.Choose(1, 9_999_999),
            (zeros, value) => new string('0', zeros) + value.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".5");
        return Arb.From(
            Gen.Frequency((3, random), (3, wellFormed), (1, padded)).Select(text => new PriceText(text)),
            t => Enumerable.Range(0, t.Value.Length).Select(i => new PriceText(t.Value.Remove(i, 1))));
    }
}

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

/// <summary>
/// Every layout of a short decimal the fast paths special-case (1-17 characters, the dot anywhere or nowhere,
/// digits on either side or not) in a trade price and in a depth level, against Core's parser.
/// </summary>
public sealed class BinanceDecimalLayoutTests
{
    [Fact]
    public void Every_short_layout_parses_as_core_parses_it()
    {
        var parser = new BinanceStreamParser(BinanceMarket.UsdM, new BinanceSymbolRegistry());
        var random = new Random(61800);
        var checkedTexts = 0;
        for (var length = 1; length <= 17; length++)
        {
            for (var dot = -1; dot < length; dot++)
            {
                for (var fill = 0; fill < 12; fill++)
                {
                    var chars = new char[length];
                    for (var k = 0; k < length; k++)
                    {
                        chars[k] = (char)('0' + (fill == 0 ? 9 : fill == 1 ? 0 : random.Next(10)));
                    }

                    if (dot >= 0)
                    {
                        chars[dot] = '.';
                    }

                    var text = new string(chars);
                    Check(parser, text);
                    Check(parser, "-" + text);
                    checkedTexts += 2;
                }
            }
        }

        Assert.True(checkedTexts > 3_000);
    }

    private static void Check(BinanceStreamParser parser, string text)
    {
        var ok = Price.TryParse(Encoding.UTF8.GetBytes(text), out var expected, out _);
        var quantityOk = ok && expected.Raw >= 0;

        var trade = Encoding.UTF8.GetBytes("""{"e":"trade","E":1,"T":2,"s":"BTCUSDT","t":3,"p":"PRICE","q":"1","m":true}""".Replace("PRICE", text, StringComparison.Ordinal));
        var kind = parser.Parse(trade, 0);
        Assert.True(ok == (kind == BinanceMessageKind.Trade), $"trade price \"{text}\": {kind}, core {(ok ? "accepts" : "refuses")}");
        if (ok)
        {
            Assert.Equal((expected.Raw, expected.Precision), (parser.Trade.Price.Raw, parser.Trade.Price.Precision));
        }

        // In a level, as price and as quantity (the level reader has its own fast path).
        var depth = Encoding.UTF8.GetBytes("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"pu":0,"b":[["TEXT","TEXT"],["1.0","2.0"]],"a":[]}""".Replace("TEXT", text, StringComparison.Ordinal));
        kind = parser.Parse(depth, 0);
        Assert.True(quantityOk == (kind == BinanceMessageKind.DepthUpdate), $"level \"{text}\": {kind}, core {(quantityOk ? "accepts" : "refuses")}");
        if (quantityOk)
        {
            var level = parser.Deltas.Deltas[0];
            Assert.Equal((expected.Raw, expected.Precision), (level.Price.Raw, level.Price.Precision));
            Assert.Equal((expected.Raw, expected.Precision), (level.Size.Raw, level.Size.Precision));
            Assert.Equal(2, parser.Deltas.Count);
        }
    }
}
