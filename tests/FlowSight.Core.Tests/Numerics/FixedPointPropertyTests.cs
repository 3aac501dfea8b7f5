using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FsCheck.Xunit;
using Xunit;

namespace FlowSight.Core.Tests.Numerics;

/// <summary>
/// Invariants of Price, Quantity and Money checked on generated values, with System.Decimal as the reference.
/// The seed is fixed so a run is reproducible; keep any shrunk counter-example as a [Fact] in the example tests.
/// </summary>
[Properties(Arbitrary = [typeof(FixedPointArbitraries)], Replay = "(20261124,1013904223)", MaxTest = 400)]
public sealed partial class FixedPointPropertyTests
{
    // |raw| below 10^13: products of two such values stay within decimal's 28 digits, so decimal is an exact reference
    // while the 128-bit path (products above 2^63) is still exercised.
    private const long ProductSafeRaw = 9_999_999_999_999;

    // |raw| up to 10^9: the quotients below are then exact enough in decimal to decide every rounding.
    private const long QuotientSafeRaw = 1_000_000_000;

    // ---- parse and format ----

    [Property]
    public void Price_format_then_parse_round_trips(Price price)
    {
        Span<byte> utf8 = stackalloc byte[32];
        Span<char> utf16 = stackalloc char[32];
        Assert.True(price.TryFormat(utf8, out var bytes));
        Assert.True(price.TryFormat(utf16, out var chars));
        var text = price.ToString();

        Assert.Equal(text, Encoding.UTF8.GetString(utf8[..bytes]));
        Assert.Equal(text, utf16[..chars].ToString());
        AssertSame(price, Price.Parse(utf8[..bytes]));
        AssertSame(price, Price.Parse(utf16[..chars]));
        AssertSame(price, Price.Parse(text, price.Precision));
    }

    [Property]
    public void Quantity_and_money_format_then_parse_round_trips(Quantity quantity, Money money)
    {
        Span<byte> utf8 = stackalloc byte[32];
        Assert.True(quantity.TryFormat(utf8, out var written));
        var q = Quantity.Parse(utf8[..written]);
        Assert.Equal((quantity.Raw, quantity.Precision), (q.Raw, q.Precision));

        Assert.True(money.TryFormat(utf8, out written));
        var m = Money.Parse(utf8[..written]);
        Assert.Equal((money.Raw, money.Precision), (m.Raw, m.Precision));
    }

    [Property]
    public void ToString_matches_decimal_invariant_text(Price price) =>
        Assert.Equal(price.ToDecimal().ToString(CultureInfo.InvariantCulture), price.ToString());

    [Property]
    public void Trailing_zeros_beyond_the_instrument_precision_are_dropped(Price price, Decimals extraZeros)
    {
        var text = price.ToString() + (price.Precision == 0 ? "." : "") + new string('0', extraZeros.Value + 1);
        var parsed = Price.Parse(Encoding.UTF8.GetBytes(text), price.Precision);
        AssertSame(price, parsed);
    }

    [Property]
    public void Parse_at_a_precision_fails_exactly_when_a_nonzero_digit_lies_beyond_it(Price price, Decimals target)
    {
        var text = Encoding.UTF8.GetBytes(price.ToString());
        var value = price.ToDecimal();
        var representable = DecimalOracle.Round(value, target.Value, RoundingMode.TowardZero) == value;
        var ok = Price.TryParse(text, target.Value, out var parsed, out var error);

        if (!representable)
        {
            Assert.False(ok);
            Assert.Equal(FixedPointError.PrecisionExceeded, error);
            var exception = Assert.Throws<FixedPointFormatException>(() => Price.Parse(text, target.Value));
            Assert.Contains($"'{price}'", exception.Message, StringComparison.Ordinal);
        }
        else if (!DecimalOracle.Fits(value, target.Value))
        {
            Assert.Equal(FixedPointError.Overflow, error);
        }
        else
        {
            Assert.True(ok, error.ToString());
            Assert.Equal(target.Value, parsed.Precision);
            Assert.Equal(value, parsed.ToDecimal());
        }
    }

    [Property(MaxTest = 2000)]
    public void Parse_accepts_exactly_the_documented_grammar(NumericText input)
    {
        var text = input.Value;
        var ok = Price.TryParse(text, out var price, out var error);
        var charsOk = Price.TryParse(Encoding.UTF8.GetBytes(text), out var fromUtf8, out var utf8Error);
        Assert.Equal(ok, charsOk);
        Assert.Equal(error, utf8Error);

        var grammar = Grammar().IsMatch(text);
        var decimals = text.Contains('.', StringComparison.Ordinal) ? text.Length - text.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        var significant = text.TrimStart('-').Replace(".", "", StringComparison.Ordinal).TrimStart('0').Length;
        if (grammar && decimals <= 9 && significant <= 18)
        {
            Assert.True(ok, $"{text}: {error}");
            Assert.Equal(decimal.Parse(text, CultureInfo.InvariantCulture), price.ToDecimal());
            Assert.Equal(decimals, price.Precision);
            Assert.Equal(price.Raw, fromUtf8.Raw);
        }
        else
        {
            Assert.False(ok, text);
            var expected = grammar
                ? new[] { FixedPointError.TooManyDecimals, FixedPointError.TooManyDigits }
                : [FixedPointError.Empty, FixedPointError.InvalidCharacter, FixedPointError.InvalidSign, FixedPointError.MisplacedDecimalPoint, FixedPointError.NoDigits];
            Assert.Contains(error, expected);
        }
    }

    // ---- addition and subtraction ----

    [Property]
    public void Addition_is_exact_or_throws_overflow(Price a, Price b)
    {
        var sum = a.ToDecimal() + b.ToDecimal();
        var precision = Math.Max(a.Precision, b.Precision);
        if (DecimalOracle.Fits(sum, precision))
        {
            var result = a + b;
            Assert.Equal(sum, result.ToDecimal());
            Assert.Equal(precision, result.Precision);
        }
        else
        {
            Assert.Throws<OverflowException>(() => a + b);
        }
    }

    [Property]
    public void Subtraction_is_exact_or_throws_overflow(Money a, Money b)
    {
        var difference = a.ToDecimal() - b.ToDecimal();
        if (DecimalOracle.Fits(difference, Math.Max(a.Precision, b.Precision)))
        {
            Assert.Equal(difference, (a - b).ToDecimal());
        }
        else
        {
            Assert.Throws<OverflowException>(() => a - b);
        }
    }

    [Property]
    public void Addition_identities(Price x, Price y, Decimals zeroPrecision)
    {
        // Up to 10^9 at any precision stays below 10^18 after rescaling to 9 decimals, so nothing here can overflow.
        var a = Moderate(x, QuotientSafeRaw);
        var b = Moderate(y, QuotientSafeRaw);
        Assert.Equal(a, a + b - b);
        Assert.Equal(a, a + Price.Zero(zeroPrecision.Value));
        Assert.Equal(a + b, b + a);
        Assert.Equal((a + b).Precision, (b + a).Precision);
        Assert.Equal(a, -(-a));
        Assert.Equal(Price.Zero(0), a - a);
    }

    [Property]
    public void Quantity_subtraction_never_goes_below_zero(Quantity a, Quantity b)
    {
        if (a >= b && DecimalOracle.Fits(a.ToDecimal(), Math.Max(a.Precision, b.Precision)))
        {
            Assert.Equal(a.ToDecimal() - b.ToDecimal(), (a - b).ToDecimal());
        }
        else
        {
            Assert.Throws<OverflowException>(() => a - b);
        }
    }

    // ---- equality, order, hash ----

    [Property]
    public void Comparison_agrees_with_decimal(Price a, Price b)
    {
        var expected = decimal.Compare(a.ToDecimal(), b.ToDecimal());
        Assert.Equal(Math.Sign(expected), Math.Sign(a.CompareTo(b)));
        Assert.Equal(expected == 0, a == b);
        Assert.Equal(expected == 0, a.Equals((object)b));
        Assert.Equal(expected != 0, a != b);
        Assert.Equal(expected < 0, a < b);
        Assert.Equal(expected <= 0, a <= b);
        Assert.Equal(expected > 0, a > b);
        Assert.Equal(expected >= 0, a >= b);
    }

    [Property]
    public void Equal_values_at_different_precisions_are_equal_and_hash_alike(Price price, Decimals extra)
    {
        var a = Moderate(price, QuotientSafeRaw);
        var precision = (byte)Math.Min(9, a.Precision + extra.Value);
        var b = Price.FromRaw(a.Raw * FixedPointArbitraries.Pow10(precision - a.Precision), precision);
        Assert.Equal(a, b);
        Assert.Equal(0, a.CompareTo(b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(a.GetHashCode(), a.RoundTo(precision, RoundingMode.ToEven).GetHashCode());

        var m = Money.FromRaw(a.Raw, a.Precision);
        Assert.Equal(m.GetHashCode(), Money.FromRaw(b.Raw, b.Precision).GetHashCode());
    }

    // ---- rounding, multiplication, division ----

    [Property]
    public void RoundTo_agrees_with_Math_Round(Price price, Decimals target, RoundingMode mode)
    {
        var expected = DecimalOracle.Round(price.ToDecimal(), target.Value, mode);
        if (!DecimalOracle.Fits(expected, target.Value))
        {
            Assert.Throws<OverflowException>(() => price.RoundTo(target.Value, mode));
            return;
        }

        var rounded = price.RoundTo(target.Value, mode);
        Assert.Equal(expected, rounded.ToDecimal());
        Assert.Equal(target.Value, rounded.Precision);
    }

    [Property]
    public void Notional_agrees_with_decimal(Price p, Quantity q, Decimals target, RoundingMode mode)
    {
        var price = Moderate(p, ProductSafeRaw);
        var quantity = Quantity.FromRaw(Math.Min(q.Raw, ProductSafeRaw), q.Precision);
        var expected = DecimalOracle.Round(price.ToDecimal() * quantity.ToDecimal(), target.Value, mode);
        if (!DecimalOracle.Fits(expected, target.Value))
        {
            Assert.Throws<OverflowException>(() => price.Notional(quantity, target.Value, mode));
            return;
        }

        var notional = price.Notional(quantity, target.Value, mode);
        Assert.Equal(expected, notional.ToDecimal());
        Assert.Equal(target.Value, notional.Precision);
    }

    [Property]
    public void Quantity_multiply_agrees_with_decimal(Quantity a, Quantity b, Decimals target, RoundingMode mode)
    {
        var x = Quantity.FromRaw(Math.Min(a.Raw, ProductSafeRaw), a.Precision);
        var y = Quantity.FromRaw(Math.Min(b.Raw, ProductSafeRaw), b.Precision);
        var expected = DecimalOracle.Round(x.ToDecimal() * y.ToDecimal(), target.Value, mode);
        if (!DecimalOracle.Fits(expected, target.Value))
        {
            Assert.Throws<OverflowException>(() => x.Multiply(y, target.Value, mode));
            return;
        }

        Assert.Equal(expected, x.Multiply(y, target.Value, mode).ToDecimal());
    }

    [Property]
    public void Money_multiply_by_rate_agrees_with_decimal(Money m, Price r, Decimals target, RoundingMode mode)
    {
        var money = Moderate(m, ProductSafeRaw);
        var rate = Moderate(r, ProductSafeRaw).ToDecimal();
        var expected = DecimalOracle.Round(money.ToDecimal() * rate, target.Value, mode);
        if (!DecimalOracle.Fits(expected, target.Value))
        {
            Assert.Throws<OverflowException>(() => money.Multiply(rate, target.Value, mode));
            return;
        }

        Assert.Equal(expected, money.Multiply(rate, target.Value, mode).ToDecimal());
    }

    [Property]
    public void Average_price_agrees_with_decimal(Money m, Quantity q, Decimals target, RoundingMode mode)
    {
        var money = Moderate(m, QuotientSafeRaw);
        var quantity = Quantity.FromRaw(Math.Clamp(q.Raw, 1, QuotientSafeRaw), q.Precision);
        var expected = DecimalOracle.Round(money.ToDecimal() / quantity.ToDecimal(), target.Value, mode);
        if (!DecimalOracle.Fits(expected, target.Value))
        {
            Assert.Throws<OverflowException>(() => money.DivideBy(quantity, target.Value, mode));
            return;
        }

        var average = money.DivideBy(quantity, target.Value, mode);
        Assert.Equal(expected, average.ToDecimal());
        Assert.Equal(target.Value, average.Precision);
    }

    [Property]
    public void RoundToIncrement_agrees_with_decimal_and_lands_on_the_grid(Price p, Price t, RoundingMode mode)
    {
        var price = Moderate(p, ProductSafeRaw);
        var tick = Price.FromRaw(Math.Clamp(Math.Abs(t.Raw) % 1_000_000, 1, 1_000_000), t.Precision);
        var expected = Math.Round(price.ToDecimal() / tick.ToDecimal(), 0, DecimalOracle.ToMidpointRounding(mode)) * tick.ToDecimal();
        if (!DecimalOracle.Fits(expected, Math.Max(price.Precision, tick.Precision)))
        {
            Assert.Throws<OverflowException>(() => price.RoundToIncrement(tick, mode));
            return;
        }

        var rounded = price.RoundToIncrement(tick, mode);
        Assert.Equal(expected, rounded.ToDecimal());
        Assert.Equal(Math.Max(price.Precision, tick.Precision), rounded.Precision);
        Assert.True(rounded.IsMultipleOf(tick));
        Assert.Equal(price.ToDecimal() % tick.ToDecimal() == 0, price.IsMultipleOf(tick));
    }

    [Property]
    public void Quantity_RoundToIncrement_agrees_with_decimal(Quantity q, Quantity s, RoundingMode mode)
    {
        var quantity = Quantity.FromRaw(Math.Min(q.Raw, ProductSafeRaw), q.Precision);
        var step = Quantity.FromRaw(Math.Clamp(s.Raw % 1_000_000, 1, 1_000_000), s.Precision);
        var expected = Math.Round(quantity.ToDecimal() / step.ToDecimal(), 0, DecimalOracle.ToMidpointRounding(mode)) * step.ToDecimal();
        if (!DecimalOracle.Fits(expected, Math.Max(quantity.Precision, step.Precision)))
        {
            Assert.Throws<OverflowException>(() => quantity.RoundToIncrement(step, mode));
            return;
        }

        var rounded = quantity.RoundToIncrement(step, mode);
        Assert.Equal(expected, rounded.ToDecimal());
        Assert.True(rounded.IsMultipleOf(step));
    }

    // ---- decimal and double ----

    [Property]
    public void Decimal_conversions_round_trip(Price price, Quantity quantity)
    {
        AssertSame(price, Price.FromDecimal(price.ToDecimal(), price.Precision));
        Assert.Equal(quantity, Quantity.FromDecimal(quantity.ToDecimal(), quantity.Precision));
        Assert.Equal((double)price.ToDecimal(), price.ToDouble(), 1e-15 * Math.Max(1, Math.Abs(price.ToDouble())));
    }

    private static Price Moderate(Price price, long maxRaw) => Price.FromRaw(price.Raw % maxRaw, price.Precision);

    private static Money Moderate(Money money, long maxRaw) => Money.FromRaw(money.Raw % maxRaw, money.Precision);

    private static void AssertSame(Price expected, Price actual)
    {
        Assert.Equal(expected.Raw, actual.Raw);
        Assert.Equal(expected.Precision, actual.Precision);
    }

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
