using FlowSight.Core;
using FlowSight.Venues.GateIo;
using FlowSight.Venues.GateIo.Rest;
using FlowSight.Venues.Network.Http;
using Xunit;

namespace FlowSight.Venues.Tests.GateIo.Rest;

/// <summary>Candlesticks and funding over HTTP: forward paging in windows of at most 1000 points, gaps, listing, forming candles.</summary>
public sealed class GateIoCandleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset From = GateIoRestHarness.Start.AddMinutes(-3000);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static long Nanos(DateTimeOffset time) => UnixNanos.FromDateTimeOffset(time);

    [Fact]
    public async Task Spot_pages_walk_forward_in_1000_point_windows_and_a_removed_stretch_is_a_gap()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        h.Rest.RemoveCandles("BTC_USDT", From.AddMinutes(1500), From.AddMinutes(1507));
        var client = h.Client();

        var backfill = await client.BackfillCandlesAsync(
            new GateIoCandleBackfillRequest(GateIoMarket.Spot, "BTC_USDT", CandleInterval.OneMinute, Nanos(From), Nanos(From.AddMinutes(2499))),
            Token).WaitAsync(Timeout, Token);

        Assert.Equal(3, backfill.Pages);
        Assert.Equal(2500 - 7, backfill.Candles.Count);
        Assert.Equal([new CandleGap(Nanos(From.AddMinutes(1500)), Nanos(From.AddMinutes(1507)), 7, CandleGapKind.Interior)], backfill.Gaps);
        Assert.Equal(Nanos(From), backfill.Candles[0].OpenTime);
        Assert.Equal(Nanos(From.AddMinutes(2499)), backfill.Candles[^1].OpenTime);
        Assert.All(backfill.Candles, c =>
        {
            Assert.Equal("BTC_USDT.GATEIO", c.Instrument.Value);
            Assert.True(c.IsClosed);
            Assert.True(c.Low <= c.Open && c.Open <= c.High && c.Low <= c.Close && c.Close <= c.High);
            Assert.True(c.QuoteVolume.ToDecimal() > 0m);
        });

        var pages = h.Rest.Requests;
        Assert.All(pages, p => Assert.Equal("/api/v4/spot/candlesticks", p.Path));
        Assert.Equal(
            $"?currency_pair=BTC_USDT&interval=1m&from={From.ToUnixTimeSeconds()}&to={From.AddMinutes(1000).ToUnixTimeSeconds() - 1}",
            pages[0].Query);
        Assert.Contains($"from={From.AddMinutes(1000).ToUnixTimeSeconds()}&", pages[1].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Futures_candles_before_the_listing_are_a_leading_gap_and_volumes_are_contracts()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        h.Rest.ListingTime = From.AddMinutes(60);
        var client = h.Client();

        var backfill = await client.BackfillCandlesAsync(
            new GateIoCandleBackfillRequest(GateIoMarket.UsdtFutures, "BTC_USDT", CandleInterval.FifteenMinutes, Nanos(From), Nanos(From.AddHours(10))),
            Token).WaitAsync(Timeout, Token);

        Assert.Equal(1, backfill.Pages);
        Assert.Equal([new CandleGap(Nanos(From), Nanos(From.AddMinutes(60)), 4, CandleGapKind.Leading)], backfill.Gaps);
        Assert.Equal(37, backfill.Candles.Count);
        Assert.All(backfill.Candles, c => Assert.Equal(0, c.Volume.Precision));
        Assert.All(backfill.Candles, c => Assert.Equal("BTC_USDT-PERP.GATEIO", c.Instrument.Value));
        Assert.Contains("contract=BTC_USDT&interval=15m", h.Rest.Requests.Single().Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_forming_spot_candle_is_dropped_unless_asked_for()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(20));
        var client = h.Client();
        var request = new GateIoCandleBackfillRequest(GateIoMarket.Spot, "ETH_USDT", CandleInterval.OneMinute, Nanos(GateIoRestHarness.Start.AddMinutes(-30)), Nanos(GateIoRestHarness.Start.AddMinutes(30)));

        var closed = await client.BackfillCandlesAsync(request, Token).WaitAsync(Timeout, Token);
        var forming = await client.BackfillCandlesAsync(request with { IncludeUnclosed = true }, Token).WaitAsync(Timeout, Token);

        Assert.Equal(30, closed.Candles.Count);
        Assert.Equal(1, closed.UnclosedDropped);
        Assert.True(closed.IsComplete, string.Join(", ", closed.Gaps));
        Assert.Equal(31, forming.Candles.Count);
        Assert.False(forming.Candles[^1].IsClosed);
    }

    [Fact]
    public async Task A_range_with_a_limit_is_refused_before_sending_as_gate_refuses_it()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        var client = h.Client();

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetCandlesAsync(
            new GateIoCandlesRequest(GateIoMarket.Spot, "BTC_USDT", CandleInterval.OneMinute) { From = Nanos(From), Limit = 10 }, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetCandlesAsync(
            new GateIoCandlesRequest(GateIoMarket.Spot, "BTC_USDT", CandleInterval.TwoHours), Token)); // spot has no 2h
        Assert.Empty(h.Rest.Requests);
    }

    [Fact]
    public async Task Funding_history_pages_backwards_over_a_range_oldest_first_every_8_hours()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        var client = h.Client();
        var start = GateIoRestHarness.Start.AddDays(-60);
        var end = GateIoRestHarness.Start.AddDays(-10);

        var history = await client.GetFundingRateHistoryAsync(
            new GateIoFundingRateHistoryRequest("BTC_USDT") { StartTime = Nanos(start), EndTime = Nanos(end) },
            Token).WaitAsync(Timeout, Token);

        Assert.Equal(151, history.Rates.Count);
        Assert.Equal(2, history.Pages);
        Assert.Equal(Nanos(start), history.Rates[0].FundingTime);
        Assert.Equal(Nanos(end), history.Rates[^1].FundingTime);
        Assert.All(history.Rates, r => Assert.Equal(8, r.IntervalHours));
        Assert.All(history.Rates, r => Assert.Equal("BTC_USDT-PERP.GATEIO", r.Instrument.Value));
        Assert.Contains($"from={start.ToUnixTimeSeconds()}&to={end.ToUnixTimeSeconds()}", h.Rest.Requests[0].Query, StringComparison.Ordinal);
    }
}
