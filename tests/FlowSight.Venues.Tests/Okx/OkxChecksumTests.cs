using System.Text;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Venues.Okx.Book;
using Xunit;

namespace FlowSight.Venues.Tests.Okx;

/// <summary>The CRC32 and the text it covers.</summary>
public sealed class OkxChecksumTests
{
    [Fact]
    public void Crc32_is_the_ieee_one_read_as_signed()
    {
        Assert.Equal(unchecked((int)0xCBF43926), OkxChecksum.Compute("123456789"u8));
    }

    [Theory]
    [InlineData(302610, 1, "30261")]
    [InlineData(1600, 4, "0.16")]
    [InlineData(5, 8, "0.00000005")]
    [InlineData(0, 3, "0")]
    [InlineData(1234, 0, "1234")]
    [InlineData(120034, 2, "1200.34")]
    public void Values_are_written_like_okx_without_trailing_zeros(long raw, byte precision, string expected)
    {
        Span<byte> buffer = stackalloc byte[32];
        var length = OkxChecksum.FormatTrimmed(raw, precision, buffer);
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..length]));
    }

    [Fact]
    public void Levels_interleave_bids_and_asks_and_a_short_side_contributes_fewer()
    {
        var book = new L2OrderBook(InstrumentId.Parse("BTC-USDT.OKX"), 2, 3);
        book.Set(OrderSide.Buy, Price.Parse("3366.1"), Quantity.Parse("7"));
        book.Set(OrderSide.Buy, Price.Parse("3366"), Quantity.Parse("6"));
        book.Set(OrderSide.Sell, Price.Parse("3366.8"), Quantity.Parse("9"));
        Assert.Equal(OkxChecksum.Compute("3366.1:7:3366.8:9:3366:6"u8), OkxChecksum.Compute(book));
    }
}
