using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Hosting;
using FlowSight.PaperVenue.Okx;
using FlowSight.PaperVenue.Okx.Streams;
using FlowSight.Simulator.Markets.Synthetic;
using FlowSight.Venues.Okx.Data;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Okx;

/// <summary>
/// FlowSight's own OKX adapter against the paper venue's <c>books</c> channel: ten minutes of synthetic market (at 60x)
/// with every checksum valid, no gap and no resync, and at the end the adapter's book equals the venue's, level for level.
/// </summary>
public sealed class OkxBookAcceptanceTests
{
    private const string Swap = "BTC-USDT-SWAP";

    [Fact]
    public async Task The_OKX_adapter_keeps_an_exact_book_over_ten_minutes_of_market()
    {
        var warmUp = TimeSpan.FromMinutes(2);
        var market = TimeSpan.FromMinutes(10);
        var freezeAt = 0L;
        await using var host = await PaperVenueHost.StartAsync(
            new PaperVenueOptions { Venue = PaperVenueKind.Okx, Speed = 60, WarmUp = warmUp, Credentials = [OkxVenue.Alice] },
            sources: (index, instrument, start) =>
            {
                freezeAt = start + ((warmUp + market).Ticks * 100);
                return new FreezingMarketSource(
                    new SyntheticMarketSource(new SyntheticMarketOptions { Seed = 11 + index, InitialPrice = PaperInstruments.StartPrice(instrument), StartTime = start }),
                    freezeAt);
            },
            cancellationToken: TestContext.Current.CancellationToken);
        var exchange = host.Exchange;
        var channel = ((OkxProtocol)host.Protocol).PublicFeed.Books(Swap);
        var startUpdateId = await exchange.InvokeAsync(() => exchange.Markets[0].Book.UpdateId);
        var frozen = new ExchangeTimeReached(freezeAt + 1_000_000_000L);
        exchange.AddFeed(frozen);

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

        // Ten minutes of market at 60x, then the market stands still: the channel's last push is final.
        await frozen.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var (final, bids, asks) = await exchange.InvokeAsync(() =>
        {
            var levels = exchange.MarketOf(id).Book.Levels;
            var b = new BookLevel[OkxBookChannel.Depth];
            var a = new BookLevel[OkxBookChannel.Depth];
            return (channel.SeqId, b[..levels.CopyLevels(OrderSide.Buy, b)], a[..levels.CopyLevels(OrderSide.Sell, a)]);
        });
        await publisher.WaitUntilAsync(
            () => client.GetStatistics().Books.Single().LastSeqId >= final,
            TimeSpan.FromSeconds(30),
            () => $"the adapter at the venue's final seqId {final} (now {client.GetStatistics().Books.Single()})");

        var stats = client.GetStatistics().Books.Single();
        Assert.Equal(final, stats.LastSeqId);
        Assert.True(final - startUpdateId > 10_000, $"the market moved only {final - startUpdateId} level changes");
        // At 60x a push goes out every exchange tick (≥ 100 ms of market): a few hundred to ~2,000 updates, each merging many changes.
        Assert.True(stats.UpdatesApplied > 100, stats.ToString());
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
