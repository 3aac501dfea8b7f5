using System.Text.Json;
using FlowSight.Core;
using FlowSight.TestKit;
using FlowSight.TestServers.Binance;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Rest;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Rest;

/// <summary>
/// <c>exchangeInfo</c> over HTTP from the recorded responses (spot 2021-10-12, USDⓈ-M 2021-07-22) into instrument
/// specs, checked field for field against the files read independently here.
/// </summary>
public sealed class BinanceExchangeInfoTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Spot_instruments_match_the_recorded_file_field_for_field()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        var client = h.Client(BinanceMarket.Spot);

        var info = await client.GetExchangeInfoAsync(cancellationToken: Token).WaitAsync(Timeout, Token);

        using var file = JsonDocument.Parse(File.ReadAllBytes(SharedData.Require("binance/spot/rest/exchangeInfo_api_v3_20211012.json")));
        var recorded = file.RootElement.GetProperty("symbols").EnumerateArray().ToList();
        Assert.Equal(1695, recorded.Count);
        Assert.Equal(recorded.Count, info.Symbols.Count);
        for (var i = 0; i < recorded.Count; i++)
        {
            var s = recorded[i];
            var actual = info.Symbols[i];
            var spec = actual.Spec;
            var symbol = s.GetProperty("symbol").GetString()!;
            Assert.Equal(symbol, spec.VenueSymbol);
            Assert.Equal(InstrumentId.Of(symbol, Venue.Binance), spec.Id);
            Assert.Equal(InstrumentKind.Spot, spec.Kind);
            Assert.Equal(s.GetProperty("baseAsset").GetString(), spec.BaseAsset);
            Assert.Equal(s.GetProperty("quoteAsset").GetString(), spec.QuoteAsset);
            Assert.Equal(s.GetProperty("status").GetString(), actual.Status);
            Same(Filter(s, "PRICE_FILTER", "tickSize"), spec.TickSize);
            Same(Filter(s, "PRICE_FILTER", "minPrice"), actual.MinPrice);
            Same(Filter(s, "PRICE_FILTER", "maxPrice"), actual.MaxPrice);
            Same(Filter(s, "LOT_SIZE", "stepSize"), spec.StepSize);
            Same(Filter(s, "LOT_SIZE", "minQty"), spec.MinQuantity);
            Same(Filter(s, "LOT_SIZE", "maxQty"), spec.MaxQuantity!.Value);
            Same(Filter(s, "MIN_NOTIONAL", "minNotional"), spec.MinNotional);
            Assert.Empty(spec.Validate());
        }

        var btc = info.Find("BTCUSDT")!.Spec;
        Assert.Equal("0.01000000", btc.TickSize.ToString()); // Binance's own decimals are kept...
        Assert.Equal(2, btc.PricePrecision); // ...while the precision is the tick's significant decimals
        Assert.Equal("0.00001000", btc.StepSize.ToString());
        Assert.Equal(5, btc.SizePrecision);
        Assert.Equal("0.00001000", btc.MinQuantity.ToString());
        Assert.Equal(9000m, btc.MaxQuantity!.Value.ToDecimal());
        Assert.Equal(10m, btc.MinNotional.ToDecimal());
        Assert.Equal(1m, btc.ContractMultiplier);
        Assert.Null(btc.Expiry);
    }

    [Fact]
    public async Task Spot_rate_limits_configure_the_hosts_limiter()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        var client = h.Client(BinanceMarket.Spot);

        var info = await client.GetExchangeInfoAsync(cancellationToken: Token).WaitAsync(Timeout, Token);

        Assert.Equal(
            [new BinanceRateLimit("REQUEST_WEIGHT", "MINUTE", 1, 1200), new("ORDERS", "SECOND", 10, 50), new("ORDERS", "DAY", 1, 160000), new("RAW_REQUESTS", "MINUTE", 5, 6100)],
            info.RateLimits);
        var rules = client.Host.Limiter.Rules;
        Assert.Equal(2, rules.Count); // ORDERS are per account, for the order client
        var weight = rules.Single(r => r.Pool == BinanceRateLimits.RequestWeight);
        Assert.Equal((TimeSpan.FromMinutes(1), 1200, "X-MBX-USED-WEIGHT-1M"), (weight.Interval, weight.Limit, weight.UsedHeader));
        var raw = rules.Single(r => r.Pool == BinanceRateLimits.RawRequests);
        Assert.Equal((TimeSpan.FromMinutes(5), 6100, (string?)null), (raw.Interval, raw.Limit, raw.UsedHeader));
        Assert.Equal(20, h.Rest.Requests.Single().Weight); // spot exchangeInfo costs 20
        Assert.Equal(20, client.Host.Snapshot(h.Clock.GetUtcNow()).Windows.Single(w => w.Pool == BinanceRateLimits.RequestWeight).Used);
    }

    [Fact]
    public async Task Usdm_instruments_match_the_recorded_file_field_for_field()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        var client = h.Client(BinanceMarket.UsdM);

        var info = await client.GetExchangeInfoAsync(cancellationToken: Token).WaitAsync(Timeout, Token);

        using var file = JsonDocument.Parse(File.ReadAllBytes(SharedData.Require("binance/futures/rest/exchangeInfo_fapi_20210722.json")));
        var recorded = file.RootElement.GetProperty("symbols").EnumerateArray().ToList();
        Assert.Equal(122, recorded.Count);
        Assert.Equal(recorded.Count, info.Symbols.Count);
        for (var i = 0; i < recorded.Count; i++)
        {
            var s = recorded[i];
            var actual = info.Symbols[i];
            var spec = actual.Spec;
            var symbol = s.GetProperty("symbol").GetString()!;
            var contractType = s.GetProperty("contractType").GetString()!;
            var dated = contractType.Contains("QUARTER", StringComparison.Ordinal) || contractType.Contains("MONTH", StringComparison.Ordinal);
            var delivery = UnixNanos.FromMilliseconds(s.GetProperty("deliveryDate").GetInt64());
            Assert.Equal(symbol, spec.VenueSymbol);
            Assert.Equal(InstrumentId.Of(dated ? symbol : symbol + "-PERP", Venue.Binance), spec.Id);
            Assert.Equal(dated ? InstrumentKind.DatedFuture : InstrumentKind.Perpetual, spec.Kind);
            Assert.Equal(contractType, actual.ContractType.ToBinanceText());
            Assert.Equal(s.GetProperty("pair").GetString(), actual.Pair);
            Assert.Equal(delivery, actual.DeliveryDate);
            Assert.Equal(UnixNanos.FromMilliseconds(s.GetProperty("onboardDate").GetInt64()), actual.OnboardDate);
            Assert.Equal(dated ? delivery : null, spec.Expiry);
            Assert.Equal(s.GetProperty("status").GetString(), actual.Status);
            Assert.Equal(s.GetProperty("baseAsset").GetString(), spec.BaseAsset);
            Assert.Equal(s.GetProperty("quoteAsset").GetString(), spec.QuoteAsset);
            Assert.Equal(s.GetProperty("marginAsset").GetString(), spec.SettleAsset);
            Assert.False(spec.IsInverse);
            Same(Filter(s, "PRICE_FILTER", "tickSize"), spec.TickSize);
            Same(Filter(s, "PRICE_FILTER", "minPrice"), actual.MinPrice);
            Same(Filter(s, "PRICE_FILTER", "maxPrice"), actual.MaxPrice);
            Same(Filter(s, "LOT_SIZE", "stepSize"), spec.StepSize);
            Same(Filter(s, "LOT_SIZE", "minQty"), spec.MinQuantity);
            Same(Filter(s, "LOT_SIZE", "maxQty"), spec.MaxQuantity!.Value);
            Same(Filter(s, "MIN_NOTIONAL", "notional"), spec.MinNotional);
            Assert.Empty(spec.Validate());
        }

        var perp = info.Find("BTCUSDT")!;
        Assert.Equal("BTCUSDT-PERP.BINANCE", perp.Spec.Id.Value);
        Assert.Equal(BinanceContractType.Perpetual, perp.ContractType);
        Assert.Equal(("0.01", "0.001", "0.001", "1000", "5"), (perp.Spec.TickSize.ToString(), perp.Spec.StepSize.ToString(), perp.Spec.MinQuantity.ToString(), perp.Spec.MaxQuantity.ToString(), perp.Spec.MinNotional.ToString()));
        Assert.Equal("USDT", perp.Spec.SettleAsset);

        var quarter = info.Find("BTCUSDT_210924")!;
        Assert.Equal("BTCUSDT_210924.BINANCE", quarter.Spec.Id.Value);
        Assert.Equal(InstrumentKind.DatedFuture, quarter.Spec.Kind);
        Assert.Equal(BinanceContractType.CurrentQuarter, quarter.ContractType);
        Assert.Equal(new DateTimeOffset(2021, 9, 24, 8, 0, 0, TimeSpan.Zero), UnixNanos.ToDateTimeOffset(quarter.Spec.Expiry!.Value));
        Assert.Equal("0.1", quarter.Spec.TickSize.ToString());

        // Binance left this pending contract's type empty; its 2100 delivery date says it is a perpetual.
        var pending = info.Find("BTCSTUSDT")!;
        Assert.Equal((BinanceContractType.None, InstrumentKind.Perpetual, "PENDING_TRADING"), (pending.ContractType, pending.Spec.Kind, pending.Status));

        Assert.Equal(2400, client.Host.Limiter.Rules.Single(r => r.Pool == BinanceRateLimits.RequestWeight).Limit);
        Assert.Equal(1, h.Rest.Requests.Single().Weight);
    }

    [Fact]
    public async Task Coinm_instruments_are_inverse_with_their_contract_size()
    {
        await using var h = await BinanceRestHarness.StartAsync(recorded: false);
        var client = h.Client(BinanceMarket.CoinM);

        var info = await client.GetExchangeInfoAsync(cancellationToken: Token).WaitAsync(Timeout, Token);

        var perp = info.Find("BTCUSD_PERP")!.Spec;
        Assert.Equal("BTCUSD_PERP.BINANCE", perp.Id.Value);
        Assert.Equal((InstrumentKind.Perpetual, true, 100m, "BTC", "USD", "BTC"), (perp.Kind, perp.IsInverse, perp.ContractMultiplier, perp.BaseAsset, perp.QuoteAsset, perp.SettleAsset));
        Assert.Equal(("0.1", "1", "1"), (perp.TickSize.ToString(), perp.StepSize.ToString(), perp.MinQuantity.ToString()));
        Assert.Equal(default, perp.MinNotional); // COIN-M has no notional filter
        Assert.Equal("TRADING", info.Find("BTCUSD_PERP")!.Status); // from contractStatus
        Assert.Equal(10m, info.Find("ETHUSD_PERP")!.Spec.ContractMultiplier);

        var quarter = info.Find("BTCUSD_240927")!;
        Assert.Equal(("BTCUSD_240927.BINANCE", InstrumentKind.DatedFuture, BinanceContractType.CurrentQuarter), (quarter.Spec.Id.Value, quarter.Spec.Kind, quarter.ContractType));
        Assert.Equal(new DateTimeOffset(2024, 9, 27, 8, 0, 0, TimeSpan.Zero), UnixNanos.ToDateTimeOffset(quarter.Spec.Expiry!.Value));
        Assert.All(info.Instruments, i => Assert.Empty(i.Validate()));
    }

    [Fact]
    public async Task Spot_filters_symbols_on_the_server_and_futures_on_the_client()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        var spot = h.Client(BinanceMarket.Spot);
        var usdm = h.Client(BinanceMarket.UsdM);

        var spotInfo = await spot.GetExchangeInfoAsync(new ExchangeInfoRequest { Symbols = ["BTCUSDT", "ethusdt"] }, Token).WaitAsync(Timeout, Token);
        var usdmInfo = await usdm.GetExchangeInfoAsync(new ExchangeInfoRequest { Symbols = ["ETHUSDT"] }, Token).WaitAsync(Timeout, Token);

        Assert.Equal(["BTCUSDT", "ETHUSDT"], spotInfo.Symbols.Select(s => s.Spec.VenueSymbol));
        Assert.Contains("symbols=", h.Rest.Requests[0].Query, StringComparison.Ordinal);
        Assert.Equal("ETHUSDT-PERP.BINANCE", usdmInfo.Symbols.Single().Spec.Id.Value);
        Assert.Equal(string.Empty, h.Rest.Requests[1].Query);
    }

    /// <summary>
    /// The value Binance wrote, with its own decimals; only where those do not fit 64 bits (Binance pads huge limits
    /// like <c>46116860414.00000000</c>) may the trailing zeros go.
    /// </summary>
    private static void Same<T>(string text, T actual)
        where T : struct, ISpanFormattable
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var fits = Money.TryParse(text, out _, out _);
        var parsed = decimal.Parse(actual.ToString(null, System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(value, parsed);
        if (fits)
        {
            Assert.Equal(text, actual.ToString(null, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static string Filter(JsonElement symbol, string type, string field) =>
        symbol.GetProperty("filters").EnumerateArray().Single(f => f.GetProperty("filterType").GetString() == type).GetProperty(field).GetString()!;
}
