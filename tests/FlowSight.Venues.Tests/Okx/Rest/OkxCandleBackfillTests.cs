using FlowSight.Core;
using FlowSight.Venues.Network.Http;
using FlowSight.Venues.Okx.Rest;
using Xunit;

namespace FlowSight.Venues.Tests.Okx.Rest;

/// <summary>Candle backfill over HTTP: OKX pages newest first, so the client walks backwards; gaps, the listing and the forming candle are reported.</summary>
public sealed class OkxCandleBackfillTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset From = OkxRestHarness.Start.AddMinutes(-400);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static long Nanos(DateTimeOffset time) => UnixNanos.FromDateTimeOffset(time);

    [Fact]
    public async Task Pages_walk_backwards_from_the_end_and_a_removed_stretch_is_an_interior_gap()
    {
        await using var h = await OkxRestHarness.StartAsync();
        h.Rest.RemoveCandles("BTC-USDT-SWAP", From.AddMinutes(150), From.AddMinutes(157));
        var client = h.Client();

        var backfill = await client.BackfillCandlesAsync(
            new OkxCandleBackfillRequest("BTC-USDT-SWAP", CandleInterval.OneMinute, Nanos(From), Nanos(From.AddMinutes(299))),
            Token).WaitAsync(Timeout, Token);

        Assert.Equal(3, backfill.Pages);
        Assert.Equal(300 - 7, backfill.Candles.Count);
        Assert.Equal([new CandleGap(Nanos(From.AddMinutes(150)), Nanos(From.AddMinutes(157)), 7, CandleGapKind.Interior)], backfill.Gaps);
        Assert.False(backfill.IsComplete);
        Assert.Equal(0, backfill.UnconfirmedDropped);
        Assert.Equal(Nanos(From), backfill.Candles[0].OpenTime);
        Assert.Equal(Nanos(From.AddMinutes(299)), backfill.Candles[^1].OpenTime);
        Assert.True(backfill.Candles.Zip(backfill.Candles.Skip(1)).All(p => p.First.OpenTime < p.Second.OpenTime), "oldest first");
        Assert.All(backfill.Candles, c =>
        {
            Assert.Equal("BTC-USDT-SWAP.OKX", c.Instrument.Value);
            Assert.True(c.IsClosed);
            Assert.Equal(c.OpenTime + (60 * UnixNanos.PerSecond), c.CloseTime);
            Assert.True(c.Low <= c.Open && c.Open <= c.High && c.Low <= c.Close && c.Close <= c.High);
        });

        var pages = h.Rest.Requests;
        Assert.All(pages, p => Assert.Equal("/api/v5/market/history-candles", p.Path));
        Assert.All(pages, p => Assert.Contains("bar=1m", p.Query, StringComparison.Ordinal));
        Assert.Contains($"after={From.AddMinutes(299).ToUnixTimeMilliseconds() + 1}&before={From.ToUnixTimeMilliseconds() - 1}&limit=100", pages[0].Query, StringComparison.Ordinal);
        Assert.Contains($"after={backfill.Candles[^100].OpenTime / UnixNanos.PerMillisecond}&", pages[1].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_forming_candle_is_dropped_and_not_counted_missing_up_to_the_present()
    {
        await using var h = await OkxRestHarness.StartAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(30)); // half-way through the 00:00 candle
        var client = h.Client();

        var backfill = await client.BackfillCandlesAsync(
            new OkxCandleBackfillRequest("BTC-USDT", CandleInterval.OneMinute, Nanos(OkxRestHarness.Start.AddMinutes(-50)), Nanos(OkxRestHarness.Start.AddHours(1))) { Source = OkxCandleSource.Recent, PageSize = 300 },
            Token).WaitAsync(Timeout, Token);

        Assert.Equal(50, backfill.Candles.Count);
        Assert.Equal(1, backfill.UnconfirmedDropped);
        Assert.True(backfill.IsComplete, string.Join(", ", backfill.Gaps));
        Assert.Equal(1, backfill.Pages);
        Assert.Equal("/api/v5/market/candles", h.Rest.Requests.Single().Path);

        var withForming = await client.BackfillCandlesAsync(
            new OkxCandleBackfillRequest("BTC-USDT", CandleInterval.OneMinute, Nanos(OkxRestHarness.Start.AddMinutes(-50)), Nanos(OkxRestHarness.Start.AddHours(1))) { IncludeUnconfirmed = true },
            Token).WaitAsync(Timeout, Token);
        Assert.Equal(51, withForming.Candles.Count);
        Assert.False(withForming.Candles[^1].IsClosed);
    }

    [Fact]
    public async Task Candles_missing_before_the_listing_are_a_leading_gap()
    {
        await using var h = await OkxRestHarness.StartAsync();
        h.Rest.ListingTime = From.AddMinutes(10);
        var client = h.Client();

        var backfill = await client.BackfillCandlesAsync(
            new OkxCandleBackfillRequest("ETH-USDT-SWAP", CandleInterval.FiveMinutes, Nanos(From), Nanos(From.AddMinutes(95))),
            Token).WaitAsync(Timeout, Token);

        Assert.Equal(18, backfill.Candles.Count);
        Assert.Equal([new CandleGap(Nanos(From), Nanos(From.AddMinutes(10)), 2, CandleGapKind.Leading)], backfill.Gaps);
        Assert.Contains("bar=5m", h.Rest.Requests[0].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_size_over_the_endpoint_maximum_is_refused_before_sending()
    {
        await using var h = await OkxRestHarness.StartAsync();
        var client = h.Client();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.BackfillCandlesAsync(
            new OkxCandleBackfillRequest("BTC-USDT", CandleInterval.OneMinute, Nanos(From), Nanos(From.AddHours(1))) { PageSize = 301 },
            Token));
        Assert.Empty(h.Rest.Requests);
    }
}
