using System.Text;
using FlowSight.Core;
using FlowSight.TestKit;
using FlowSight.Venues.Binance;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Parsing;

public sealed class BinanceSymbolRegistryTests
{
    [Theory]
    [InlineData(BinanceMarket.Spot, "BTCUSDT", "BTCUSDT.BINANCE")]
    [InlineData(BinanceMarket.UsdM, "BTCUSDT", "BTCUSDT-PERP.BINANCE")]
    [InlineData(BinanceMarket.UsdM, "BTCUSDT_240927", "BTCUSDT_240927.BINANCE")]
    [InlineData(BinanceMarket.CoinM, "BTCUSD_PERP", "BTCUSD_PERP.BINANCE")]
    [InlineData(BinanceMarket.CoinM, "BTCUSD_240927", "BTCUSD_240927.BINANCE")]
    public void Ids_follow_the_naming_convention(BinanceMarket market, string symbol, string expected)
    {
        Assert.Equal(expected, BinanceInstrumentIds.Of(market, symbol).Value);

        var registry = new BinanceSymbolRegistry();
        Assert.Equal(BinanceSymbolLookup.Registered, registry.Resolve(market, Encoding.ASCII.GetBytes(symbol), out var id));
        Assert.Equal(expected, id.Value);
        Assert.Equal(BinanceSymbolLookup.Found, registry.Resolve(market, Encoding.ASCII.GetBytes(symbol.ToLowerInvariant()), out var again));
        Assert.Equal(id, again);
    }

    [Fact]
    public void The_same_symbol_names_different_instruments_per_market()
    {
        var registry = new BinanceSymbolRegistry();
        registry.Register(BinanceMarket.Spot, "BTCUSDT");
        registry.Register(BinanceMarket.UsdM, "BTCUSDT");

        Assert.True(registry.TryGet(BinanceMarket.Spot, "btcusdt"u8, out var spot));
        Assert.True(registry.TryGet(BinanceMarket.UsdM, "BTCUSDT"u8, out var perpetual));
        Assert.False(registry.TryGet(BinanceMarket.CoinM, "BTCUSDT"u8, out _));
        Assert.NotEqual(spot, perpetual);
        Assert.Equal(2, registry.Count);
    }

    [Fact]
    public void An_explicit_registration_replaces_the_guess()
    {
        var registry = new BinanceSymbolRegistry();
        registry.Register(BinanceMarket.UsdM, "BTCUSDT");
        var custom = InstrumentId.Of("BTCUSDT-CUSTOM", Venue.Binance);

        registry.Register(BinanceMarket.UsdM, "BTCUSDT", custom);

        Assert.True(registry.TryGet(BinanceMarket.UsdM, "BTCUSDT"u8, out var id));
        Assert.Equal(custom, id);
        Assert.Equal(1, registry.Count);
    }

    [Fact]
    public void The_report_policy_registers_nothing()
    {
        var registry = new BinanceSymbolRegistry(BinanceUnknownSymbolPolicy.Report);

        Assert.Equal(BinanceSymbolLookup.Unknown, registry.Resolve(BinanceMarket.Spot, "ETHBTC"u8, out var id));
        Assert.True(id.IsDefault);
        Assert.Equal(0, registry.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("BTC USDT")]
    [InlineData("BTC\"USDT")]
    [InlineData("币安人生USDT")]
    public void Symbols_that_cannot_name_an_instrument_are_invalid(string symbol)
    {
        var registry = new BinanceSymbolRegistry();

        Assert.Equal(BinanceSymbolLookup.Invalid, registry.Resolve(BinanceMarket.Spot, Encoding.UTF8.GetBytes(symbol), out _));
        Assert.Equal(0, registry.Count);
    }

    [Fact]
    public void Too_long_symbols_are_invalid()
    {
        var registry = new BinanceSymbolRegistry();

        Assert.Equal(BinanceSymbolLookup.Invalid, registry.Resolve(BinanceMarket.Spot, Encoding.ASCII.GetBytes(new string('A', 65)), out _));
        // 61 letters fit a spot id but not a USDⓈ-M one, which gains "-PERP".
        Assert.Equal(BinanceSymbolLookup.Registered, registry.Resolve(BinanceMarket.Spot, Encoding.ASCII.GetBytes(new string('A', 61)), out _));
        Assert.Equal(BinanceSymbolLookup.Invalid, registry.Resolve(BinanceMarket.UsdM, Encoding.ASCII.GetBytes(new string('A', 61)), out _));
    }

    [Fact]
    public void Thousands_of_symbols_resolve_after_the_table_grows()
    {
        var registry = new BinanceSymbolRegistry();
        for (var i = 0; i < 3_000; i++)
        {
            Assert.Equal(BinanceSymbolLookup.Registered, registry.Resolve(BinanceMarket.UsdM, Encoding.ASCII.GetBytes($"S{i}USDT"), out _));
        }

        for (var i = 0; i < 3_000; i++)
        {
            Assert.Equal(BinanceSymbolLookup.Found, registry.Resolve(BinanceMarket.UsdM, Encoding.ASCII.GetBytes($"s{i}usdt"), out var id));
            Assert.Equal($"S{i}USDT-PERP.BINANCE", id.Value);
        }

        Assert.Equal(3_000, registry.Count);
    }

    [Fact]
    public void Concurrent_first_sightings_agree()
    {
        var registry = new BinanceSymbolRegistry();
        var symbols = Enumerable.Range(0, 500).Select(i => Encoding.ASCII.GetBytes($"C{i}BTC")).ToArray();
        var results = new InstrumentId[4, symbols.Length];

        Parallel.For(0, 4, worker =>
        {
            for (var i = 0; i < symbols.Length; i++)
            {
                var index = (i + (worker * 137)) % symbols.Length; // each worker starts elsewhere and covers all
                registry.Resolve(BinanceMarket.Spot, symbols[index], out results[worker, index]);
            }
        });

        Assert.Equal(symbols.Length, registry.Count);
        for (var i = 0; i < symbols.Length; i++)
        {
            Assert.False(results[0, i].IsDefault);
            Assert.Equal(results[0, i], results[1, i]);
            Assert.Equal(results[0, i], results[2, i]);
            Assert.Equal(results[0, i], results[3, i]);
        }
    }

    [Fact]
    public void Lookups_do_not_allocate()
    {
        var registry = new BinanceSymbolRegistry();
        registry.Register(BinanceMarket.Spot, "BTCUSDT");
        registry.Register(BinanceMarket.Spot, "ETHUSDT");
        var total = 0;
        var allocated = Allocations.SteadyState(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                total += Lookup(registry);
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(total > 0);
    }

    private static int Lookup(BinanceSymbolRegistry registry)
    {
        registry.Resolve(BinanceMarket.Spot, "BTCUSDT"u8, out var a);
        registry.Resolve(BinanceMarket.Spot, "ethusdt"u8, out var b);
        registry.Resolve(BinanceMarket.Spot, "NOPE\x01"u8, out _);
        return a.Handle + b.Handle + 2;
    }

    [Theory]
    [InlineData("binance-spot", BinanceMarket.Spot)]
    [InlineData("binance-usdm", BinanceMarket.UsdM)]
    [InlineData("BINANCE-COINM", BinanceMarket.CoinM)]
    public void Cli_prefixes_round_trip(string text, BinanceMarket market)
    {
        Assert.True(BinanceMarketExtensions.TryParseCliPrefix(text, out var parsed));
        Assert.Equal(market, parsed);
        Assert.Equal(text.ToLowerInvariant(), market.ToCliPrefix());
        Assert.False(BinanceMarketExtensions.TryParseCliPrefix("binance", out _));
    }
}
