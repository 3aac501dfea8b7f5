using FlowSight.Core;
using FlowSight.Venues.GateIo.Rest;
using FlowSight.Venues.Network.Http;
using Xunit;

namespace FlowSight.Venues.Tests.GateIo.Rest;

/// <summary><c>spot/currency_pairs</c> and <c>futures/usdt/contracts</c> over HTTP from the recorded cryptofeed responses (GATEIO.0, GATEIO_FUTURES.0).</summary>
public sealed class GateIoInstrumentTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_recorded_1458_currency_pairs_become_spot_specs_from_their_precisions()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        var client = h.Client();

        var list = await client.GetCurrencyPairsAsync(Token).WaitAsync(Timeout, Token);

        Assert.Equal(1458, list.Pairs.Count + list.Unsupported.Count);
        Assert.Equal(["OCN_BTC", "TIPS_ETH"], list.Unsupported.Select(u => u.VenueSymbol).Order(StringComparer.Ordinal)); // precision 10
        Assert.All(list.Pairs, p => Assert.Empty(p.Spec.Validate()));
        Assert.All(list.Pairs, p => Assert.Equal(InstrumentKind.Spot, p.Spec.Kind));

        var btc = list.Pairs.Single(p => p.Spec.VenueSymbol == "BTC_USDT");
        Assert.Equal("BTC_USDT.GATEIO", btc.Spec.Id.Value);
        Assert.Equal(("BTC", "USDT", "USDT"), (btc.Spec.BaseAsset, btc.Spec.QuoteAsset, btc.Spec.SettleAsset));
        Assert.Equal(0.01m, btc.Spec.TickSize.ToDecimal()); // precision 2
        Assert.Equal(2, btc.Spec.PricePrecision);
        Assert.Equal(0.0001m, btc.Spec.StepSize.ToDecimal()); // amount_precision 4
        Assert.Equal(0.0001m, btc.Spec.MinQuantity.ToDecimal()); // min_base_amount
        Assert.Equal(1m, btc.Spec.MinNotional.ToDecimal()); // min_quote_amount
        Assert.Equal(0.002m, btc.Spec.TakerFee); // fee 0.2 %
        Assert.True(btc.IsTradable);

        var old = list.Pairs.Single(p => p.Spec.VenueSymbol == "IHT_ETH"); // listed before min_base_amount existed
        Assert.Equal(0.000000001m, old.Spec.TickSize.ToDecimal());
        Assert.Equal(0.1m, old.Spec.MinQuantity.ToDecimal());
        Assert.Equal(0.001m, old.Spec.MinNotional.ToDecimal());
        Assert.Contains(list.Pairs, p => p.TradeStatus == "untradable");
        Assert.Contains(list.Pairs, p => p.TradeStatus == "sellable");
        Assert.Equal("/api/v4/spot/currency_pairs", h.Rest.Requests.Single().Path);
    }

    [Fact]
    public async Task The_recorded_302_usdt_contracts_become_perpetual_specs_with_quanto_multiplier()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        var client = h.Client();

        var list = await client.GetContractsAsync(Token).WaitAsync(Timeout, Token);

        Assert.Equal(302, list.Contracts.Count + list.Unsupported.Count);
        Assert.Equal(7, list.Unsupported.Count); // price steps down to 1e-12 (VINU_USDT, PEPE_USDT…)
        Assert.Contains(list.Unsupported, u => u.VenueSymbol == "PEPE_USDT");
        Assert.All(list.Contracts, c => Assert.Empty(c.Spec.Validate()));
        Assert.All(list.Contracts, c => Assert.Equal(InstrumentKind.Perpetual, c.Spec.Kind));

        var btc = list.Contracts.Single(c => c.Spec.VenueSymbol == "BTC_USDT");
        Assert.Equal("BTC_USDT-PERP.GATEIO", btc.Spec.Id.Value);
        Assert.Equal(("BTC", "USDT", "USDT"), (btc.Spec.BaseAsset, btc.Spec.QuoteAsset, btc.Spec.SettleAsset));
        Assert.Equal(0.0001m, btc.Spec.ContractMultiplier); // one contract is 0.0001 BTC
        Assert.Equal(0.1m, btc.Spec.TickSize.ToDecimal());
        Assert.Equal(1m, btc.Spec.StepSize.ToDecimal());
        Assert.Equal(1m, btc.Spec.MinQuantity.ToDecimal());
        Assert.Equal(1000000m, btc.Spec.MaxQuantity!.Value.ToDecimal());
        Assert.Equal(100m, btc.Spec.MaxLeverage);
        Assert.Equal((-0.000152m, 0.00075m), (btc.Spec.MakerFee, btc.Spec.TakerFee));
        Assert.False(btc.Spec.IsInverse);
        Assert.Equal("direct", btc.Type);
        Assert.Equal(28800, btc.FundingIntervalSeconds);
        Assert.Equal(0.000086m, btc.FundingRate);
        Assert.Equal(1684944000L * UnixNanos.PerSecond, btc.NextFundingTime);
        Assert.Equal(1m, list.Contracts.Single(c => c.Spec.VenueSymbol == "KNC_USDT").Spec.ContractMultiplier);
        Assert.Contains(list.Contracts, c => c.InDelisting);
    }

    [Fact]
    public async Task Both_markets_together_give_one_spec_list_and_every_left_out_listing()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        var client = h.Client();

        var all = await client.GetInstrumentsAsync(Token).WaitAsync(Timeout, Token);

        Assert.Equal(1458 + 302 - 9, all.Specs.Count);
        Assert.Equal(9, all.Unsupported.Count);
        Assert.Equal(all.Specs.Count, all.Specs.Select(s => s.Id).Distinct().Count()); // BTC_USDT spot and perpetual never collide
        Assert.Equal(["/api/v4/spot/currency_pairs", "/api/v4/futures/usdt/contracts"], h.Rest.Requests.Select(r => r.Path));
    }
}
