using FlowSight.Storage.Recording;
using FlowSight.TestKit;
using FlowSight.TestServers.Binance;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Data;
using FlowSight.Venues.Binance.Replay;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Data;

/// <summary>
/// What `flowsight record` does — the data client's raw frames and depth snapshots into the recorder — checked by
/// replaying the file it wrote: the book rebuilds with no gap and agrees with every matching bookTicker.
/// </summary>
public sealed class RecordAndReplayTests
{
    [Fact]
    public async Task A_recording_of_the_live_feed_replays_to_a_synced_book()
    {
        var directory = Directory.CreateTempSubdirectory("flowsight-record-");
        try
        {
            await using (var server = await BinanceTestServer.StartAsync(new BinanceTestServerOptions
            {
                RecordingPath = SharedData.Require("recordings/hftbacktest/binance-usdm/btcusdt_20240808_first20s.txt"),
                Market = BinanceServerMarket.UsdM,
                Pacing = WsPacing.Manual,
                RestDataRoot = SharedData.Require(),
            }))
            {
                var recorder = new FrameRecorder(new FrameRecorderOptions { Directory = directory.FullName, FilePrefix = "usdm_btcusdt" });
                var publisher = new CollectingPublisher();
                await using (var client = new BinanceDataClient(
                    new BinanceDataClientOptions
                    {
                        Market = BinanceMarket.UsdM,
                        Symbols = ["BTCUSDT"],
                        RestBaseUri = server.HttpBaseUri,
                        StreamBaseUri = server.WebSocketBaseUri,
                        UseRoutedEndpoints = false,
                        LoadInstruments = false,
                        RawFrames = recorder,
                    },
                    publisher))
                {
                    await client.StartAsync(TestContext.Current.CancellationToken);
                    await server.Feed.PublishAsync(300);
                    await publisher.WaitUntilAsync(() => client.GetStatistics().Feeds[0].Synced, "the book synced");
                    await server.Feed.PublishAsync(1_700);
                    await publisher.WaitUntilAsync(() => client.GetStatistics().Frames == 2_000, "every frame received");
                }

                await recorder.CompleteAsync();
                Assert.Equal(2_001, recorder.FramesWritten); // the frames and the one snapshot
                Assert.Equal(0, recorder.FramesDropped);
            }

            var files = Directory.GetFiles(directory.FullName);
            using var reader = new RecordingReader(files);
            var replay = new BinanceReplay(new BinanceReplayOptions { Market = BinanceMarket.UsdM });
            replay.Run(reader);

            var book = Assert.Single(replay.Books);
            Assert.True(book.IsSynced, $"out of sync: {book.Synchronizer.LastFailure}; {book.Statistics}");
            Assert.Equal(0, book.Statistics.Gaps);
            Assert.Equal(0, book.Statistics.Crossed);
            Assert.True(book.Statistics.BookTickerChecked > 0, book.Statistics.ToString());
            Assert.Equal(0, book.Statistics.BookTickerMismatched);
            Assert.Equal(0, replay.Malformed);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
