using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Storage.Recording;
using FlowSight.TestKit;
using FlowSight.Venues.Okx;
using FlowSight.Venues.Okx.Book;
using FlowSight.Venues.Okx.Parsing;
using FlowSight.Venues.Okx.Replay;
using Xunit;

namespace FlowSight.Venues.Tests.Okx.Data;

/// <summary>
/// The recorded OKX session (3 instruments, books/trades/tickers) served by the local OKX server and received by the
/// real <see cref="Venues.Okx.Data.OkxDataClient"/> over a socket ends in exactly the books <see cref="OkxReplay"/>
/// builds from the file, with all 290 checksums verified.
/// </summary>
public sealed class OkxRecordedFeedTests
{
    [Fact]
    public async Task The_recorded_feed_through_the_real_client_gives_the_replays_books_with_every_checksum_verified()
    {
        var path = SharedData.Require(OkxRecording.Path);
        string[] instIds = ["BTC-USD-220527", "UNI-USD-SWAP", "BTC-USDT"];
        await using var harness = await OkxDataHarness.StartAsync(o => o with { InstIds = instIds }, recording: path);
        await harness.Client.StartAsync();

        var sent = await harness.Server.PlayRecordingAsync();
        await harness.Publisher.WaitUntilAsync(() => harness.Client.GetStatistics().ChecksumChecked == 290, "290 checked book messages");

        Assert.Equal(harness.Server.Recording!.Pushes.Count, sent);
        var statistics = harness.Client.GetStatistics();
        Assert.Equal((290L, 0L, 0L, 0L), (statistics.ChecksumChecked, statistics.ChecksumMismatched, statistics.Malformed, statistics.Resubscribes));
        Assert.Equal((3L, 287L), (statistics.Books.Sum(b => b.Snapshots), statistics.Books.Sum(b => b.UpdatesApplied)));

        using var reader = new RecordingReader([path]);
        var replay = new OkxReplay();
        replay.Run(reader);
        Assert.Equal(3, replay.Books.Count);
        foreach (var expected in replay.Books)
        {
            var book = harness.Client.BookOf(expected.Instrument) ?? throw new InvalidOperationException($"no book for {expected.Instrument}");
            var replayed = expected.Synchronizer.Book;
            Assert.Equal(OkxChecksum.Compute(replayed), OkxChecksum.Compute(book));
            Assert.Equal(Levels(replayed, OrderSide.Buy), Levels(book, OrderSide.Buy));
            Assert.Equal(Levels(replayed, OrderSide.Sell), Levels(book, OrderSide.Sell));
        }

        Assert.Equal(290, harness.Publisher.BookMessages); // every applied book message reached the engine
        var (trades, tickers) = CountTradesAndTickers();
        Assert.Equal((trades, tickers), (harness.Publisher.Trades, harness.Publisher.Quotes));
    }

    private static BookLevel[] Levels(L2OrderBook book, OrderSide side)
    {
        var levels = new BookLevel[512];
        return levels[..book.CopyLevels(side, levels)];
    }

    private static (long Trades, long Tickers) CountTradesAndTickers()
    {
        var parser = new OkxStreamParser(new OkxSymbolRegistry());
        long trades = 0;
        long tickers = 0;
        foreach (var (payload, time) in OkxRecording.ReadReceived())
        {
            switch (parser.Parse(payload, time))
            {
                case OkxMessageKind.Trades:
                    trades += parser.Trades.Length;
                    break;
                case OkxMessageKind.Ticker:
                    tickers++;
                    break;
            }
        }

        return (trades, tickers);
    }
}
