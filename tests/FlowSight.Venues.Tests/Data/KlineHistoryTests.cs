using FlowSight.Core;
using FlowSight.PaperVenue.Hosting;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Rest;
using FlowSight.Venues.Data;
using FlowSight.Venues.Okx.Rest;
using Xunit;

namespace FlowSight.Venues.Tests.Data;

/// <summary>
/// The latest N candles through the existing Binance and OKX REST clients, against the paper venue (market paused
/// after a 15-minute warm-up, so the candles only change when the minute turns).
/// </summary>
public sealed class KlineHistoryTests
{
    private const long Minute = 60_000_000_000L;

    [Theory]
    [InlineData(PaperVenueKind.BinanceUsdm)]
    [InlineData(PaperVenueKind.BinanceSpot)]
    public async Task Binance_gives_the_latest_candles_oldest_first_ending_with_the_running_one(PaperVenueKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(kind);
        var market = kind == PaperVenueKind.BinanceSpot ? BinanceMarket.Spot : BinanceMarket.UsdM;
        using var rest = new BinanceRestClient(new BinanceRestOptions(market) { BaseAddress = host.Endpoint("rest"), ApplyExchangeRateLimits = false });
        var instrument = (await rest.GetExchangeInfoAsync(cancellationToken: ct)).Instruments.First(i => i.VenueSymbol == "BTCUSDT");

        var candles = await KlineHistory.For(rest).GetLatestAsync(instrument, CandleInterval.OneMinute, 10, ct);

        AssertSeries(candles, instrument.Id, CandleInterval.OneMinute, 10);
        var direct = await rest.GetKlinesAsync(new KlinesRequest("BTCUSDT", CandleInterval.OneMinute) { Limit = 10 }, ct);
        AssertSameClosed(direct, candles);
    }

    [Fact]
    public async Task Binance_pages_backwards_until_the_count_or_the_venue_runs_out()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(PaperVenueKind.BinanceUsdm);
        using var rest = new BinanceRestClient(new BinanceRestOptions(BinanceMarket.UsdM) { BaseAddress = host.Endpoint("rest"), ApplyExchangeRateLimits = false });
        var instrument = (await rest.GetExchangeInfoAsync(cancellationToken: ct)).Instruments.First(i => i.VenueSymbol == "BTCUSDT");

        var paged = await KlineHistory.For(rest, pageSize: 4).GetLatestAsync(instrument, CandleInterval.OneMinute, 14, ct);
        var single = await KlineHistory.For(rest).GetLatestAsync(instrument, CandleInterval.OneMinute, 14, ct);
        AssertSeries(paged, instrument.Id, CandleInterval.OneMinute, 14);
        AssertSameClosed(single, paged);

        // The venue holds ~15 minutes of history: asking for more returns what there is, then stops.
        var all = await KlineHistory.For(rest, pageSize: 7).GetLatestAsync(instrument, CandleInterval.OneMinute, 500, ct);
        Assert.InRange(all.Count, 14, 18);
        AssertSeries(all, instrument.Id, CandleInterval.OneMinute, all.Count);

        var fives = await KlineHistory.For(rest).GetLatestAsync(instrument, CandleInterval.FiveMinutes, 3, ct);
        AssertSeries(fives, instrument.Id, CandleInterval.FiveMinutes, 3);
    }

    [Fact]
    public async Task Okx_gives_the_latest_candles_oldest_first_across_pages()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(PaperVenueKind.Okx);
        using var rest = new OkxRestClient(new OkxRestOptions { BaseAddress = host.Endpoint("rest") });
        var instrument = (await rest.GetInstrumentsAsync(new OkxInstrumentsRequest(OkxInstrumentType.Swap), ct)).Instruments
            .Select(i => i.Spec).First(i => i.VenueSymbol == "BTC-USDT-SWAP");

        var paged = await KlineHistory.For(rest, pageSize: 3).GetLatestAsync(instrument, CandleInterval.OneMinute, 10, ct);
        var single = await KlineHistory.For(rest).GetLatestAsync(instrument, CandleInterval.OneMinute, 10, ct);

        AssertSeries(paged, instrument.Id, CandleInterval.OneMinute, 10);
        AssertSameClosed(single, paged);
        var direct = await rest.GetCandlesAsync(new OkxCandlesRequest("BTC-USDT-SWAP", CandleInterval.OneMinute) { Limit = 10 }, ct);
        AssertSameClosed(direct, paged);

        // Past the recent candles it tries history-candles, then stops when the venue has nothing older.
        var all = await KlineHistory.For(rest, pageSize: 300).GetLatestAsync(instrument, CandleInterval.OneMinute, 1000, ct);
        Assert.InRange(all.Count, 14, 18);
        AssertSeries(all, instrument.Id, CandleInterval.OneMinute, all.Count);
    }

    [Fact]
    public async Task An_instrument_of_another_venue_is_refused()
    {
        using var rest = new OkxRestClient(new OkxRestOptions { BaseAddress = new Uri("http://127.0.0.1:9/") });
        var binance = new Instrument
        {
            Id = InstrumentId.Of("BTCUSDT-PERP", Venue.Binance),
            VenueSymbol = "BTCUSDT",
            Kind = InstrumentKind.Perpetual,
            BaseAsset = "BTC",
            QuoteAsset = "USDT",
            TickSize = Price.Parse("0.1"),
            StepSize = Quantity.Parse("0.001"),
            MinQuantity = Quantity.Parse("0.001"),
        };

        await Assert.ThrowsAsync<ArgumentException>(() => KlineHistory.For(rest).GetLatestAsync(binance, CandleInterval.OneMinute, 5, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => KlineHistory.For(rest).GetLatestAsync(binance, CandleInterval.OneMinute, 0, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentOutOfRangeException>(() => KlineHistory.For(rest, pageSize: 301));
    }

    private static Task<PaperVenueHost> StartAsync(PaperVenueKind kind) =>
        PaperVenueHost.StartAsync(
            new PaperVenueOptions { Venue = kind, Speed = 0, WarmUp = TimeSpan.FromMinutes(15) },
            cancellationToken: TestContext.Current.CancellationToken);

    private static void AssertSeries(IReadOnlyList<Candle> candles, InstrumentId id, CandleInterval interval, int count)
    {
        Assert.Equal(count, candles.Count);
        var length = interval.ToNanoseconds();
        for (var i = 0; i < candles.Count; i++)
        {
            var c = candles[i];
            Assert.Equal(id, c.Instrument);
            Assert.Equal(interval, c.Interval);
            Assert.Equal(0, c.OpenTime % length);
            Assert.Equal(c.OpenTime + length, c.CloseTime);
            Assert.True(c.Low <= c.Open && c.Low <= c.Close && c.High >= c.Open && c.High >= c.Close, $"{c}");
            if (i > 0)
            {
                Assert.Equal(candles[i - 1].OpenTime + length, c.OpenTime);
            }

            if (i < candles.Count - 1)
            {
                Assert.True(c.IsClosed, $"candle {i} of {candles.Count} is not closed");
            }
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000L;
        Assert.InRange(candles[^1].OpenTime, now - length - Minute, now); // the running one (or the one just closed)
    }

    /// <summary>The candles both lists hold closed are equal (a minute may turn between two requests).</summary>
    private static void AssertSameClosed(IReadOnlyList<Candle> expected, IReadOnlyList<Candle> actual)
    {
        var byOpen = actual.ToDictionary(c => c.OpenTime);
        var compared = 0;
        foreach (var e in expected.Where(c => c.IsClosed))
        {
            if (byOpen.TryGetValue(e.OpenTime, out var a) && a.IsClosed)
            {
                Assert.Equal((e.Open, e.High, e.Low, e.Close, e.Volume, e.QuoteVolume, e.TradeCount), (a.Open, a.High, a.Low, a.Close, a.Volume, a.QuoteVolume, a.TradeCount));
                compared++;
            }
        }

        Assert.True(compared >= expected.Count - 3, $"only {compared} of {expected.Count} candles compared");
    }
}
