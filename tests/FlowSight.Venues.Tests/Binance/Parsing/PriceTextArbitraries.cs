using FlowSight.Core;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSight.Venues.Tests.Binance.Parsing;

/// <summary>Generators of price texts: random runs of number characters, well-formed prices, zero-padded ones.</summary>
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
