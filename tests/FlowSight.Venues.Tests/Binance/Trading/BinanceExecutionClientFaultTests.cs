using FlowSight.Core;
using FlowSight.PaperVenue.Hosting;
using FlowSight.TestKit.Network;
using FlowSight.Venues.Binance.Trading;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Trading;

/// <summary>
/// Faults against the real paper venue: an answer lost after the order reached the venue, the listen key expiring,
/// and the venue's 429 on its order-count limit.
/// </summary>
public sealed class BinanceExecutionClientFaultTests
{
    [Fact]
    public async Task A_connection_cut_after_the_order_reached_the_venue_is_fate_unknown_and_the_order_is_found_once_by_its_client_id()
    {
        TcpFaultProxy? proxy = null;
        await using var h = await BinanceTradingHarness.StartAsync(PaperVenueKind.BinanceUsdm, rest: venue => (proxy = TcpFaultProxy.Start(venue)).Address);
        await using var _ = proxy;
        var (bid, _) = await h.TouchAsync();
        var ct = TestContext.Current.CancellationToken;

        var cut = proxy!.CutAfterRequest("POST /fapi/v1/order?"u8);
        await h.Client.SubmitAsync(h.Limit("f-cut-1", OrderSide.Buy, 0.010m, h.Ticks(bid, -100)), ct);
        await cut.WaitAsync(TimeSpan.FromSeconds(10), ct);

        var failure = Assert.Single(h.Sink.All<VenueCommandFailure>());
        Assert.True(failure.FateUnknown, failure.Reason);
        Assert.Equal(TradingCommandKind.Submit, failure.Command);
        Assert.Equal("f-cut-1", failure.ClientOrderId.ToString());
        Assert.DoesNotContain(h.Sink.All<OrderStatusReport>(), r => r.ClientOrderId.ToString() == "f-cut-1" && r.Timestamp < failure.Timestamp && !h.Client.IsConnected);

        var found = await h.Client.QueryOrderAsync(h.Btc.Id, ClientOrderId.Parse("f-cut-1"), ct);
        Assert.NotNull(found);
        Assert.Equal(OrderStatus.Accepted, found.Value.Status);
        Assert.Equal(1, await h.VenueOrderCountAsync("f-cut-1"));
        Assert.Null(await h.Client.QueryOrderAsync(h.Btc.Id, ClientOrderId.Parse("f-never-sent"), ct));
    }

    [Fact]
    public async Task A_stop_whose_algo_order_answer_was_lost_is_found_once_in_the_algo_service_by_its_client_id()
    {
        TcpFaultProxy? proxy = null;
        await using var h = await BinanceTradingHarness.StartAsync(PaperVenueKind.BinanceUsdm, rest: venue => (proxy = TcpFaultProxy.Start(venue)).Address);
        await using var _ = proxy;
        var (bid, _) = await h.TouchAsync();
        var ct = TestContext.Current.CancellationToken;

        var cut = proxy!.CutAfterRequest("POST /fapi/v1/algoOrder?"u8);
        var stop = h.Limit("f-cut-stop", OrderSide.Buy, 0.010m, bid) with { Type = OrderType.StopMarket, Price = null, TriggerPrice = h.Ticks(bid, 500) };
        await h.Client.SubmitAsync(stop, ct);
        await cut.WaitAsync(TimeSpan.FromSeconds(10), ct);

        var failure = Assert.Single(h.Sink.All<VenueCommandFailure>());
        Assert.True(failure.FateUnknown, failure.Reason);

        // Not a regular order: the query asks the algo service, which holds it exactly once.
        var found = await h.Client.QueryOrderAsync(h.Btc.Id, ClientOrderId.Parse("f-cut-stop"), ct);
        Assert.NotNull(found);
        Assert.Equal((OrderStatus.Accepted, OrderType.StopMarket, (Price?)h.Ticks(bid, 500)), (found.Value.Status, found.Value.Type, found.Value.TriggerPrice));
        Assert.Equal(1, await h.VenueOrderCountAsync("f-cut-stop"));
    }

    [Fact]
    public async Task An_expired_listen_key_is_renewed_the_reconnect_is_announced_and_updates_after_it_arrive()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await BinanceTradingHarness.StartAsync(PaperVenueKind.BinanceUsdm, time);
        var ct = TestContext.Current.CancellationToken;
        var firstKey = h.Client.ListenKey;
        await h.Client.SubmitAsync(h.MarketOrder("k-before", OrderSide.Buy, 0.010m), ct);
        await h.Sink.WaitAsync<FillReport>(f => f.ClientOrderId.ToString() == "k-before", "before the expiry");

        // Past the key's 60 minutes in one step: the keep-alives come too late, the venue expires the key.
        time.Advance(TimeSpan.FromMinutes(61));
        var reconnected = await h.Sink.WaitAsync<ExecutionConnectionChanged>(c => c.Connected && c.Reconnected, "after the expiry");
        Assert.Contains(h.Sink.All<ExecutionConnectionChanged>(), c => !c.Connected);
        Assert.NotEqual(firstKey, h.Client.ListenKey);
        Assert.True(h.Client.IsConnected);
        Assert.False(string.IsNullOrEmpty(reconnected.Reason));

        await h.Client.SubmitAsync(h.MarketOrder("k-after", OrderSide.Sell, 0.010m), ct);
        var fill = await h.Sink.WaitAsync<FillReport>(f => f.ClientOrderId.ToString() == "k-after", "on the renewed stream");
        Assert.Equal(0.010m, fill.Quantity.ToDecimal());
    }

    [Fact]
    public async Task A_429_on_the_order_count_blocks_the_host_until_Retry_After_and_the_order_is_then_sent_exactly_once()
    {
        // Aligned to a 10-second window so that the venue counts the three orders in one window.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 1, TimeSpan.Zero));
        await using var h = await BinanceTradingHarness.StartAsync(
            PaperVenueKind.BinanceUsdm,
            time,
            configure: o => o with { OrdersPer10Seconds = 2 },
            orderLimits: [BinanceOrderLimits.Rule("paper-1", TimeSpan.FromSeconds(10), 1_000, "X-MBX-ORDER-COUNT-10S")]);
        var (bid, _) = await h.TouchAsync();
        var ct = TestContext.Current.CancellationToken;
        await h.Client.SubmitAsync(h.Limit("q-1", OrderSide.Buy, 0.010m, h.Ticks(bid, -100)), ct);
        await h.Client.SubmitAsync(h.Limit("q-2", OrderSide.Buy, 0.010m, h.Ticks(bid, -101)), ct);

        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Client.Host.Changed += (_, _) =>
        {
            var snapshot = h.Client.Host.Snapshot(time.GetUtcNow());
            if (snapshot.Waiting > 0 && snapshot.BlockedUntil is not null)
            {
                waiting.TrySetResult();
            }
        };
        var third = h.Client.SubmitAsync(h.Limit("q-3", OrderSide.Buy, 0.010m, h.Ticks(bid, -102)), ct);
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.False(third.IsCompleted);
        Assert.Equal(0, await h.VenueOrderCountAsync("q-3"));

        time.Advance(TimeSpan.FromSeconds(10));
        await third.WaitAsync(TimeSpan.FromSeconds(10), ct);
        var accepted = await h.Sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.ToString() == "q-3", "after the back-off");
        Assert.Equal(OrderStatus.Accepted, accepted.Status);
        Assert.Equal(1, await h.VenueOrderCountAsync("q-3"));
        Assert.Empty(h.Sink.All<VenueCommandFailure>());
        Assert.Equal(1, h.Client.Host.Snapshot(time.GetUtcNow()).RateLimitedResponses);
    }
}
