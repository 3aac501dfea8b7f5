using FlowSight.Venues.Tests.Trading;
using FlowSight.Core;
using FlowSight.PaperVenue.Okx;
using FlowSight.Venues.Network;
using FlowSight.Venues.Okx.Trading;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FlowSight.Venues.Tests.Okx.Trading;

/// <summary>
/// <see cref="OkxExecutionClient"/> when things go wrong between it and the venue: the private WebSocket dies after an
/// order request left and before its reply (through <see cref="TcpFaultProxy"/>), and the venue answers 50011 (HTTP
/// 429, its own limiter full). Nothing is lost, nothing is sent twice.
/// </summary>
public sealed class OkxExecutionFaultTests
{
    [Fact]
    public async Task A_connection_lost_before_the_reply_leaves_the_fate_unknown_and_the_query_finds_the_one_order()
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        await using var proxy = new TcpFaultProxy(venue.Host.Endpoint("ws-private"));
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(sink, options: venue.Options(webSocketOrders: true, privateStream: proxy.Through(venue.Host.Endpoint("ws-private"))));
        var (bid, _, _, _) = await venue.TopAsync();
        var order = OkxTradingVenue.Limit(venue.Btc, "lost1", OrderSide.Buy, bid - 500m, 1m);

        // The venue gets the request and answers; the answer (and the pushes after it) never reach the client.
        var replyLost = proxy.HoldVenueBytes();
        var submit = client.SubmitAsync(order, TestContext.Current.CancellationToken);
        await replyLost.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        proxy.CutAll();
        await submit.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var failure = await sink.WaitAsync<VenueCommandFailure>(f => f.ClientOrderId == order.ClientOrderId, what: "fate unknown");
        Assert.True(failure.FateUnknown);
        Assert.Equal(TradingCommandKind.Submit, failure.Command);
        Assert.DoesNotContain(sink.All<OrderStatusReport>(), r => r.ClientOrderId == order.ClientOrderId);

        var found = await client.QueryOrderAsync(venue.Btc.Id, order.ClientOrderId, TestContext.Current.CancellationToken);
        Assert.NotNull(found);
        Assert.Equal(OrderStatus.Accepted, found.Value.Status);
        var atVenue = await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.Orders(OkxTradingVenue.AccountId).Count(o => o.ClientOrderId == order.ClientOrderId));
        Assert.Equal(1, atVenue);

        // The client logs in and subscribes again and says events may have been missed.
        var down = await sink.WaitAsync<ExecutionConnectionChanged>(c => !c.Connected, what: "connection lost");
        Assert.Equal("paper-okx", down.Account);
        var up = await sink.WaitAsync<ExecutionConnectionChanged>(c => c.Connected && c.Reconnected, what: "reconnected");
        Assert.Equal(Venue.Okx, up.Venue);
        Assert.True(client.IsConnected);
        Assert.Equal(2, proxy.Connections);

        // The new connection works: the order's cancel is reported on it.
        await client.CancelAsync(new CancelOrder { ClientOrderId = order.ClientOrderId, Instrument = venue.Btc.Id }, TestContext.Current.CancellationToken);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.Canceled, what: "canceled after reconnect");
        Assert.Equal(1, await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.Orders(OkxTradingVenue.AccountId).Count()));
    }

    [Fact]
    public async Task A_50011_refusal_backs_off_and_the_order_is_placed_once()
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(sink, webSocketOrders: false);

        // Another program of the same key used up the venue's order window for BTC-USDT (60 per 2 s).
        var limiter = ((OkxProtocol)venue.Host.Protocol).Limiter;
        while (limiter.TryAcquire("/api/v5/trade/order", OkxTradingVenue.Credential.ApiKey + "|BTC-USDT", 60))
        {
        }

        var order = OkxTradingVenue.Market(venue.Btc, "limited1", OrderSide.Buy, 1m);
        var started = TimeProvider.System.GetTimestamp();
        await client.SubmitAsync(order, TestContext.Current.CancellationToken);
        var waited = TimeProvider.System.GetElapsedTime(started);

        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.Filled, what: "filled after the wait");
        Assert.Empty(sink.All<VenueCommandFailure>());
        Assert.True(client.Host.Snapshot(TimeProvider.System.GetUtcNow()).RateLimitedResponses >= 1, "the venue answered 429 at least once");
        Assert.True(waited >= TimeSpan.FromSeconds(1.5), $"the client waited out OKX's 2-second window ({waited.TotalMilliseconds} ms)");
        var placed = await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.Orders(OkxTradingVenue.AccountId).Count(o => o.ClientOrderId == order.ClientOrderId));
        Assert.Equal(1, placed);
        Assert.Equal(1m, sink.All<FillReport>().Where(f => f.ClientOrderId == order.ClientOrderId).Sum(f => f.Quantity.ToDecimal()));
    }

    [Fact]
    public async Task A_silent_connection_is_pinged_and_when_no_pong_comes_it_is_replaced()
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        await using var proxy = new TcpFaultProxy(venue.Host.Endpoint("ws-private"));

        // The client's clock is fake, started 10 s behind the venue's so the logins stay within OKX's 30 s.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromSeconds(10));
        var options = venue.Options(webSocketOrders: true, privateStream: proxy.Through(venue.Host.Endpoint("ws-private"))) with
        {
            PingInterval = TimeSpan.FromSeconds(10),
            PongTimeout = TimeSpan.FromSeconds(4),
            Reconnect = new BackoffPolicy { InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
        };
        var sink = new RecordingSink();
        await using var client = new OkxExecutionClient(options, time);
        await client.ConnectAsync(sink, TestContext.Current.CancellationToken);

        // 10 s of silence: the client sends "ping"; the venue's "pong" is lost on the way.
        // The heartbeat's timer starts with the receive loop, which may begin just after ConnectAsync returned, so one
        // jump of the fake clock can come before the timer exists: step the clock until the ping's answer is swallowed.
        var pongLost = proxy.HoldVenueBytes();
        for (var step = 0; step < 60 && !pongLost.IsCompleted; step++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(pongLost, Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken));
        }

        await pongLost.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(client.IsConnected);

        // No answer within the pong timeout: the connection is declared dead and replaced. The old connection stays
        // held until then (a push the venue sends meanwhile would count as an answer); the replacement relays.
        Assert.Equal(1, proxy.Connections);
        time.Advance(TimeSpan.FromSeconds(5));
        await sink.WaitAsync<ExecutionConnectionChanged>(c => !c.Connected, what: "declared dead");
        var up = await sink.WaitAsync<ExecutionConnectionChanged>(c => c.Connected && c.Reconnected, what: "replaced");
        proxy.ResumeVenueBytes();
        Assert.Equal("paper-okx", up.Account);
        Assert.Equal(2, proxy.Connections);
    }
}
