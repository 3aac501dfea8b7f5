using FlowSight.Core;
using FlowSight.PaperVenue.Binance.Streams;
using FlowSight.PaperVenue.Hosting;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Data;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Binance.Streams;

/// <summary>
/// Issue 6's criterion: FlowSight's own Binance market-data adapter, unchanged, keeps an exact book against the
/// paper venue's streams for 10 minutes of synthetic market, with no gap and no resync; afterwards the client's book
/// is compared level by level with the venue's book as it stood at the client's last update id. The exchange runs on
/// a fake clock the test moves one simulated second at a time, so every run sees the same 600 steps of market and
/// the same diffs whatever the machine's load (a wall-clock run at 60× got fewer ticks, so fewer diffs, when loaded).
/// </summary>
public sealed class BinanceDataClientOnPaperVenueTests
{
    private static readonly TimeSpan Simulated = TimeSpan.FromMinutes(10);

    // One step spans several 250 ms (USDⓈ-M) intervals and one 1000 ms (spot) interval: each step publishes one diff
    // per symbol that merges every change of the step, as a venue's diff does over its interval.
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    // Only a safety net: on a quiet machine the client catches up in milliseconds.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData(PaperVenueKind.BinanceUsdm, true)]
    [InlineData(PaperVenueKind.BinanceUsdm, false)]
    [InlineData(PaperVenueKind.BinanceSpot, false)]
    public async Task The_adapter_keeps_an_exact_book_for_ten_simulated_minutes_with_no_gap(PaperVenueKind venue, bool routed)
    {
        // Speed 1 on the fake clock: exchange time is the fake clock, which moves only when the test advances it.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow - Simulated);
        await using var host = await PaperVenues.StartAsync(venue, speed: 1, time: time, symbols: ["BTCUSDT", "ETHUSDT"]);
        var exchange = host.Exchange;
        var recorders = exchange.Markets.Select(m => new BookRecorder(m, long.MaxValue)).ToList();
        foreach (var recorder in recorders)
        {
            exchange.AddFeed(recorder);
        }

        using var publisher = new BookKeepingPublisher();
        var market = venue == PaperVenueKind.BinanceUsdm ? BinanceMarket.UsdM : BinanceMarket.Spot;
        await using var client = new BinanceDataClient(
            new BinanceDataClientOptions
            {
                Market = market,
                Symbols = ["BTCUSDT", "ETHUSDT"],
                RestBaseUri = host.BaseAddress,
                StreamBaseUri = new Uri($"ws://{host.BaseAddress.Authority}"),
                UseRoutedEndpoints = routed,
                LoadInstruments = true, // exchangeInfo from the venue's REST side
            },
            publisher);

        await client.StartAsync(TestContext.Current.CancellationToken);
        var instruments = exchange.Markets.Select(m => client.Instruments[m.Symbol]).ToArray();
        var steps = (int)(Simulated / Step);
        for (var step = 1; step <= steps; step++)
        {
            time.Advance(Step);

            // The exchange moves its markets to the new time before running this and publishes the due diffs right
            // after it: the book ids read here are the ones this step's diffs end at.
            var venueIds = await exchange.InvokeAsync(() => exchange.Markets.Select(m => m.Book.UpdateId).ToArray());
            if (step % 10 == 0 || step == steps)
            {
                // Let the client catch up every ten steps, so no connection's queue grows however slowly it runs.
                await publisher.WaitUntilAsync(
                    () => instruments.Select((id, i) => publisher.LastUpdateId(id) >= venueIds[i]).All(b => b),
                    Deadline,
                    () => $"the client's books at the venue's update ids {string.Join(", ", venueIds)} after {step} s (now {string.Join(", ", instruments.Select(publisher.LastUpdateId))})");
            }
        }

        Assert.Equal(2, client.Specs.Count); // exchangeInfo was read from the venue
        var statistics = client.GetStatistics();
        foreach (var (symbol, instrument) in client.Instruments)
        {
            var feed = statistics.Feeds.Single(f => f.Instrument == instrument.ToString());
            Assert.True(feed.Synced, $"{symbol}: {feed}");
            Assert.Equal(0, feed.Gaps);
            Assert.Equal(0, feed.Resyncs);
            Assert.Equal(1, feed.Snapshots);
            // One diff per step at most (600), fewer when a step left the book as it was; the checks that matter are the
            // exact book and the unbroken chain below. This one proves the stream ran the whole time.
            Assert.True(feed.DiffsApplied > 500, $"{symbol}: only {feed.DiffsApplied} diffs in 10 simulated minutes");

            var (lastUpdateId, bids, asks) = publisher.Snapshot(instrument);
            var recorder = recorders[exchange.Markets.ToList().FindIndex(m => m.Symbol == symbol)];
            Assert.True(recorder.TryGet(lastUpdateId, out var expected), $"{symbol}: the venue's book at the client's update id {lastUpdateId} was recorded");
            Assert.Equal(expected.Bids, bids);
            Assert.Equal(expected.Asks, asks);
            Assert.True(bids.Length > 10 && asks.Length > 10, $"{symbol}: {bids.Length} bids, {asks.Length} asks");
            TestContext.Current.TestOutputHelper?.WriteLine($"{venue} {symbol} routed={routed}: {feed.DiffsApplied} diffs applied, 0 gaps, 0 resyncs, book at u={lastUpdateId} equal to the venue's ({bids.Length} bids, {asks.Length} asks)");
        }

        Assert.Equal(0, client.GetStatistics().Malformed);
        Assert.Equal(0, BinanceStreams.FeedsOf(exchange).Market.Gaps);
    }
}
