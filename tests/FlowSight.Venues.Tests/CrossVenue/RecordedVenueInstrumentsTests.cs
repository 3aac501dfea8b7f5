using FlowSight.Core;
using FlowSight.Engine.Instruments;
using FlowSight.TestKit;
using FlowSight.TestServers.Binance;
using FlowSight.TestServers.GateIo;
using FlowSight.TestServers.Okx;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Rest;
using FlowSight.Venues.GateIo.Rest;
using FlowSight.Venues.Okx.Rest;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FlowSight.Venues.Tests.CrossVenue;

/// <summary>
/// The instrument registry over the venues' own REST clients and parsers: every recorded Binance exchangeInfo (spot
/// 2021-10-12, USDⓈ-M 2021-07-22), OKX instruments (SPOT, SWAP, FUTURES 2022-05-13) and Gate.io currency pairs
/// (2021-04-22) and USDT contracts (2023-05-24), fetched over HTTP from the local test servers.
/// </summary>
public sealed class RecordedVenueInstrumentsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<(InstrumentRegistry Registry, List<(Instrument Spec, string Reason)> Refused, int Loaded)> LoadAllAsync()
    {
        var root = SharedData.Require();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        await using var binanceServer = await BinanceTestServer.StartAsync(new BinanceTestServerOptions { TimeProvider = clock, RestDataRoot = root });
        await using var okxServer = await OkxTestServer.StartAsync(new OkxTestServerOptions { TimeProvider = clock, RestDataRoot = root }, Token);
        await using var gateServer = await GateIoTestServer.StartAsync(new GateIoTestServerOptions { TimeProvider = clock, RestDataRoot = root }, Token);

        var specs = new List<Instrument>();
        foreach (var market in new[] { BinanceMarket.Spot, BinanceMarket.UsdM })
        {
            using var binance = new BinanceRestClient(new BinanceRestOptions(market) { BaseAddress = binanceServer.HttpBaseUri, AttemptTimeout = TimeSpan.FromHours(6) }, clock);
            specs.AddRange((await binance.GetExchangeInfoAsync(cancellationToken: Token).WaitAsync(Timeout, Token)).Instruments);
        }

        using (var okx = new OkxRestClient(new OkxRestOptions { BaseAddress = okxServer.HttpBaseUri, AttemptTimeout = TimeSpan.FromHours(6) }, clock))
        {
            specs.AddRange((await okx.GetAllInstrumentsAsync(cancellationToken: Token).WaitAsync(Timeout, Token)).Instruments.Select(i => i.Spec));
        }

        using (var gate = new GateIoRestClient(new GateIoRestOptions { BaseAddress = gateServer.RestApiRoot, AttemptTimeout = TimeSpan.FromHours(6) }, clock))
        {
            specs.AddRange((await gate.GetInstrumentsAsync(Token).WaitAsync(Timeout, Token)).Specs);
        }

        var registry = new InstrumentRegistry();
        var refused = new List<(Instrument, string)>();
        foreach (var spec in specs)
        {
            try
            {
                registry.Register(spec);
            }
            catch (ArgumentException ex)
            {
                refused.Add((spec, ex.Message));
            }
        }

        return (registry, refused, specs.Count);
    }

    [Fact]
    public async Task BTC_USDT_perpetual_on_all_venues_maps_to_the_three_venue_instruments_with_their_contract_sizes()
    {
        var (registry, _, _) = await LoadAllAsync();

        var perp = CommonInstrumentKey.Parse("BTC/USDT-PERP");
        Assert.Equal(["BTC-USDT-SWAP.OKX", "BTCUSDT-PERP.BINANCE", "BTC_USDT-PERP.GATEIO"], registry.InstrumentsOf(perp).Select(i => i.Value));
        Assert.Equal(1m, registry.Get(InstrumentId.Parse("BTCUSDT-PERP.BINANCE")).SizeMultiplier);
        Assert.Equal(0.01m, registry.Get(InstrumentId.Parse("BTC-USDT-SWAP.OKX")).SizeMultiplier);        // ctVal × ctMult
        Assert.Equal(0.0001m, registry.Get(InstrumentId.Parse("BTC_USDT-PERP.GATEIO")).SizeMultiplier);   // quanto_multiplier
        Assert.True(registry.TryGetCommon(perp, out var common));
        Assert.Equal((2, 4, "BTC"), (common.PricePrecision, common.SizePrecision, common.SizeAsset));

        // 25 OKX contracts are 0.25 BTC are 2,500 Gate.io contracts; 0.2537 BTC is 25 OKX contracts with 0.0037 left over.
        var quarter = registry.ToCommonQuantity(InstrumentId.Parse("BTC-USDT-SWAP.OKX"), Quantity.Parse("25"));
        Assert.Equal(Quantity.Parse("2500"), registry.ToVenueQuantity(InstrumentId.Parse("BTC_USDT-PERP.GATEIO"), quarter).Quantity);
        var okx = registry.ToVenueQuantity(InstrumentId.Parse("BTC-USDT-SWAP.OKX"), Quantity.Parse("0.2537"));
        Assert.Equal((Quantity.Parse("25"), Quantity.Parse("0.0037")), (okx.Quantity, okx.Unfilled));
        Assert.Equal(Quantity.Parse("0.253"), registry.ToVenueQuantity(InstrumentId.Parse("BTCUSDT-PERP.BINANCE"), Quantity.Parse("0.2537")).Quantity);
    }

    [Fact]
    public async Task Spot_ETH_SHIB_inverse_and_dated_contracts_find_their_venues()
    {
        var (registry, _, _) = await LoadAllAsync();

        Assert.Equal(["BTC-USDT.OKX", "BTCUSDT.BINANCE", "BTC_USDT.GATEIO"], registry.InstrumentsOf("BTC/USDT").Select(i => i.Value));
        Assert.Equal(3, registry.InstrumentsOf("ETH/USDT-PERP").Count);
        Assert.Contains(InstrumentId.Parse("BTC-USD-SWAP.OKX"), registry.InstrumentsOf("BTC/USD-PERP:BTC"));
        Assert.Contains(InstrumentId.Parse("BTC-USDT-220624.OKX"), registry.InstrumentsOf("BTC/USDT-20220624"));

        // Binance lists SHIB in lots of 1,000; OKX's contract is 1,000,000 SHIB, Gate.io's 10,000.
        var shib = registry.InstrumentsOf("SHIB/USDT-PERP").Select(i => i.Value).ToArray();
        Assert.Equal(["1000SHIBUSDT-PERP.BINANCE", "SHIB-USDT-SWAP.OKX", "SHIB_USDT-PERP.GATEIO"], shib);
        Assert.Equal(1_000m, registry.Get(InstrumentId.Parse("1000SHIBUSDT-PERP.BINANCE")).SizeMultiplier);
        Assert.Equal(1_000_000m, registry.Get(InstrumentId.Parse("SHIB-USDT-SWAP.OKX")).SizeMultiplier);
        Assert.Equal(10_000m, registry.Get(InstrumentId.Parse("SHIB_USDT-PERP.GATEIO")).SizeMultiplier);
        Assert.Equal(
            registry.ToCommonPrice(InstrumentId.Parse("SHIB_USDT-PERP.GATEIO"), Price.Parse("0.000007123")),
            registry.ToCommonPrice(InstrumentId.Parse("1000SHIBUSDT-PERP.BINANCE"), Price.Parse("0.007123")));
    }

    [Fact]
    public async Task Every_recorded_spec_registers_or_is_refused_for_a_stated_precision_limit()
    {
        var (registry, refused, loaded) = await LoadAllAsync();

        TestContext.Current.SendDiagnosticMessage($"{loaded} specs, {registry.Instruments.Count} registered under {registry.CommonInstruments.Count} keys, {refused.Count} refused: "
            + string.Join("; ", refused.Select(r => $"{r.Spec.Id}: {r.Reason}")));
        Assert.Equal(loaded, registry.Instruments.Count + refused.Count);
        Assert.All(refused, r => Assert.Contains("decimals", r.Reason, StringComparison.Ordinal));
        Assert.True(registry.CommonInstruments.Count(c => c.Instruments.Select(i => i.Venue).Distinct().Count() == 3) > 20);
    }
}
