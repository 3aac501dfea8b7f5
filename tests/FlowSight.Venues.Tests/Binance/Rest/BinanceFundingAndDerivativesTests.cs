using FlowSight.Core;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Rest;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Rest;

/// <summary>Funding history paging, open interest, mark price and the server clock, over HTTP.</summary>
public sealed class BinanceFundingAndDerivativesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Start = BinanceRestHarness.Start;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static long Nanos(DateTimeOffset time) => UnixNanos.FromDateTimeOffset(time);

    [Fact]
    public async Task Funding_history_pages_forward_without_duplicates()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        var client = h.Client(BinanceMarket.UsdM);

        var history = await client.GetFundingRateHistoryAsync(
            new FundingRateHistoryRequest("BTCUSDT") { StartTime = Nanos(Start.AddDays(-30)), EndTime = Nanos(Start), PageSize = 25 },
            Token).WaitAsync(Timeout, Token);

        var rates = history.Rates;
        var symbol = h.Rest.Data.Symbol(TestServers.Binance.BinanceServerMarket.UsdM, "BTCUSDT")!;
        var settlements = h.Rest.Synthetic.FundingTimes(symbol, Start.AddDays(-30).ToUnixTimeMilliseconds(), Start.ToUnixTimeMilliseconds()).ToList();
        Assert.InRange(settlements.Count, 90, 91); // three a day, stamped a few ms after 00:00, 08:00 and 16:00
        Assert.Equal(settlements, rates.Select(r => UnixNanos.ToMilliseconds(r.FundingTime)));
        Assert.Equal(4, history.Pages); // 25 + 25 + 25 + the rest
        Assert.All(rates, r => Assert.Equal(8, r.IntervalHours));
        Assert.All(rates, r => Assert.Equal("BTCUSDT-PERP.BINANCE", r.Instrument.Value));
        Assert.True(rates.Zip(rates.Skip(1)).All(p => p.Second.FundingTime > p.First.FundingTime));
        Assert.All(rates, r => Assert.InRange(r.FundingTime - Nanos(Start.AddDays(-30)), 0, 30L * 24 * 3600 * UnixNanos.PerSecond));
        Assert.All(rates, r => Assert.Equal(h.Rest.Synthetic.FundingRate(symbol, UnixNanos.ToMilliseconds(r.FundingTime)), r.Rate));

        // USDⓈ-M funding draws from its own pool, not from the request weight.
        Assert.All(h.Rest.Requests, r => Assert.Equal(0, r.Weight));
        var windows = client.Host.Snapshot(h.Clock.GetUtcNow()).Windows;
        Assert.Equal(4, windows.Single(w => w.Pool == BinanceRateLimits.FundingRate).Used);
        Assert.Equal(0, windows.Single(w => w.Pool == BinanceRateLimits.RequestWeight).Used);
    }

    [Fact]
    public async Task Coinm_funding_costs_weight_and_a_delivery_contract_has_none()
    {
        await using var h = await BinanceRestHarness.StartAsync(recorded: false);
        var client = h.Client(BinanceMarket.CoinM);

        var perp = await client.GetFundingRateHistoryAsync(new FundingRateHistoryRequest("BTCUSD_PERP") { StartTime = Nanos(Start.AddDays(-2)), EndTime = Nanos(Start.AddHours(-1)) }, Token).WaitAsync(Timeout, Token);
        var quarter = await client.GetFundingRateHistoryAsync(new FundingRateHistoryRequest("BTCUSD_240927") { StartTime = Nanos(Start.AddDays(-2)) }, Token).WaitAsync(Timeout, Token);

        Assert.Equal(6, perp.Rates.Count);
        Assert.Equal("BTCUSD_PERP.BINANCE", perp.Rates[0].Instrument.Value);
        Assert.Empty(quarter.Rates);
        Assert.All(h.Rest.Requests, r => Assert.Equal(1, r.Weight));
    }

    [Fact]
    public async Task Spot_has_no_funding()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        var client = h.Client(BinanceMarket.Spot);

        await Assert.ThrowsAsync<NotSupportedException>(() => client.GetFundingRateHistoryAsync(new FundingRateHistoryRequest("BTCUSDT"), Token));
    }

    [Theory]
    [InlineData(1234)]
    [InlineData(-2500)]
    public async Task The_server_clock_offset_is_measured_from_the_midpoint(int skewMilliseconds)
    {
        await using var h = await BinanceRestHarness.StartAsync(recorded: false);
        h.Rest.ServerClockSkew = TimeSpan.FromMilliseconds(skewMilliseconds);
        var client = h.Client(BinanceMarket.UsdM);

        var sample = await client.GetServerTimeAsync(Token).WaitAsync(Timeout, Token);

        // The fake clock stands still during the request, so the midpoint is exact.
        Assert.Equal(TimeSpan.FromMilliseconds(skewMilliseconds), sample.Offset);
        Assert.Equal(TimeSpan.Zero, sample.RoundTrip);
        Assert.Equal(Nanos(Start.AddMilliseconds(skewMilliseconds)), sample.ServerTime);
        Assert.Equal(sample.Offset, client.ClockOffset);
        Assert.Equal(sample.Offset, client.Host.Limiter.ClockOffset); // weight windows align to Binance's minute
        Assert.Equal(Nanos(Start.AddMilliseconds(skewMilliseconds)), client.ServerNow);
    }

    [Fact]
    public void The_offset_comes_from_the_midpoint_of_send_and_receive()
    {
        var sample = new ServerTimeSample(ServerTime: 1_000_500 * UnixNanos.PerMillisecond, SentAt: 1_000_000 * UnixNanos.PerMillisecond, ReceivedAt: 1_000_200 * UnixNanos.PerMillisecond);

        Assert.Equal(TimeSpan.FromMilliseconds(400), sample.Offset); // 500 − (0 + 200/2)
        Assert.Equal(TimeSpan.FromMilliseconds(200), sample.RoundTrip);
    }

    [Fact]
    public async Task Open_interest_mark_price_and_statistics_parse_into_core_types()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        var usdm = h.Client(BinanceMarket.UsdM);

        var interest = await usdm.GetOpenInterestAsync(new OpenInterestRequest("BTCUSDT"), Token).WaitAsync(Timeout, Token);
        var mark = await usdm.GetMarkPriceAsync(new MarkPriceRequest("BTCUSDT"), Token).WaitAsync(Timeout, Token);
        var stats = await usdm.GetOpenInterestHistoryAsync(new OpenInterestHistoryRequest("BTCUSDT", CandleInterval.OneHour) { Limit = 24 }, Token).WaitAsync(Timeout, Token);

        Assert.Equal("BTCUSDT-PERP.BINANCE", interest.Instrument.Value);
        Assert.True(interest.Quantity.ToDecimal() > 0);
        Assert.Equal(3, interest.Quantity.Precision);
        Assert.Equal(Nanos(Start), interest.EventTime);

        Assert.Equal("BTCUSDT-PERP.BINANCE", mark.Instrument.Value);
        Assert.True(mark.Mark.ToDecimal() > 0 && mark.Index.ToDecimal() > 0);
        Assert.Equal(Nanos(Start.AddHours(8)), mark.NextFundingTime);
        Assert.InRange(mark.FundingRate, -0.0001m, 0.0003m);

        Assert.Equal(24, stats.Count);
        Assert.True(stats.Zip(stats.Skip(1)).All(p => p.Second.EventTime - p.First.EventTime == 3600 * UnixNanos.PerSecond));
        Assert.All(stats, s => Assert.True(s.Value.ToDecimal() > s.Quantity.ToDecimal()));
        Assert.Equal([1, 1, 0], h.Rest.Requests.Select(r => r.Weight)); // openInterest 1, premiumIndex 1, openInterestHist 0

        await Assert.ThrowsAsync<ArgumentException>(() => usdm.GetOpenInterestHistoryAsync(new OpenInterestHistoryRequest("BTCUSDT", CandleInterval.OneMinute), Token));
    }

    [Fact]
    public async Task Coinm_mark_price_is_found_in_binances_array_and_statistics_go_by_pair()
    {
        await using var h = await BinanceRestHarness.StartAsync(recorded: false);
        var coinm = h.Client(BinanceMarket.CoinM);

        var mark = await coinm.GetMarkPriceAsync(new MarkPriceRequest("BTCUSD_240927"), Token).WaitAsync(Timeout, Token);
        var stats = await coinm.GetOpenInterestHistoryAsync(new OpenInterestHistoryRequest("BTCUSD_PERP", CandleInterval.FiveMinutes) { Limit = 3 }, Token).WaitAsync(Timeout, Token);
        var interest = await coinm.GetOpenInterestAsync(new OpenInterestRequest("BTCUSD_PERP"), Token).WaitAsync(Timeout, Token);

        Assert.Equal("BTCUSD_240927.BINANCE", mark.Instrument.Value);
        Assert.Equal((0m, 0L), (mark.FundingRate, mark.NextFundingTime)); // a delivery contract: "" and 0
        Assert.Equal(3, stats.Count);
        Assert.Equal("BTCUSD_PERP.BINANCE", stats[0].Instrument.Value);
        Assert.Contains("pair=BTCUSD&contractType=PERPETUAL", h.Rest.Requests[1].Query, StringComparison.Ordinal);
        Assert.Equal(0, interest.Quantity.Precision); // contracts
        Assert.Equal([10, 1, 1], h.Rest.Requests.Select(r => r.Weight));
        await Assert.ThrowsAsync<ArgumentException>(() => coinm.GetOpenInterestHistoryAsync(new OpenInterestHistoryRequest("BTCUSD_240927", CandleInterval.OneHour), Token));
    }
}
