using Xunit;

namespace FlowSight.Core.Tests.Numerics;

public sealed class FixedPointArithmeticTests
{
    [Fact]
    public void Sum_and_difference_take_the_larger_precision()
    {
        var sum = Price.Parse("61800.3") + Price.Parse("0.05");
        Assert.Equal("61800.35", sum.ToString());
        Assert.Equal("-0.2", (Price.Parse("0.1") - Price.Parse("0.3")).ToString());
        Assert.Equal("0.0015", (Quantity.Parse("0.002") - Quantity.Parse("0.0005")).ToString());
        Assert.Equal("-12.50", (-Money.Parse("12.50")).ToString());
    }

    [Fact]
    public void Overflow_on_add_subtract_and_negate_throws()
    {
        var max = Price.FromRaw(long.MaxValue, 0);
        Assert.Throws<OverflowException>(() => max + Price.FromRaw(1, 0));
        Assert.Throws<OverflowException>(() => Price.FromRaw(long.MinValue, 0) - Price.FromRaw(1, 0));
        Assert.Throws<OverflowException>(() => -Money.FromRaw(long.MinValue, 2));
        // The coarser operand does not fit at the finer precision and nothing cancels it.
        Assert.Throws<OverflowException>(() => Price.FromRaw((long.MaxValue / 10) + 1, 0) + Price.FromRaw(0, 1));
        Assert.Throws<OverflowException>(() => Quantity.FromRaw(long.MaxValue, 3) + Quantity.FromRaw(1, 3));
    }

    [Fact]
    public void Sum_that_fits_is_exact_even_when_an_operand_alone_would_not()
    {
        // 922337203685477581 × 10 overflows, but the sum with the opposite value is zero.
        var big = Price.FromRaw(922_337_203_685_477_581, 0);
        var opposite = Price.FromRaw(-9_223_372_036_854_775_800, 1);
        Assert.Equal(Price.FromRaw(10, 1), big + opposite);
    }

    // Shrunk by FsCheck: the result takes the finer precision, so even adding a zero can overflow.
    [Fact]
    public void Adding_a_zero_at_a_finer_precision_can_overflow()
    {
        Assert.Throws<OverflowException>(() => Price.FromRaw(-1_554_229_822_489, 0) + Price.Zero(7));
        Assert.Throws<OverflowException>(() => Quantity.FromRaw(17_344_453_056, 0).RoundToIncrement(Quantity.FromRaw(1, 9), RoundingMode.TowardZero));
        Assert.Equal(Price.FromRaw(-1_554_229_822_489, 0), Price.FromRaw(-1_554_229_822_489, 0) + Price.Zero(6));
    }

    [Fact]
    public void Quantity_cannot_go_below_zero()
    {
        var exception = Assert.Throws<OverflowException>(() => Quantity.Parse("0.001") - Quantity.Parse("0.002"));
        Assert.Contains("0.001 - 0.002", exception.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantity.FromRaw(-1, 0));
        Assert.Equal(Quantity.Zero(3), Quantity.Parse("0.002") - Quantity.Parse("0.002"));
    }

    [Theory]
    [InlineData("2.5", RoundingMode.ToEven, "2")]
    [InlineData("3.5", RoundingMode.ToEven, "4")]
    [InlineData("2.5", RoundingMode.AwayFromZero, "3")]
    [InlineData("2.5", RoundingMode.TowardZero, "2")]
    [InlineData("2.5", RoundingMode.Down, "2")]
    [InlineData("2.5", RoundingMode.Up, "3")]
    [InlineData("-2.5", RoundingMode.ToEven, "-2")]
    [InlineData("-2.5", RoundingMode.AwayFromZero, "-3")]
    [InlineData("-2.5", RoundingMode.TowardZero, "-2")]
    [InlineData("-2.5", RoundingMode.Down, "-3")]
    [InlineData("-2.5", RoundingMode.Up, "-2")]
    [InlineData("-2.4", RoundingMode.AwayFromZero, "-2")]
    [InlineData("-2.6", RoundingMode.ToEven, "-3")]
    [InlineData("-0.4", RoundingMode.Up, "0")]
    [InlineData("0.000000001", RoundingMode.Up, "1")]
    public void RoundTo_follows_the_mode(string value, RoundingMode mode, string expected) =>
        Assert.Equal(expected, Price.Parse(value).RoundTo(0, mode).ToString());

    [Fact]
    public void RoundTo_a_finer_precision_is_exact_and_checked()
    {
        Assert.Equal("61800.300000000", Price.Parse("61800.3").RoundTo(9, RoundingMode.ToEven).ToString());
        Assert.Throws<OverflowException>(() => Price.FromRaw(10_000_000_000, 0).RoundTo(9, RoundingMode.ToEven));
    }

    [Fact]
    public void Notional_rounds_once_at_the_requested_precision()
    {
        var price = Price.Parse("61800.30");
        var quantity = Quantity.Parse("0.00120");
        // Exactly 74.1603600.
        Assert.Equal("74.16", price.Notional(quantity, 2, RoundingMode.ToEven).ToString());
        Assert.Equal("74.17", price.Notional(quantity, 2, RoundingMode.Up).ToString());
        Assert.Equal("74.16036000", price.Notional(quantity, 8, RoundingMode.ToEven).ToString());
        Assert.Equal("-74.17", (-price).Notional(quantity, 2, RoundingMode.Down).ToString());
    }

    [Fact]
    public void Products_beyond_64_bits_are_rounded_exactly()
    {
        // (10^9 - 10^-9)² = 10^18 - 2 + 10^-18: 36 digits before rounding.
        var big = Quantity.Parse("999999999.999999999");
        Assert.Equal("999999999999999998", big.Multiply(big, 0, RoundingMode.ToEven).ToString());
        Assert.Equal("999999999999999999", big.Multiply(big, 0, RoundingMode.Up).ToString());
        Assert.Throws<OverflowException>(() => big.Multiply(big, 1, RoundingMode.ToEven));

        var tiny = Quantity.Parse("0.000000001");
        Assert.Equal("1.000000000", big.Multiply(tiny, 9, RoundingMode.ToEven).ToString());
        Assert.Equal("0.999999999", big.Multiply(tiny, 9, RoundingMode.Down).ToString());
    }

    [Fact]
    public void Multiply_overflow_throws()
    {
        Assert.Throws<OverflowException>(() => Price.FromRaw(900_000_000_000_000_000, 0).Notional(Quantity.FromRaw(100, 0), 0, RoundingMode.ToEven));
        Assert.Throws<OverflowException>(() => Quantity.FromRaw(long.MaxValue, 0).Multiply(Quantity.FromRaw(2, 0), 0, RoundingMode.ToEven));
        Assert.Throws<OverflowException>(() => Money.FromRaw(long.MaxValue, 0).Multiply(1.5m, 0, RoundingMode.ToEven));
    }

    [Fact]
    public void Contract_multiplier()
    {
        var contracts = Quantity.Parse("12");
        var multiplier = Quantity.Parse("0.01"); // OKX BTC-USDT-SWAP ctVal
        Assert.Equal("0.12", contracts.Multiply(multiplier, 2, RoundingMode.ToEven).ToString());
        Assert.Equal("0.120", contracts.Multiply(multiplier, 3, RoundingMode.ToEven).ToString());
    }

    [Fact]
    public void Average_price_divides_with_explicit_rounding()
    {
        var cost = Money.Parse("123.46");
        var quantity = Quantity.Parse("3");
        Assert.Equal("41.15", cost.DivideBy(quantity, 2, RoundingMode.ToEven).ToString()); // 41.1533…
        Assert.Equal("41.16", cost.DivideBy(quantity, 2, RoundingMode.Up).ToString());
        Assert.Equal("-41.16", (-cost).DivideBy(quantity, 2, RoundingMode.Down).ToString());
        Assert.Throws<DivideByZeroException>(() => cost.DivideBy(Quantity.Zero(3), 2, RoundingMode.ToEven));
        Assert.Throws<OverflowException>(() => Money.FromRaw(long.MaxValue, 0).DivideBy(Quantity.Parse("0.5"), 0, RoundingMode.ToEven));
    }

    [Fact]
    public void Fee_rate_from_configuration()
    {
        var notional = Money.Parse("74.16036");
        Assert.Equal("0.0742", notional.Multiply(0.001m, 4, RoundingMode.ToEven).ToString());
        Assert.Equal("0.07416036", notional.Multiply(0.00100000m, 8, RoundingMode.ToEven).ToString());
        Assert.Equal("-0.0742", notional.Multiply(-0.001m, 4, RoundingMode.AwayFromZero).ToString()); // maker rebate
        Assert.Throws<ArgumentOutOfRangeException>(() => notional.Multiply(0.1234567890123456789012345678m, 4, RoundingMode.ToEven));
    }

    [Theory]
    [InlineData("61800.37", "0.05", RoundingMode.Down, "61800.35")]
    [InlineData("61800.37", "0.05", RoundingMode.Up, "61800.40")]
    [InlineData("61800.37", "0.05", RoundingMode.ToEven, "61800.35")]
    [InlineData("61800.375", "0.05", RoundingMode.ToEven, "61800.400")]
    [InlineData("-61800.37", "0.05", RoundingMode.Down, "-61800.40")]
    [InlineData("0.07", "0.5", RoundingMode.ToEven, "0.00")]
    [InlineData("61800.3", "0.10000000", RoundingMode.ToEven, "61800.30000000")]
    public void RoundToIncrement_snaps_to_the_tick_grid(string value, string tick, RoundingMode mode, string expected)
    {
        var rounded = Price.Parse(value).RoundToIncrement(Price.Parse(tick), mode);
        Assert.Equal(expected, rounded.ToString());
        Assert.True(rounded.IsMultipleOf(Price.Parse(tick)));
    }

    [Fact]
    public void Quantity_steps()
    {
        var step = Quantity.Parse("0.001");
        Assert.Equal("0.0030", Quantity.Parse("0.0037").RoundToIncrement(step, RoundingMode.Down).ToString());
        Assert.True(Quantity.Parse("0.00300000").IsMultipleOf(step));
        Assert.False(Quantity.Parse("0.0031").IsMultipleOf(step));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantity.Parse("1").IsMultipleOf(Quantity.Zero(3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Price.Parse("1").RoundToIncrement(Price.Parse("-0.5"), RoundingMode.ToEven));
    }

    [Fact]
    public void Equality_and_hash_are_by_value_across_precisions()
    {
        var a = Price.Parse("61800.3");
        var b = Price.Parse("61800.30000000");
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Single(new HashSet<Price> { a, b, Price.FromRaw(618003000, 4) });
        Assert.True(Price.Parse("61800.29999") < a);
        Assert.True(Price.Parse("-1") < Price.Parse("-0.5"));
        Assert.Equal(0, Quantity.Parse("1").CompareTo(Quantity.Parse("1.000000000")));
        Assert.NotEqual(Money.Parse("1.01"), Money.Parse("1.1"));
        Assert.False(a.Equals((object)Quantity.Parse("61800.3")));
        Assert.Equal(default, Price.Zero(9));
    }

    [Fact]
    public void Sorting_orders_by_value()
    {
        var prices = new[] { "10", "9.99", "-1", "10.000001", "0.5" }.Select(Price.Parse).Order().Select(p => p.ToString());
        Assert.Equal(new[] { "-1", "0.5", "9.99", "10", "10.000001" }, prices);
    }
}
