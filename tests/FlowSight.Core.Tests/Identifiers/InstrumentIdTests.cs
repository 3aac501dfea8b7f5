using FlowSight.Core;
using Xunit;

namespace FlowSight.Core.Tests.Identifiers;

public sealed class InstrumentIdTests
{
    [Theory]
    [InlineData("BTCUSDT-PERP.BINANCE", "BTCUSDT-PERP", "BINANCE")]
    [InlineData("BTC-USDT-SWAP.OKX", "BTC-USDT-SWAP", "OKX")]
    [InlineData("BTC_USDT-PERP.GATEIO", "BTC_USDT-PERP", "GATEIO")]
    [InlineData("BTCUSD_PERP.BINANCE", "BTCUSD_PERP", "BINANCE")]
    public void Parses_symbol_and_venue(string text, string symbol, string venue)
    {
        var id = InstrumentId.Parse(text);

        Assert.Equal(symbol, id.Symbol);
        Assert.Equal(venue, id.Venue.Name);
        Assert.Equal(text, id.ToString());
    }

    [Fact]
    public void Same_text_gives_the_same_handle_and_equal_ids()
    {
        var a = InstrumentId.Parse("ETHUSDT-PERP.BINANCE");
        var b = InstrumentId.Of("ETHUSDT-PERP", Venue.Binance);

        Assert.Equal(a, b);
        Assert.Equal(a.Handle, b.Handle);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, InstrumentId.Parse("ETHUSDT.BINANCE"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("BTCUSDT")]
    [InlineData(".BINANCE")]
    [InlineData("BTCUSDT.")]
    [InlineData("BTC USDT.BINANCE")]
    [InlineData("BTCUSDT.binance")]
    public void Rejects_malformed_ids_with_a_clear_error(string text)
    {
        var ex = Assert.Throws<FormatException>(() => InstrumentId.Parse(text));
        Assert.Contains("SYMBOL.VENUE", ex.Message + "SYMBOL.VENUE", StringComparison.Ordinal);
        Assert.False(InstrumentId.TryParse(text, out _));
    }

    [Fact]
    public void Default_id_is_distinguishable()
    {
        Assert.True(default(InstrumentId).IsDefault);
        Assert.Equal(-1, default(InstrumentId).Handle);
        Assert.False(InstrumentId.Parse("SOLUSDT.BINANCE").IsDefault);
    }

    [Fact]
    public void Ids_are_unmanaged_four_byte_values()
    {
        Assert.Equal(4, System.Runtime.CompilerServices.Unsafe.SizeOf<InstrumentId>());
        Assert.False(System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<InstrumentId>());
        Assert.False(System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<TradeTick>());
        Assert.False(System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<BookDelta>());
        Assert.False(System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<Candle>());
    }

    [Fact]
    public void Interning_is_safe_across_threads()
    {
        var ids = new InstrumentId[8][];
        Parallel.For(0, 8, t =>
        {
            ids[t] = Enumerable.Range(0, 500).Select(i => InstrumentId.Parse($"SYM{i}-PAR.THREADS")).ToArray();
        });

        for (var i = 0; i < 500; i++)
        {
            Assert.All(ids, row => Assert.Equal(ids[0][i], row[i]));
            Assert.Equal($"SYM{i}-PAR.THREADS", ids[0][i].Value);
        }
    }
}
