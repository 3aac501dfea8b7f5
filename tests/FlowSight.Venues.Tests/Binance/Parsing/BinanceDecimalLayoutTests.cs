using System.Text;
using FlowSight.Core;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Parsing;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Parsing;

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
