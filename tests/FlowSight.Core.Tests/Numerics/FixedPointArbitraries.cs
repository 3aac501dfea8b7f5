using FsCheck;
using FsCheck.Fluent;

namespace FlowSight.Core.Tests.Numerics;

/// <summary>A precision argument, 0…9.</summary>
public readonly record struct Decimals(byte Value);

/// <summary>Text built mostly from the characters a number parser must think about.</summary>
public readonly record struct NumericText(string Value)
{
    public override string ToString() => $"\"{Value}\"";
}

/// <summary>
/// FsCheck generators for the fixed-point types. Raw values mix small numbers, digit-count boundaries (999, 1000, 1001)
/// and the full 18-digit range, because carries and digit counts are where formatting and rescaling break.
/// </summary>
public static class FixedPointArbitraries
{
    /// <summary>Every generated raw value has at most 18 digits, the most a parsed value can have.</summary>
    public const long MaxRaw = 999_999_999_999_999_999;

    public static Arbitrary<Price> Price() =>
        Arb.From(
            Gen.Zip(RawGen(MaxRaw), PrecisionGen(), (raw, precision) => FlowSight.Core.Price.FromRaw(raw, precision)),
            p => Shrink(p.Raw, p.Precision).Select(x => FlowSight.Core.Price.FromRaw(x.Raw, x.Precision)));

    public static Arbitrary<Money> Money() =>
        Arb.From(
            Gen.Zip(RawGen(MaxRaw), PrecisionGen(), (raw, precision) => FlowSight.Core.Money.FromRaw(raw, precision)),
            m => Shrink(m.Raw, m.Precision).Select(x => FlowSight.Core.Money.FromRaw(x.Raw, x.Precision)));

    public static Arbitrary<Quantity> Quantity() =>
        Arb.From(
            Gen.Zip(RawGen(MaxRaw).Select(Math.Abs), PrecisionGen(), (raw, precision) => FlowSight.Core.Quantity.FromRaw(raw, precision)),
            q => Shrink(q.Raw, q.Precision).Select(x => FlowSight.Core.Quantity.FromRaw(Math.Abs(x.Raw), x.Precision)));

    public static Arbitrary<Decimals> Decimals() =>
        Arb.From(
            PrecisionGen().Select(p => new Decimals(p)),
            d => d.Value == 0 ? Enumerable.Empty<Decimals>() : [new Decimals(0), new Decimals((byte)(d.Value - 1))]);

    public static Arbitrary<NumericText> NumericText()
    {
        var alphabet = "0000111223456789999..--+e ".ToCharArray();
        return Arb.From(
            Gen.Choose(0, 24)
                .SelectMany(length => Gen.ArrayOf(Gen.Elements(alphabet), length))
                .Select(chars => new NumericText(new string(chars))),
            t => Enumerable.Range(0, t.Value.Length).Select(i => new NumericText(t.Value.Remove(i, 1))));
    }

    /// <summary>A raw value with |raw| ≤ <paramref name="maxMagnitude"/>.</summary>
    public static Gen<long> RawGen(long maxMagnitude)
    {
        var sign = Gen.Elements(-1L, 1L);
        var small = Gen.Choose(-1000, 1000).Select(i => (long)i);
        var wide = Gen.Zip(Gen.Choose(0, 999_999_999), Gen.Choose(0, 999_999_999), (high, low) => (high * 1_000_000_000L) + low);
        var boundary = Gen.Zip(Gen.Choose(0, 18), Gen.Choose(-1, 1), (exponent, offset) => Pow10(exponent) + offset);
        var edge = Gen.Elements(0L, 1L, MaxRaw);
        var magnitude = Gen.Frequency((3, small), (4, wide), (2, boundary), (1, edge));
        return Gen.Zip(magnitude, sign, (m, s) => Math.Clamp(m * s, -maxMagnitude, maxMagnitude));
    }

    public static Gen<byte> PrecisionGen() => Gen.Choose(0, 9).Select(i => (byte)i);

    public static long Pow10(int exponent)
    {
        var result = 1L;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static IEnumerable<(long Raw, byte Precision)> Shrink(long raw, byte precision)
    {
        if (raw != 0)
        {
            yield return (0, precision);
            yield return (raw / 10, precision);
            yield return (raw / 2, precision);
        }

        if (precision != 0)
        {
            yield return (raw, 0);
            yield return (raw, (byte)(precision - 1));
        }
    }
}
