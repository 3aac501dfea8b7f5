using FlowSight.Core;
using FlowSight.PaperVenue.Binance.Streams;
using FlowSight.PaperVenue.Hosting;
using FlowSight.Simulator.Orders;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Binance.Streams;

/// <summary>When the book's change log no longer reaches a stream's last <c>u</c>, subscribers see a real gap and resync.</summary>
public sealed class BinanceDepthGapTests
{
    [Fact]
    public async Task A_log_overrun_breaks_the_chain_so_clients_resync()
    {
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceUsdm, speed: 0);
        var exchange = host.Exchange;
        await using var client = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/ws/ethusdt@depth@100ms"));
        var streams = BinanceStreams.FeedsOf(exchange).Market;
        for (var i = 0; i < 1000 && streams.SubscribersOf("ethusdt@depth@100ms") == 0; i++)
        {
            await exchange.InvokeAsync(() => { });
        }

        // Two steps, so the stream has had a tick of its own and starts from the book before the first change.
        await exchange.InvokeAsync(() => { });
        await exchange.InvokeAsync(() => { });
        await ChurnAsync(host, 1);
        var before = await client.NextAsync();

        // More level changes between two diffs than the book's log keeps (2^17): place and cancel an order 70,000 times.
        await ChurnAsync(host, 70_000);
        await ChurnAsync(host, 1);
        var after = await client.NextAsync();

        Assert.NotEqual(before.GetProperty("u").GetInt64(), after.GetProperty("pu").GetInt64());
        Assert.True(after.GetProperty("pu").GetInt64() - before.GetProperty("u").GetInt64() >= 140_000);
        Assert.Equal(1, streams.Gaps);
    }

    /// <summary>Places and cancels a small bid far below ETHUSDT's market <paramref name="count"/> times, in one exchange step.</summary>
    private static Task ChurnAsync(PaperVenueHost host, int count)
    {
        var exchange = host.Exchange;
        return exchange.InvokeAsync(() =>
        {
            exchange.TryGetMarket("ETHUSDT", out var market);
            var id = market.Instrument.Id;
            for (var i = 0; i < count; i++)
            {
                var client = ClientOrderId.Parse("churn" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var placed = exchange.Submit(new SimOrderRequest(1, id, client, OrderSide.Buy, OrderType.Limit, TimeInForce.Gtc, Quantity.Parse("0.010"), Price.Parse("2000.00")));
                exchange.Cancel(new SimCancelRequest(1, id, placed[0].OrderId, default));
            }
        });
    }
}
