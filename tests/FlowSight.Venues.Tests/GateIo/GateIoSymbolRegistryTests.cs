using FlowSight.Core;
using FlowSight.TestKit;
using FlowSight.Venues.GateIo;
using Xunit;

namespace FlowSight.Venues.Tests.GateIo;

/// <summary>Gate.io ids and names: the same name on spot and futures is two instruments.</summary>
public sealed class GateIoSymbolRegistryTests
{
    [Fact]
    public void Ids_follow_the_convention_and_the_cli_forms()
    {
        Assert.Equal("BTC_USDT.GATEIO", GateIoInstrumentIds.Of(GateIoMarket.Spot, "btc_usdt").ToString());
        Assert.Equal("BTC_USDT-PERP.GATEIO", GateIoInstrumentIds.Of(GateIoMarket.UsdtFutures, "BTC_USDT").ToString());
        Assert.Equal(InstrumentId.Parse("BTC_USDT.GATEIO"), GateIoInstrumentIds.ParseCli("gate-spot:BTC_USDT"));
        Assert.Equal(InstrumentId.Parse("BTC_USDT-PERP.GATEIO"), GateIoInstrumentIds.ParseCli("gate-usdt:BTC_USDT"));
        Assert.Throws<FormatException>(() => GateIoInstrumentIds.ParseCli("gate:BTC_USDT"));
        Assert.True(GateIoInstrumentIds.TryDecompose(InstrumentId.Parse("ETH_USDT-PERP.GATEIO"), out var market, out var name));
        Assert.Equal((GateIoMarket.UsdtFutures, "ETH_USDT"), (market, name));
        Assert.False(GateIoInstrumentIds.TryDecompose(InstrumentId.Parse("BTCUSDT.BINANCE"), out _, out _));
        Assert.Equal(("gate-spot", "gate-usdt"), (GateIoMarket.Spot.ToCliPrefix(), GateIoMarket.UsdtFutures.ToCliPrefix()));
    }

    [Fact]
    public void Same_name_resolves_per_market_and_lookups_allocate_nothing()
    {
        var registry = new GateIoSymbolRegistry();
        Assert.True(registry.Resolve(GateIoMarket.Spot, "BTC_USDT"u8, out var spot));
        Assert.True(registry.Resolve(GateIoMarket.UsdtFutures, "BTC_USDT"u8, out var perp));
        Assert.NotEqual(spot, perp);
        Assert.Equal((1, 1), (registry.Count(GateIoMarket.Spot), registry.Count(GateIoMarket.UsdtFutures)));
        Assert.Equal("BTC_USDT", registry.NameOf(GateIoMarket.UsdtFutures, perp));

        var bytes = "BTC_USDT"u8.ToArray();
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                registry.TryGet(GateIoMarket.Spot, bytes, out _);
                registry.Resolve(GateIoMarket.UsdtFutures, bytes, out _);
            }
        }));
    }

    [Fact]
    public void Garbage_names_are_refused_without_registering()
    {
        var registry = new GateIoSymbolRegistry();
        Assert.False(registry.Resolve(GateIoMarket.Spot, "btc usdt"u8, out _));
        Assert.False(registry.Resolve(GateIoMarket.Spot, ""u8, out _));
        Assert.False(registry.Resolve(GateIoMarket.Spot, new byte[100], out _));
        Assert.Equal(0, registry.Count(GateIoMarket.Spot));
    }

    [Fact]
    public void Registered_mapping_wins()
    {
        var registry = new GateIoSymbolRegistry();
        var custom = InstrumentId.Of("CUSTOM", Venue.GateIo);
        registry.Register(GateIoMarket.Spot, "ABC_USDT", custom);
        Assert.True(registry.TryGet(GateIoMarket.Spot, "ABC_USDT"u8, out var found));
        Assert.Equal(custom, found);
        Assert.False(registry.TryGet(GateIoMarket.UsdtFutures, "ABC_USDT"u8, out _));
    }
}
