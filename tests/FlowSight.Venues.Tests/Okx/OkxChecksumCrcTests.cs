using System.Text;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.TestKit;
using FlowSight.Venues.Okx.Book;
using Xunit;

namespace FlowSight.Venues.Tests.Okx;

/// <summary>
/// The fast checksum against plain references: the CRC32 (carry-less folding, slicing-by-8, byte tail) against a
/// bit-by-bit CRC32 at every length and alignment that matters, and the book checksum against the text OKX describes
/// built with the BCL's decimal formatting, on seeded random books.
/// </summary>
public sealed class OkxChecksumCrcTests
{
    [Fact]
    public void Crc32_matches_a_bitwise_crc_at_every_length_up_to_1100_and_every_offset()
    {
        var random = new Random(4242);
        var data = new byte[1200];
        random.NextBytes(data);
        for (var offset = 0; offset < 16; offset++)
        {
            for (var length = 0; length <= 1100; length += offset == 0 ? 1 : 7)
            {
                var span = data.AsSpan(offset, length);
                Assert.Equal(Bitwise(span), OkxChecksum.Compute(span));
            }
        }
    }

    [Fact]
    public void Book_checksum_matches_the_text_built_from_decimal_strings()
    {
        var random = new Random(20261124);
        var combined = new OkxBookChecksum();
        for (var round = 0; round < 200; round++)
        {
            byte pricePrecision = (byte)random.Next(0, 5);
            byte sizePrecision = (byte)random.Next(0, 9);
            var book = new L2OrderBook(InstrumentId.Parse("BTC-USDT.OKX"), pricePrecision, sizePrecision, 64);
            var bids = random.Next(0, 40);
            var asks = random.Next(0, 40);
            var mid = random.NextInt64(1_000, 10_000_000_000);
            for (var i = 0; i < bids; i++)
            {
                book.Set(OrderSide.Buy, Price.FromRaw(mid - 1 - random.Next(0, 500), pricePrecision), Quantity.FromRaw(Size(random), sizePrecision));
            }

            for (var i = 0; i < asks; i++)
            {
                book.Set(OrderSide.Sell, Price.FromRaw(mid + random.Next(0, 500), pricePrecision), Quantity.FromRaw(Size(random), sizePrecision));
            }

            var expected = Bitwise(Encoding.ASCII.GetBytes(Text(book)));
            Assert.Equal(expected, OkxChecksum.Compute(book));
            // Combined from remembered level CRCs: texts of every length up to the longest (sizes near 2^61).
            Assert.Equal(expected, new OkxBookChecksum().Compute(book));
            Assert.Equal(expected, combined.Compute(book));
        }
    }

    [Fact]
    public void Numbers_are_written_like_decimal_strings_at_every_precision_and_magnitude()
    {
        var random = new Random(77);
        Span<byte> buffer = stackalloc byte[32];
        for (var i = 0; i < 20_000; i++)
        {
            var digits = random.Next(0, 20);
            var value = digits == 0 ? 0 : random.NextInt64(1, (long)Math.Min(Math.Pow(10, digits), long.MaxValue));
            // Runs of trailing zeros, as fixed-point sizes and prices mostly have.
            var zeros = random.Next(0, 10);
            for (var z = 0; z < zeros && value <= long.MaxValue / 10; z++)
            {
                value *= 10;
            }

            value = random.Next(10) == 0 ? -value : value;
            var precision = (byte)random.Next(0, 10);
            var length = OkxChecksum.FormatTrimmed(value, precision, buffer);
            Assert.Equal(Decimal(value, precision), Encoding.ASCII.GetString(buffer[..length]));
        }
    }

    [Fact]
    public void Remembered_texts_give_the_same_checksum_after_every_change_and_across_books()
    {
        var random = new Random(99);
        var checksum = new OkxBookChecksum();
        for (var round = 0; round < 20; round++)
        {
            // A new book each round, sometimes at other precisions: remembered texts must not leak between books.
            var pricePrecision = (byte)random.Next(0, 4);
            var sizePrecision = (byte)random.Next(0, 9);
            var book = new L2OrderBook(InstrumentId.Parse("BTC-USDT.OKX"), pricePrecision, sizePrecision, 64);
            for (var step = 0; step < 300; step++)
            {
                var bid = random.Next(2) == 0;
                var price = bid ? 100_000 - random.Next(0, 60) : 100_001 + random.Next(0, 60);
                var side = bid ? OrderSide.Buy : OrderSide.Sell;
                if (random.Next(4) == 0)
                {
                    book.Delete(side, Price.FromRaw(price, pricePrecision));
                }
                else
                {
                    // Few distinct sizes, so a level often gets back a size it had (the remembered text must still be the right one).
                    book.Set(side, Price.FromRaw(price, pricePrecision), Quantity.FromRaw(random.Next(1, 4) * (random.Next(2) == 0 ? 1000 : 7), sizePrecision));
                }

                Assert.Equal(Bitwise(Encoding.ASCII.GetBytes(Text(book))), checksum.Compute(book));
            }
        }
    }

    [Fact]
    public void Book_checksum_allocates_nothing()
    {
        var book = new L2OrderBook(InstrumentId.Parse("BTC-USDT.OKX"), 1, 8, 64);
        for (var i = 0; i < 30; i++)
        {
            book.Set(OrderSide.Buy, Price.FromRaw(300_000 - i, 1), Quantity.FromRaw(123_456_789 + i, 8));
            book.Set(OrderSide.Sell, Price.FromRaw(300_001 + i, 1), Quantity.FromRaw(100_000_000L * (i + 1), 8));
        }

        var sum = 0;
        Assert.Equal(0, Allocations.SteadyState(() => sum += OkxChecksum.Compute(book)));
        var remembered = new OkxBookChecksum();
        var step = 0;
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            book.Set(OrderSide.Buy, Price.FromRaw(300_000 - (step++ % 40), 1), Quantity.FromRaw(1 + step, 8));
            sum += remembered.Compute(book);
        }));
    }

    private static long Size(Random random) => random.Next(4) switch
    {
        0 => random.NextInt64(1, 5_000_000_000),
        1 => random.Next(1, 100) * 1_000L,
        2 => random.Next(1, 10),
        _ => random.NextInt64(1, long.MaxValue / 4),
    };

    // OKX's description, literally: interleaved "bidPx:bidSz:askPx:askSz", decimals without trailing zeros.
    private static string Text(L2OrderBook book)
    {
        var parts = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            if (i < book.BidCount)
            {
                var level = book.GetLevel(OrderSide.Buy, i);
                parts.Add(Decimal(level.Price.Raw, level.Price.Precision));
                parts.Add(Decimal(level.Size.Raw, level.Size.Precision));
            }

            if (i < book.AskCount)
            {
                var level = book.GetLevel(OrderSide.Sell, i);
                parts.Add(Decimal(level.Price.Raw, level.Price.Precision));
                parts.Add(Decimal(level.Size.Raw, level.Size.Precision));
            }
        }

        return string.Join(':', parts);
    }

    private static string Decimal(long raw, int precision)
    {
        var value = (decimal)raw;
        for (var i = 0; i < precision; i++)
        {
            value /= 10;
        }

        return value.ToString("0.##################", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int Bitwise(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return unchecked((int)~crc);
    }
}
