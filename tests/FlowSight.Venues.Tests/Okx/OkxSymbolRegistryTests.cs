using FlowSight.Core;
using FlowSight.TestKit;
using FlowSight.Venues.Okx;
using Xunit;

namespace FlowSight.Venues.Tests.Okx;

/// <summary>instIds become ids as PRODUCT.md names them, and lookups allocate nothing.</summary>
public sealed class OkxSymbolRegistryTests
{
    [Theory]
    [InlineData("BTC-USDT", "BTC-USDT.OKX")]
    [InlineData("BTC-USDT-SWAP", "BTC-USDT-SWAP.OKX")]
    [InlineData("BTC-USD-220527", "BTC-USD-220527.OKX")]
    public void Ids_keep_the_instId(string instId, string expected)
    {
        Assert.Equal(InstrumentId.Parse(expected), OkxInstrumentIds.Of(instId));
        var registry = new OkxSymbolRegistry();
        Assert.True(registry.Resolve(System.Text.Encoding.ASCII.GetBytes(instId), out var resolved));
        Assert.Equal(InstrumentId.Parse(expected), resolved);
    }

    [Fact]
    public void Lookups_allocate_nothing_and_bad_instIds_are_refused()
    {
        var registry = new OkxSymbolRegistry();
        registry.Register("BTC-USDT-SWAP");
        var key = "BTC-USDT-SWAP"u8.ToArray();
        var allocated = Allocations.SteadyState(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                Assert.True(registry.Resolve(key, out _));
            }
        });

        Assert.Equal(0, allocated);
        Assert.False(registry.Resolve("btc usdt"u8, out _));
        Assert.False(registry.Resolve(""u8, out _));
        Assert.Equal(1, registry.Count);
    }
}
