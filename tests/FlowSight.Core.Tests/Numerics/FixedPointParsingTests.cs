using System.Text;
using Xunit;

namespace FlowSight.Core.Tests.Numerics;

public sealed class FixedPointParsingTests
{
    [Theory]
    [InlineData("61800.30", 6180030L, 2)]
    [InlineData("0.00012345", 12345L, 8)]
    [InlineData("61800.30000000", 6180030000000L, 8)] // Binance spot keeps 8 decimals
    [InlineData("-0.5", -5L, 1)]
    [InlineData("0", 0L, 0)]
    [InlineData("0.00000000", 0L, 8)]
    [InlineData("007.50", 750L, 2)]
    [InlineData("999999999999999999", 999_999_999_999_999_999L, 0)]
    [InlineData("-999999999.999999999", -999_999_999_999_999_999L, 9)]
    [InlineData("0.000000001", 1L, 9)]
    [InlineData("00000000000000000000000000001", 1L, 0)] // leading zeros are not significant digits
    public void Parse_infers_the_precision_from_the_text(string text, long raw, byte precision)
    {
        var fromUtf8 = Price.Parse(Encoding.UTF8.GetBytes(text));
        var fromString = Price.Parse(text);
        Assert.Equal((raw, precision), (fromUtf8.Raw, fromUtf8.Precision));
        Assert.Equal((raw, precision), (fromString.Raw, fromString.Precision));
        Assert.True(Price.TryParse(text.AsSpan(), out var tried, out var error));
        Assert.Equal(FixedPointError.None, error);
        Assert.Equal(raw, tried.Raw);
    }

    [Theory]
    [InlineData("61800.30000000", 2, 6180030L)]
    [InlineData("61800.3", 2, 6180030L)]
    [InlineData("61800", 2, 6180000L)]
    [InlineData("0.00100000", 3, 1L)]
    [InlineData("1.000000000000000000000", 0, 1L)] // any number of zeros beyond the precision
    [InlineData("9000000000", 9, 9_000_000_000_000_000_000L)] // 19 raw digits, still a long
    public void Parse_at_the_instrument_precision_drops_trailing_zeros(string text, byte precision, long raw)
    {
        var price = Price.Parse(Encoding.UTF8.GetBytes(text), precision);
        Assert.Equal(raw, price.Raw);
        Assert.Equal(precision, price.Precision);
        Assert.Equal(raw, Quantity.Parse(text, precision).Raw);
        Assert.Equal(raw, Money.Parse(text.AsSpan(), precision).Raw);
    }

    [Theory]
    [InlineData("", FixedPointError.Empty)]
    [InlineData("1e5", FixedPointError.InvalidCharacter)]
    [InlineData("1E5", FixedPointError.InvalidCharacter)]
    [InlineData("--1", FixedPointError.InvalidSign)]
    [InlineData("+-1", FixedPointError.InvalidSign)]
    [InlineData("+1", FixedPointError.InvalidSign)]
    [InlineData("1-", FixedPointError.InvalidSign)]
    [InlineData("1.2.3", FixedPointError.MisplacedDecimalPoint)]
    [InlineData(" 1", FixedPointError.InvalidCharacter)]
    [InlineData("1 ", FixedPointError.InvalidCharacter)]
    [InlineData("-", FixedPointError.NoDigits)]
    [InlineData(".", FixedPointError.MisplacedDecimalPoint)]
    [InlineData(".5", FixedPointError.MisplacedDecimalPoint)]
    [InlineData("5.", FixedPointError.MisplacedDecimalPoint)]
    [InlineData("-.5", FixedPointError.MisplacedDecimalPoint)]
    [InlineData("NaN", FixedPointError.InvalidCharacter)]
    [InlineData("Infinity", FixedPointError.InvalidCharacter)]
    [InlineData("1,000.5", FixedPointError.InvalidCharacter)]
    [InlineData("0x1F", FixedPointError.InvalidCharacter)]
    [InlineData("１", FixedPointError.InvalidCharacter)] // full-width digit
    [InlineData("1234567890123456789012345", FixedPointError.TooManyDigits)] // 25 digits
    [InlineData("1234567890123456789", FixedPointError.TooManyDigits)] // 19 digits even though it fits a long
    [InlineData("1.0000000001", FixedPointError.TooManyDecimals)] // 10 decimals
    [InlineData("1.0000000000", FixedPointError.TooManyDecimals)] // an inferred precision keeps every decimal
    [InlineData("1.0000000001x", FixedPointError.InvalidCharacter)] // syntax errors win over value errors
    public void Bad_text_is_rejected_with_the_right_error(string text, FixedPointError expected)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        Assert.False(Price.TryParse(utf8, out var value, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(default, value);
        Assert.False(Price.TryParse(text.AsSpan(), out _, out var charError));
        Assert.Equal(expected, charError);

        var exception = Assert.Throws<FixedPointFormatException>(() => Price.Parse(utf8));
        Assert.Equal(expected, exception.Error);
        Assert.Equal(text, exception.Input);
        Assert.StartsWith($"'{text}' is not a valid price: ", exception.Message, StringComparison.Ordinal);

        var fromString = Assert.Throws<FixedPointFormatException>(() => Price.Parse(text));
        Assert.Equal(expected, fromString.Error);
        Assert.StartsWith($"'{text}' is not a valid price: ", fromString.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_say_what_is_wrong_and_where()
    {
        Assert.Equal(
            "'1e5' is not a valid price: unexpected character 'e' at position 1; only digits, one '.' and a leading '-' are accepted.",
            Assert.Throws<FixedPointFormatException>(() => Price.Parse("1e5"u8)).Message);
        Assert.Equal(
            "'--1' is not a valid price: misplaced sign character '-' at position 1; only a single leading '-' is accepted.",
            Assert.Throws<FixedPointFormatException>(() => Price.Parse("--1")).Message);
        Assert.Equal(
            "'61800.301' is not a valid price: the non-zero digit at position 8 is beyond the 2 decimals of the instrument, and dropping it would change the value.",
            Assert.Throws<FixedPointFormatException>(() => Price.Parse("61800.301"u8, 2)).Message);
        Assert.Equal(
            "'-1.5' is not a valid quantity: a quantity cannot be negative.",
            Assert.Throws<FixedPointFormatException>(() => Quantity.Parse("-1.5")).Message);
        Assert.Equal(
            "'' is not a valid money amount: the text is empty.",
            Assert.Throws<FixedPointFormatException>(() => Money.Parse(""u8)).Message);

        var invalidUtf8 = Assert.Throws<FixedPointFormatException>(() => Price.Parse([(byte)'1', 0xFF]));
        Assert.Contains("byte 0xFF at position 1", invalidUtf8.Message, StringComparison.Ordinal);

        var longInput = new string('7', 100) + "x";
        var truncated = Assert.Throws<FixedPointFormatException>(() => Price.Parse(longInput));
        Assert.Contains("(101 characters)", truncated.Message, StringComparison.Ordinal);
        Assert.Equal(longInput, truncated.Input);
    }

    [Theory]
    [InlineData("1.0000000001", 2, FixedPointError.PrecisionExceeded)]
    [InlineData("61800.301", 2, FixedPointError.PrecisionExceeded)]
    [InlineData("0.5", 0, FixedPointError.PrecisionExceeded)]
    [InlineData("61800.30000001", 2, FixedPointError.PrecisionExceeded)]
    [InlineData("12345678901", 9, FixedPointError.Overflow)]
    [InlineData("9223372037", 9, FixedPointError.Overflow)]
    [InlineData("1234567890123456789.0", 0, FixedPointError.TooManyDigits)]
    public void Parse_at_a_precision_never_truncates(string text, byte precision, FixedPointError expected)
    {
        Assert.False(Price.TryParse(Encoding.UTF8.GetBytes(text), precision, out _, out var error));
        Assert.Equal(expected, error);
        var exception = Assert.Throws<FixedPointFormatException>(() => Price.Parse(text, precision));
        Assert.Equal(expected, exception.Error);
        Assert.Contains($"'{text}'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_precision_above_nine_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Price.Parse("1"u8, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Price.TryParse("1"u8, 10, out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Price.FromRaw(1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantity.Zero(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.FromDecimal(1m, 10));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-0")]
    [InlineData("-0.000")]
    public void Quantity_rejects_negative_text(string text)
    {
        Assert.False(Quantity.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error));
        Assert.Equal(FixedPointError.Negative, error);
        Assert.False(Quantity.TryParse(text.AsSpan(), 3, out _, out error));
        Assert.Equal(FixedPointError.Negative, error);
        var exception = Assert.Throws<FixedPointFormatException>(() => Quantity.Parse(text));
        Assert.Equal(FixedPointError.Negative, exception.Error);
        Assert.Contains($"'{text}'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_zero_parses_as_zero_and_formats_without_a_sign()
    {
        var price = Price.Parse("-0.00");
        Assert.Equal(0, price.Raw);
        Assert.Equal("0.00", price.ToString());
        Assert.Equal(Price.Zero(2), price);
    }

    [Fact]
    public void Null_string_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => Price.Parse((string)null!));
        Assert.Throws<ArgumentNullException>(() => Quantity.Parse((string)null!, 2));
    }

    [Fact]
    public void FromDecimal_is_exact_or_refuses()
    {
        Assert.Equal(6180030, Price.FromDecimal(61800.30m, 2).Raw);
        Assert.Equal(6180030, Price.FromDecimal(61800.3000000m, 2).Raw);
        Assert.Equal(-5, Money.FromDecimal(-0.05m, 2).Raw);
        Assert.Equal(0, Quantity.FromDecimal(-0.0m, 2).Raw);
        Assert.Throws<ArgumentException>(() => Price.FromDecimal(61800.305m, 2));
        Assert.Throws<OverflowException>(() => Price.FromDecimal(100_000_000_000m, 9));
        Assert.Throws<OverflowException>(() => Money.FromDecimal(decimal.MaxValue, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantity.FromDecimal(-1m, 0));
    }

    [Fact]
    public void ToDecimal_keeps_the_precision_as_scale()
    {
        Assert.Equal("61800.30", Price.Parse("61800.30").ToDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("-9223372036.854775808", Money.FromRaw(long.MinValue, 9).ToDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(61800.3, Price.Parse("61800.30").ToDouble());
    }
}
