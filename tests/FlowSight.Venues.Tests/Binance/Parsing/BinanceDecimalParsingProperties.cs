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
