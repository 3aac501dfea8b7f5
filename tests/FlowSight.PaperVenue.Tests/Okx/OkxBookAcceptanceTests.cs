using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Hosting;
using FlowSight.PaperVenue.Okx;
using FlowSight.PaperVenue.Okx.Streams;
using FlowSight.Simulator.Markets.Synthetic;
using FlowSight.Venues.Okx.Data;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Okx;

/// <summary>
/// FlowSight's own OKX adapter against the paper venue's <c>books</c> channel: ten minutes of synthetic market with
/// every checksum valid, no gap and no resync, and at the end the adapter's book equals the venue's, level for level.
/// The exchange runs on a fake clock the test moves one simulated second at a time, so every run sees the same market
/// and the same pushes whatever the machine's load (a wall-clock run at 60× got fewer ticks, so fewer pushes, when loaded).
/// </summary>
public sealed class OkxBookAcceptanceTests
{
    private const string Swap = "BTC-USDT-SWAP";
    private static readonly TimeSpan Market = TimeSpan.FromMinutes(10);

    // Ten 100 ms push intervals: each step pushes one update merging every change of the step.
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    // Only a safety net: on a quiet machine the adapter catches up in milliseconds.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_OKX_adapter_keeps_an_exact_book_over_ten_minutes_of_market()
    {
        var warmUp = TimeSpan.FromMinutes(2);

        // Speed 1 on the fake clock: exchange time is the fake clock, which moves only when the test advances it.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow - Market);
        await using var host = await PaperVenueHost.StartAsync(
            new PaperVenueOptions { Venue = PaperVenueKind.Okx, Speed = 1, WarmUp = warmUp, Credentials = [OkxVenue.Alice] },
            time,
            sources: (index, instrument, start) =>
                new SyntheticMarketSource(new SyntheticMarketOptions { Seed = 11 + index, InitialPrice = PaperInstruments.StartPrice(instrument), StartTime = start }),
            cancellationToken: TestContext.Current.CancellationToken);
        var exchange = host.Exchange;
        var channel = ((OkxProtocol)host.Protocol).PublicFeed.Books(Swap);
        var startUpdateId = await exchange.InvokeAsync(() => exchange.Markets[0].Book.UpdateId);

        using var publisher = new CountingPublisher();
        await using var client = new OkxDataClient(new OkxDataClientOptions
        {
            InstIds = [Swap],
            StreamBaseUri = host.Endpoint("ws"),
            RestBaseUri = host.BaseAddress,
            Channels = OkxDataChannels.Books | OkxDataChannels.Trades | OkxDataChannels.Tickers | OkxDataChannels.MarkPrice | OkxDataChannels.FundingRate | OkxDataChannels.Candles,
        }, publisher);
        await client.StartAsync(TestContext.Current.CancellationToken);
        var id = client.Instruments[Swap];
        Assert.Equal(0.01m, client.Specs.Single().ContractMultiplier);

        // The adapter's snapshot first, so the market moves only once the adapter follows it.
        await publisher.WaitUntilAsync(
            () => client.GetStatistics().Books.Single().Snapshots > 0,
            Deadline,
            () => $"the adapter's snapshot (now {client.GetStatistics().Books.Single()})");
        var steps = (int)(Market / Step);
        for (var step = 1; step <= steps; step++)
        {
            time.Advance(Step);

            // The exchange moves its market to the new time before running this and pushes the due update right after.
            await exchange.InvokeAsync(() => { });
            if (step % 10 == 0 || step == steps)
            {
                // Let the adapter catch up every ten steps, so its connection's queue never grows however slowly it runs.
                var pushed = await exchange.InvokeAsync(() => channel.SeqId);
                await publisher.WaitUntilAsync(
                    () => client.GetStatistics().Books.Single().LastSeqId >= pushed,
                    Deadline,
                    () => $"the adapter at the venue's seqId {pushed} after {step} s (now {client.GetStatistics().Books.Single()})");
            }
        }

        // The clock stands still now: the channel's last push is final and the venue's book is what it pushed.
        var (final, bids, asks) = await exchange.InvokeAsync(() =>
        {
            var levels = exchange.MarketOf(id).Book.Levels;
            var b = new BookLevel[OkxBookChannel.Depth];
            var a = new BookLevel[OkxBookChannel.Depth];
            return (channel.SeqId, b[..levels.CopyLevels(OrderSide.Buy, b)], a[..levels.CopyLevels(OrderSide.Sell, a)]);
        });
        await publisher.WaitUntilAsync(
            () => client.GetStatistics().Books.Single().LastSeqId >= final,
            Deadline,
            () => $"the adapter at the venue's final seqId {final} (now {client.GetStatistics().Books.Single()})");

        var stats = client.GetStatistics().Books.Single();
        Assert.Equal(final, stats.LastSeqId);
        Assert.True(final - startUpdateId > 10_000, $"the market moved only {final - startUpdateId} level changes");
        // One push per step (600) when the book changed, each merging a second of changes.
        Assert.True(stats.UpdatesApplied > 500, stats.ToString());
        Assert.True(stats.ChecksumChecked >= stats.UpdatesApplied, stats.ToString());
        Assert.Equal(0, stats.ChecksumMismatched);
        Assert.Equal(0, stats.Gaps);
        Assert.Equal(1, stats.Snapshots);
        Assert.Equal(0, stats.ResubscribesRequested);
        Assert.Equal(0, stats.Resubscribes);
        Assert.Equal(0, stats.Rejected);
        Assert.True(stats.Synced);
        var book = client.BookOf(id)!;
        Assert.Equal(bids, Levels(book, OrderSide.Buy));
        Assert.Equal(asks, Levels(book, OrderSide.Sell));
        Assert.True(publisher.Trades > 100, $"trades {publisher.Trades}");
        Assert.True(publisher.Quotes > 10 && publisher.Candles > 10 && publisher.Marks > 10 && publisher.Funding > 0,
            $"quotes {publisher.Quotes}, candles {publisher.Candles}, marks {publisher.Marks}, funding {publisher.Funding}");
        var all = client.GetStatistics();
        Assert.Equal(0, all.Malformed);
        Assert.Equal(0, all.Unknown);
        Assert.Equal(0, all.ErrorReplies);
    }

    private static BookLevel[] Levels(Engine.OrderBook.L2OrderBook book, OrderSide side)
    {
        var levels = new BookLevel[OkxBookChannel.Depth + 10];
        return levels[..book.CopyLevels(side, levels)];
    }
}
