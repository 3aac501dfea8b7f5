using FlowSight.Storage.Recording;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Replay;
using Xunit;
using static FlowSight.Venues.Tests.Binance.Replay.RecordingReplays;

namespace FlowSight.Venues.Tests.Binance.Replay;

/// <summary>
/// Every Binance recording in the shared data rebuilds exactly: no gap, no crossed book, every bookTicker that names
/// an applied diff agrees with the book in price and quantity, and the counts are those of SOURCES.md.
/// </summary>
public sealed class RecordingReplayTests
{
    private static void AssertClean(BinanceReplayBook book)
    {
        var stats = book.Statistics;
        Assert.True(book.IsSynced, $"{book.Instrument} ended out of sync: {book.Synchronizer.LastFailure}");
        Assert.Equal(0, stats.Gaps);
        Assert.Equal(0, stats.Crossed);
        Assert.Equal(0, stats.Resyncs);
        Assert.Equal(0, stats.BookTickerMismatched);
        Assert.Equal(0, stats.Malformed);
        Assert.False(book.Book!.IsCrossed);
    }

    [Theory]
    [InlineData(UsdmFirst20s, null, BinanceMarket.UsdM, 379, 4, 38)]
    [InlineData(SpotFirst20s, null, BinanceMarket.Spot, 198, 2, 23)]
    [InlineData(Usdm0808, null, BinanceMarket.UsdM, 6_547, 4, 629)]
    [InlineData(Usdm0404, Usdm0405, BinanceMarket.UsdM, 16_110, 0, 1_565)]
    [InlineData(Spot0808, Spot0809, BinanceMarket.Spot, 6_493, 2, 1_072)]
    public void Hftbacktest_recordings_rebuild_exactly(string first, string? second, BinanceMarket market, long applied, long dropped, long tickers)
    {
        var replay = second is null ? Run(null, first) : Run(null, first, second);
        Assert.Equal(market, replay.Market);
        var book = Assert.Single(replay.Books);
        Assert.Equal(market == BinanceMarket.Spot ? "BTCUSDT.BINANCE" : "BTCUSDT-PERP.BINANCE", book.Instrument.Value);
        AssertClean(book);
        var stats = book.Statistics;
        Assert.Equal(applied, stats.DiffsApplied);
        Assert.Equal(dropped, stats.DiffsDropped);
        Assert.Equal(tickers, stats.BookTickerChecked);
        Assert.Equal(replay.Frames, stats.Frames);

        // Once synced, diffs go from the frame straight into the book; only those buffered before the snapshot (and
        // replayed from the buffer) take the BookDeltas path.
        var fused = book.Synchronizer.Counters.DiffsFused;
        Assert.InRange(fused, applied * 9 / 10, applied);
    }

    [Fact]
    public async Task Our_own_recording_of_the_same_frames_replays_identically()
    {
        // Re-record the usdm subset with FrameRecorder (gzip, rotated every 5 s) and replay our files.
        string directory = Path.Combine(Path.GetTempPath(), "flowsight-rerecord-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var recorder = new FrameRecorder(new FrameRecorderOptions { Directory = directory, FilePrefix = "btcusdt", RotationInterval = TimeSpan.FromSeconds(5) }))
            {
                using var reader = new RecordingReader([FlowSight.TestKit.SharedData.Require(UsdmFirst20s)]);
                while (reader.TryRead(out var frame))
                {
                    Assert.True(recorder.TryWrite(frame.ReceiveTime, frame.Payload.Span));
                }

                await recorder.CompleteAsync();
                Assert.True(recorder.Files.Count >= 4, $"{recorder.Files.Count} files");
                using var ours = new RecordingReader(recorder.Files);
                var replay = new BinanceReplay();
                replay.Run(ours);
                var book = Assert.Single(replay.Books);
                AssertClean(book);
                Assert.Equal(Run(null, UsdmFirst20s).Books[0].Statistics, book.Statistics);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(FuturesWs, FuturesHttp, BinanceMarket.UsdM, 752, 12, 50)]
    [InlineData(SpotWs, SpotHttp, BinanceMarket.Spot, 172, 5, 26)]
    public void Cryptofeed_recordings_rebuild_exactly(string ws, string http, BinanceMarket market, long applied, long dropped, long tickers)
    {
        var replay = Run(null, ws, http);
        Assert.Equal(market, replay.Market);
        Assert.Equal(4, replay.Books.Count);
        foreach (var book in replay.Books)
        {
            AssertClean(book);
        }

        Assert.Equal(applied, replay.Books.Sum(b => b.Statistics.DiffsApplied));
        Assert.Equal(dropped, replay.Books.Sum(b => b.Statistics.DiffsDropped));
        Assert.Equal(tickers, replay.Books.Sum(b => b.Statistics.BookTickerChecked));
    }
}
