using System.Runtime.CompilerServices;
using System.Text;
using Xunit;

namespace FlowSight.Core.Tests.Numerics;

public sealed class FixedPointFormattingTests
{
    [Theory]
    [InlineData(6180030L, 2, "61800.30")]
    [InlineData(0L, 0, "0")]
    [InlineData(0L, 2, "0.00")]
    [InlineData(-5L, 2, "-0.05")]
    [InlineData(1L, 9, "0.000000001")]
    [InlineData(-1L, 9, "-0.000000001")]
    [InlineData(1_000_000_000L, 9, "1.000000000")]
    [InlineData(999_999_999L, 9, "0.999999999")]
    [InlineData(long.MaxValue, 0, "9223372036854775807")]
    [InlineData(long.MinValue, 0, "-9223372036854775808")]
    [InlineData(long.MinValue, 9, "-9223372036.854775808")]
    [InlineData(long.MaxValue, 9, "9223372036.854775807")]
    [InlineData(10L, 1, "1.0")]
    [InlineData(100L, 0, "100")]
    public void Formats_exactly_precision_decimals(long raw, byte precision, string expected)
    {
        var price = Price.FromRaw(raw, precision);
        Assert.Equal(expected, price.ToString());
        Assert.Equal(expected, Money.FromRaw(raw, precision).ToString());
        Assert.Equal(expected, $"{price}");
        Assert.Equal(expected, price.ToString("G", null));

        Span<byte> utf8 = stackalloc byte[32];
        Assert.True(price.TryFormat(utf8, out var written));
        Assert.Equal(expected, Encoding.UTF8.GetString(utf8[..written]));
    }

    [Fact]
    public void TryFormat_reports_a_short_destination()
    {
        var price = Price.Parse("61800.30");
        Span<byte> utf8 = stackalloc byte[8];
        Assert.False(price.TryFormat(utf8[..7], out var written));
        Assert.Equal(0, written);
        Assert.True(price.TryFormat(utf8, out written));
        Assert.Equal(8, written);

        Span<char> chars = stackalloc char[7];
        Assert.False(price.TryFormat(chars, out written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void Only_the_general_format_exists()
    {
        var price = Price.Parse("1.5");
        Assert.Equal("1.5", price.ToString("", null));
        Assert.Equal("1.5", price.ToString(null, null));
        Assert.Throws<FormatException>(() => price.ToString("F2", null));
        Assert.Throws<FormatException>(() => $"{Quantity.Parse("1"):N0}");
    }

    [Fact]
    public void Layout_fits_an_unmanaged_union()
    {
        Assert.Equal(16, SizeOf<Price>());
        Assert.Equal(16, SizeOf<Quantity>());
        Assert.Equal(16, SizeOf<Money>());
        Assert.False(RuntimeHelpers.IsReferenceOrContainsReferences<Price>());

        // Raw is the first field.
        var price = Price.FromRaw(0x0102030405060708, 3);
        Assert.Equal(0x0102030405060708, Unsafe.As<Price, long>(ref price));
        var quantity = Quantity.FromRaw(42, 7);
        Assert.Equal(42, Unsafe.As<Quantity, long>(ref quantity));
        Assert.Equal(7, Unsafe.Add(ref Unsafe.As<Quantity, byte>(ref quantity), sizeof(long)));
    }

    // The 'unmanaged' constraint is the compile-time proof that no reference field sneaks in.
    private static int SizeOf<T>()
        where T : unmanaged => Unsafe.SizeOf<T>();
}
