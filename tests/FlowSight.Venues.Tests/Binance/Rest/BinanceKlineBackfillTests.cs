using FlowSight.Core;
using FlowSight.TestServers.Binance;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Rest;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Rest;

/// <summary>Kline backfill over HTTP: paging forward across pages, gaps and empty pages reported, the present respected.</summary>
public sealed class BinanceKlineBackfillTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset From = BinanceRestHarness.Start.AddMinutes(-3000);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static long Nanos(DateTimeOffset time) => UnixNanos.FromDateTimeOffset(time);

    [Fact]
    public async Task Pages_walk_forward_over_the_range_and_a_removed_stretch_is_reported_as_a_gap()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        h.Rest.RemoveKlines(BinanceServerMarket.UsdM, "BTCUSDT", From.AddMinutes(1500), From.AddMinutes(1507));
        var client = h.Client(BinanceMarket.UsdM);

        var backfill = await client.BackfillKlinesAsync(
            new KlineBackfillRequest("BTCUSDT", CandleInterval.OneMinute, Nanos(From), Nanos(From.AddMinutes(2999))),
            Token).WaitAsync(Timeout, Token);

        Assert.Equal(3, backfill.Pages);
        Assert.Equal(3000 - 7, backfill.Candles.Count);
        Assert.Equal([new KlineGap(Nanos(From.AddMinutes(1500)), Nanos(From.AddMinutes(1507)), 7, KlineGapKind.Interior)], backfill.Gaps);
        Assert.Empty(backfill.EmptyRanges);
        Assert.False(backfill.IsComplete);
        Assert.Equal(Nanos(From), backfill.Candles[0].OpenTime);
        Assert.Equal(Nanos(From.AddMinutes(2999)), backfill.Candles[^1].OpenTime);
        for (var i = 1; i < backfill.Candles.Count; i++)
        {
            var step = backfill.Candles[i].OpenTime - backfill.Candles[i - 1].OpenTime;
            Assert.True(step == 60 * UnixNanos.PerSecond || backfill.Candles[i].OpenTime == Nanos(From.AddMinutes(1507)), $"candle {i} is {step} ns after the previous");
        }

        Assert.All(backfill.Candles, c =>
        {
            Assert.Equal("BTCUSDT-PERP.BINANCE", c.Instrument.Value);
            Assert.Equal(c.OpenTime + (60 * UnixNanos.PerSecond), c.CloseTime);
            Assert.True(c.IsClosed);
            Assert.True(c.Low <= c.Open && c.Open <= c.High && c.Low <= c.Close && c.Close <= c.High);
            Assert.Equal(2, c.Open.Precision); // the contract's tick is 0.01
        });

        var pages = h.Rest.Requests;
        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.Contains("limit=1000", p.Query, StringComparison.Ordinal));
        Assert.All(pages, p => Assert.Equal(5, p.Weight)); // futures klines, limit 1000
        Assert.Contains($"startTime={From.ToUnixTimeMilliseconds()}&endTime={From.AddMinutes(1000).ToUnixTimeMilliseconds() - 1}", pages[0].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_the_venue_answers_empty_is_reported_with_the_gap_it_leaves()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        h.Rest.RemoveKlines(BinanceServerMarket.UsdM, "BTCUSDT", From.AddMinutes(1000), From.AddMinutes(2000));
        var client = h.Client(BinanceMarket.UsdM);

        var backfill = await client.BackfillKlinesAsync(
            new KlineBackfillRequest("BTCUSDT", CandleInterval.OneMinute, Nanos(From), Nanos(From.AddMinutes(2999))),
            Token).WaitAsync(Timeout, Token);

        Assert.Equal([new KlineRange(Nanos(From.AddMinutes(1000)), Nanos(From.AddMinutes(2000)) - UnixNanos.PerMillisecond)], backfill.EmptyRanges);
        Assert.Equal([new KlineGap(Nanos(From.AddMinutes(1000)), Nanos(From.AddMinutes(2000)), 1000, KlineGapKind.Interior)], backfill.Gaps);
        Assert.Equal(2000, backfill.Candles.Count);
    }

    [Fact]
    public async Task Candles_missing_before_the_listing_and_a_range_with_none_are_reported()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        h.Rest.ListingTime = From.AddMinutes(10);
        var client = h.Client(BinanceMarket.UsdM);

        var leading = await client.BackfillKlinesAsync(new KlineBackfillRequest("BTCUSDT", CandleInterval.OneMinute, Nanos(From), Nanos(From.AddMinutes(59))), Token).WaitAsync(Timeout, Token);
        var none = await client.BackfillKlinesAsync(new KlineBackfillRequest("BTCUSDT", CandleInterval.OneMinute, Nanos(From.AddMinutes(-60)), Nanos(From.AddMinutes(-1))), Token).WaitAsync(Timeout, Token);

        Assert.Equal([new KlineGap(Nanos(From), Nanos(From.AddMinutes(10)), 10, KlineGapKind.Leading)], leading.Gaps);
        Assert.Equal(50, leading.Candles.Count);
        Assert.True(none.VenueReturnedNone);
        Assert.Equal([new KlineGap(Nanos(From.AddMinutes(-60)), Nanos(From), 60, KlineGapKind.WholeRange)], none.Gaps);
        Assert.Equal([new KlineRange(Nanos(From.AddMinutes(-60)), Nanos(From.AddMinutes(-1)))], none.EmptyRanges);
    }

    [Fact]
    public async Task The_range_is_cut_at_the_venues_present_and_the_current_candle_is_open()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(30)); // mid-candle
        var client = h.Client(BinanceMarket.UsdM);

        var backfill = await client.BackfillKlinesAsync(
            new KlineBackfillRequest("BTCUSDT", CandleInterval.OneMinute, Nanos(BinanceRestHarness.Start.AddMinutes(-5)), Nanos(BinanceRestHarness.Start.AddDays(1))),
            Token).WaitAsync(Timeout, Token);

        Assert.Equal(6, backfill.Candles.Count);
        Assert.Empty(backfill.Gaps); // nothing is missing up to now
        Assert.Equal(1, backfill.Pages);
        Assert.Equal(Nanos(BinanceRestHarness.Start), backfill.Candles[^1].OpenTime);
        Assert.False(backfill.Candles[^1].IsClosed);
        Assert.All(backfill.Candles.SkipLast(1), c => Assert.True(c.IsClosed));
    }

    [Fact]
    public async Task Coinm_pages_are_windows_because_binance_answers_the_newest_candles_of_a_range()
    {
        await using var h = await BinanceRestHarness.StartAsync(recorded: false);
        var client = h.Client(BinanceMarket.CoinM);

        var backfill = await client.BackfillKlinesAsync(
            new KlineBackfillRequest("BTCUSD_PERP", CandleInterval.OneMinute, Nanos(From), Nanos(From.AddMinutes(2499))),
            Token).WaitAsync(Timeout, Token);

        Assert.Equal(3, backfill.Pages);
        Assert.Equal(2500, backfill.Candles.Count);
        Assert.True(backfill.IsComplete);
        Assert.Equal("BTCUSD_PERP.BINANCE", backfill.Candles[0].Instrument.Value);
    }

    [Fact]
    public async Task Hourly_spot_backfill_pages_by_a_thousand_hours_and_validates_the_page_size()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        var client = h.Client(BinanceMarket.Spot);
        var start = BinanceRestHarness.Start.AddHours(-2500);

        var backfill = await client.BackfillKlinesAsync(new KlineBackfillRequest("ETHUSDT", CandleInterval.OneHour, Nanos(start), Nanos(BinanceRestHarness.Start.AddHours(-1))), Token).WaitAsync(Timeout, Token);

        Assert.Equal((3, 2500), (backfill.Pages, backfill.Candles.Count));
        Assert.Equal(8, backfill.Candles[0].Open.Precision); // spot prints 8 decimals
        Assert.All(h.Rest.Requests, r => Assert.Equal(2, r.Weight));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.BackfillKlinesAsync(new KlineBackfillRequest("ETHUSDT", CandleInterval.OneHour, 0, 1) { PageSize = 1001 }, Token));
    }
}
