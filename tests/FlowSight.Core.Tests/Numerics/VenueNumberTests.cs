using System.Globalization;
using System.Numerics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace FlowSight.Core.Tests.Numerics;

/// <summary>The parser and formatter against every price- and quantity-like number the venues actually sent.</summary>
public sealed class VenueNumberTests
{
    [Fact]
    public void Every_recorded_venue_number_round_trips_byte_for_byte()
    {
        var corpus = VenueNumberCorpus.Load();
        Span<byte> buffer = stackalloc byte[32];
        var failures = new List<string>();
        var perVenue = new Dictionary<string, int>(StringComparer.Ordinal);
        int roundTripped = 0, nonCanonical = 0, tooManyDecimals = 0, tooManyDigits = 0;

        foreach (var (utf8, venue) in corpus.Numbers)
        {
            var text = Encoding.UTF8.GetString(utf8);
            var decimals = NumberText.Decimals(utf8);
            var significant = NumberText.SignificantDigits(utf8);
            var ok = Price.TryParse(utf8, out var price, out var error);

            if (decimals > Price.MaxPrecision || significant > 18)
            {
                var expected = decimals > Price.MaxPrecision ? FixedPointError.TooManyDecimals : FixedPointError.TooManyDigits;
                if (ok || error != expected)
                {
                    failures.Add($"{venue} '{text}': expected {expected}, got {(ok ? price.ToString() : error)}");
                }

                if (decimals > Price.MaxPrecision) { tooManyDecimals++; } else { tooManyDigits++; }
                continue;
            }

            if (!ok)
            {
                failures.Add($"{venue} '{text}': {error}");
                continue;
            }

            if (!NumberText.IsCanonical(utf8))
            {
                // "007" or "-0": the value must be right, the bytes cannot come back.
                nonCanonical++;
                if (price.ToDecimal() != decimal.Parse(text, CultureInfo.InvariantCulture))
                {
                    failures.Add($"{venue} '{text}': parsed as {price}");
                }

                continue;
            }

            if (!price.TryFormat(buffer, out var written) || !buffer[..written].SequenceEqual(utf8))
            {
                failures.Add($"{venue} '{text}': formatted as '{Encoding.UTF8.GetString(buffer[..written])}'");
            }

            var atPrecision = Price.Parse(utf8, (byte)decimals);
            if (atPrecision.Raw != price.Raw || price.Precision != decimals)
            {
                failures.Add($"{venue} '{text}': at its own precision raw {atPrecision.Raw}, inferred {price.Raw}@{price.Precision}");
            }

            // The same bytes through the other two types, which share the code but not the sign rule.
            var sameAsQuantity = utf8[0] == '-'
                ? !Quantity.TryParse(utf8, out _, out var negative) && negative == FixedPointError.Negative
                : Quantity.Parse(utf8).TryFormat(buffer, out written) && buffer[..written].SequenceEqual(utf8);
            var sameAsMoney = Money.Parse(utf8).TryFormat(buffer, out written) && buffer[..written].SequenceEqual(utf8);
            if (!sameAsQuantity || !sameAsMoney)
            {
                failures.Add($"{venue} '{text}': quantity ok {sameAsQuantity}, money ok {sameAsMoney}");
            }

            roundTripped++;
            perVenue[venue] = perVenue.GetValueOrDefault(venue) + 1;
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{corpus.Files} files, {corpus.Documents} JSON documents ({corpus.UnreadableDocuments} unreadable), {corpus.Numbers.Count} numbers: " +
            $"{roundTripped} round-tripped ({string.Join(", ", perVenue.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"))}), " +
            $"{nonCanonical} non-canonical, {tooManyDecimals} with more than 9 decimals, {tooManyDigits} with more than 18 digits.");

        Assert.True(failures.Count == 0, $"{failures.Count} venue numbers failed:\n{string.Join('\n', failures.Take(30))}");
        Assert.InRange(roundTripped, 200_000, int.MaxValue);
        Assert.InRange(perVenue.GetValueOrDefault("binance"), 100_000, int.MaxValue);
        Assert.InRange(perVenue.GetValueOrDefault("okx"), 20_000, int.MaxValue);
        Assert.InRange(perVenue.GetValueOrDefault("gateio"), 10_000, int.MaxValue);
        Assert.InRange(tooManyDecimals, 1, int.MaxValue); // OKX sends some 15-decimal ratios: the rejection path sees real data
        Assert.InRange(corpus.UnreadableDocuments, 0, corpus.Documents / 100);
    }

    [Fact]
    public void Sampled_venue_numbers_parse_at_any_instrument_precision_or_fail_for_the_right_reason()
    {
        var corpus = VenueNumberCorpus.Load();
        var distinct = corpus.Numbers.Select(n => Encoding.UTF8.GetString(n.Utf8)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var samples = Gen.Zip(Gen.Elements(distinct), FixedPointArbitraries.PrecisionGen())
            .Sample(20_000, new Rnd(20261124UL, 1013904223UL), 100);
        Assert.Equal(20_000, samples.Length);

        var outcomes = new Dictionary<FixedPointError, int>();
        foreach (var (text, precision) in samples)
        {
            var expected = Expect(text, precision, out var expectedRaw);
            var ok = Price.TryParse(Encoding.UTF8.GetBytes(text), precision, out var price, out var error);
            Assert.True(error == expected, $"'{text}' at {precision} decimals: expected {expected}, got {error}");
            if (ok)
            {
                Assert.Equal(expectedRaw, price.Raw);
                Assert.Equal(precision, price.Precision);
            }

            outcomes[error] = outcomes.GetValueOrDefault(error) + 1;
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", outcomes.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}")));

        // Both the accepting and the refusing paths were exercised by real data.
        Assert.InRange(outcomes.GetValueOrDefault(FixedPointError.None), 1_000, int.MaxValue);
        Assert.InRange(outcomes.GetValueOrDefault(FixedPointError.PrecisionExceeded), 1_000, int.MaxValue);
    }

    /// <summary>What parsing <paramref name="text"/> at <paramref name="precision"/> must give, worked out with BigInteger.</summary>
    private static FixedPointError Expect(string text, byte precision, out long raw)
    {
        raw = 0;
        var negative = text[0] == '-';
        var unsigned = negative ? text[1..] : text;
        var point = unsigned.IndexOf('.', StringComparison.Ordinal);
        var integer = point < 0 ? unsigned : unsigned[..point];
        var fraction = point < 0 ? "" : unsigned[(point + 1)..];
        if (fraction.Length > precision && fraction[precision..].Any(c => c != '0'))
        {
            return FixedPointError.PrecisionExceeded;
        }

        var kept = integer + fraction[..Math.Min(precision, fraction.Length)];
        if (kept.TrimStart('0').Length > 18)
        {
            return FixedPointError.TooManyDigits;
        }

        var magnitude = BigInteger.Parse(kept, CultureInfo.InvariantCulture) * BigInteger.Pow(10, precision - Math.Min(precision, fraction.Length));
        if (magnitude > long.MaxValue)
        {
            return FixedPointError.Overflow;
        }

        raw = negative ? -(long)magnitude : (long)magnitude;
        return FixedPointError.None;
    }
}
