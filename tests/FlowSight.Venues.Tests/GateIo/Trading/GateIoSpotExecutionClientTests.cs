using FlowSight.Venues.Tests.Trading;
using FlowSight.Core;
using FlowSight.Venues.GateIo;
using FlowSight.Venues.GateIo.Trading;
using FlowSight.Venues.Network.Http;
using Xunit;

namespace FlowSight.Venues.Tests.GateIo.Trading;

/// <summary>
/// <see cref="GateIoExecutionClient"/> on spot against a local Gate.io v4 private server (Kestrel on 127.0.0.1,
/// HttpClient, ClientWebSocket) that verifies every signature: each order's life, Gate's refusals with their labels,
/// the private channels, reconnection and an order whose answer is lost.
/// </summary>
public sealed class GateIoSpotExecutionClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_wrong_secret_is_refused_with_gates_INVALID_SIGNATURE_on_rest_and_on_the_private_channels()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = venue.Client(GateIoMarket.Spot, secret: "not-the-secret");
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Token);
        patience.CancelAfter(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ConnectAsync(sink, patience.Token));
        Assert.False(client.IsConnected);
        Assert.Equal(0, venue.Server.Subscriptions);

        await client.SubmitAsync(GateIoTradingVenue.Limit(GateIoTradingVenue.Spot, "bad1", OrderSide.Buy, 40_000m, 0.01m), Token);
        var refused = await sink.WaitAsync<VenueCommandFailure>(f => f.Command == TradingCommandKind.Submit, what: "refusal");
        Assert.Equal(GateIoTradingErrorLabels.InvalidSignature, refused.Code);
        Assert.False(refused.FateUnknown);
        Assert.Empty(venue.Exchange.Orders);
        var error = await Assert.ThrowsAsync<VenueApiException>(() => client.QueryStateAsync(0, Token));
        Assert.Equal(GateIoTradingErrorLabels.InvalidSignature, error.VenueCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Requests_are_signed_on_the_clients_clock_and_a_clock_two_minutes_behind_is_refused_as_REQUEST_EXPIRED()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(2));
        var sink = new RecordingSink();
        var client = venue.Client(GateIoMarket.Spot, time: clock);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Token);
        patience.CancelAfter(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ConnectAsync(sink, patience.Token));

        await client.SubmitAsync(GateIoTradingVenue.Limit(GateIoTradingVenue.Spot, "late-1", OrderSide.Buy, 40_000m, 0.01m), Token);
        var refused = await sink.WaitAsync<VenueCommandFailure>(f => f.ClientOrderId == ClientOrderId.Parse("late-1"), what: "expired");
        Assert.Equal(GateIoTradingErrorLabels.RequestExpired, refused.Code);

        // Once the clock is right, the waiting reconnect (on the same clock) subscribes and orders go through.
        clock.SetUtcNow(DateTimeOffset.UtcNow);
        await sink.WaitAsync<ExecutionConnectionChanged>(c => c.Connected, what: "connected once in time");
        await client.SubmitAsync(GateIoTradingVenue.Limit(GateIoTradingVenue.Spot, "late-2", OrderSide.Buy, 40_000m, 0.01m), Token);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == ClientOrderId.Parse("late-2") && r.Status == OrderStatus.Accepted, what: "accepted");
    }

    [Fact]
    public async Task A_resting_limit_order_is_accepted_with_our_id_then_canceled()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.Spot, sink);
        Assert.True(client.IsConnected);
        Assert.Equal(3, venue.Server.Subscriptions);

        var order = GateIoTradingVenue.Limit(GateIoTradingVenue.Spot, "rest-1", OrderSide.Buy, 49_000m, 0.5m);
        await client.SubmitAsync(order, Token);
        var accepted = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.Accepted, what: "accepted");
        var held = Assert.Single(venue.Exchange.Orders);
        Assert.Equal("t-rest-1", held.Text);
        Assert.Equal(held.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), accepted.VenueOrderId.ToString());
        Assert.Equal(49_000m, accepted.Price!.Value.ToDecimal());
        Assert.Equal(0.5m, accepted.Quantity.ToDecimal());
        Assert.Equal(OrderSide.Buy, accepted.Side);
        Assert.Equal((75_500m, 24_500m), venue.Exchange.SpotBalance("USDT"));

        // The private channel reports the same order (event put) and its balance change.
        await sink.WaitAsync<BalanceReport>(b => b.Asset == "USDT" && b.Free == 75_500m, what: "USDT locked");

        await client.CancelAsync(new CancelOrder { ClientOrderId = order.ClientOrderId, Instrument = order.Instrument, VenueOrderId = accepted.VenueOrderId }, Token);
        var canceled = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.Canceled, what: "canceled");
        Assert.Equal(accepted.VenueOrderId, canceled.VenueOrderId);
        Assert.Equal("cancelled", held.FinishAs);
        Assert.Equal((100_000m, 0m), venue.Exchange.SpotBalance("USDT"));
    }

    [Fact]
    public async Task A_marketable_order_fills_and_the_usertrades_channel_delivers_the_fill_with_gates_fee()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.Spot, sink);

        var order = GateIoTradingVenue.Limit(GateIoTradingVenue.Spot, "take-1", OrderSide.Buy, 50_100m, 0.2m);
        await client.SubmitAsync(order, Token);
        var filled = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.Filled, what: "filled");
        Assert.Equal(0.2m, filled.FilledQuantity.ToDecimal());
        Assert.Equal(50_000m, filled.AveragePrice!.Value.ToDecimal());

        var fill = await sink.WaitAsync<FillReport>(f => f.ClientOrderId == order.ClientOrderId, what: "fill");
        var trade = Assert.Single(venue.Exchange.Trades);
        Assert.Equal(trade.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), fill.TradeId);
        Assert.Equal(0.2m, fill.Quantity.ToDecimal());
        Assert.Equal(50_000m, fill.Price.ToDecimal());
        Assert.Equal(FillLiquidity.Taker, fill.Liquidity);
        Assert.Equal("BTC", fill.FeeAsset);
        Assert.Equal(0.0004m, fill.Fee.ToDecimal());
        Assert.Equal(filled.VenueOrderId, fill.VenueOrderId);
        Assert.Equal((10.1996m, 0m), venue.Exchange.SpotBalance("BTC"));
    }

    [Fact]
    public async Task A_partial_fill_leaves_the_rest_working_until_the_price_comes_to_it_as_maker()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        venue.SpotMarket.Depth = 0.3m;
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.Spot, sink);

        var order = GateIoTradingVenue.Limit(GateIoTradingVenue.Spot, "part-1", OrderSide.Buy, 50_000m, 1m);
        await client.SubmitAsync(order, Token);
        var partial = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.PartiallyFilled, what: "partially filled");
        Assert.Equal(0.3m, partial.FilledQuantity.ToDecimal());
        Assert.Equal(1m, partial.Quantity.ToDecimal());

        venue.Exchange.SetPrice(GateIoTradingVenue.Pair, 49_900m);
        var filled = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.Filled, what: "filled");
        Assert.Equal(1m, filled.FilledQuantity.ToDecimal());
        var fills = await WaitFillsAsync(sink, order.ClientOrderId, 2);
        Assert.Equal([FillLiquidity.Taker, FillLiquidity.Maker], fills.Select(f => f.Liquidity).ToArray());
        Assert.Equal(1m, fills.Sum(f => f.Quantity.ToDecimal()));
        Assert.Equal(0.7m * 0.001m, fills[1].Fee.ToDecimal());
    }

    [Fact]
    public async Task Replace_amends_price_and_amount_in_place_keeping_both_ids()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.Spot, sink);
        var order = GateIoTradingVenue.Limit(GateIoTradingVenue.Spot, "amend-1", OrderSide.Sell, 52_000m, 1m);
        await client.SubmitAsync(order, Token);
        var accepted = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.Accepted, what: "accepted");

        await client.ReplaceAsync(
            new ReplaceOrder
            {
                ClientOrderId = order.ClientOrderId,
                Instrument = order.Instrument,
                VenueOrderId = accepted.VenueOrderId,
                Price = Price.FromDecimal(51_500m, 1),
                Quantity = Quantity.FromDecimal(0.6m, 4),
            },
            Token);
        var amended = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Price == Price.FromDecimal(51_500m, 1), what: "amended");
        Assert.Equal(accepted.VenueOrderId, amended.VenueOrderId);
        Assert.Equal(0.6m, amended.Quantity.ToDecimal());
        Assert.Equal(OrderStatus.Accepted, amended.Status);
        var held = Assert.Single(venue.Exchange.Orders);
        Assert.Equal((51_500m, 0.6m), (held.Price, held.Amount));
        Assert.Equal((9.4m, 0.6m), venue.Exchange.SpotBalance("BTC"));
    }

    [Fact]
    public async Task Refusals_arrive_with_gates_labels()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.Spot, sink);

        await client.SubmitAsync(GateIoTradingVenue.Limit(GateIoTradingVenue.Spot, "big-1", OrderSide.Buy, 40_000m, 3m), Token);
        var balance = await sink.WaitAsync<VenueCommandFailure>(f => f.ClientOrderId == ClientOrderId.Parse("big-1"), what: "balance refusal");
        Assert.Equal(GateIoTradingErrorLabels.BalanceNotEnough, balance.Code);
        Assert.Contains("120000", balance.Reason, StringComparison.Ordinal);

        await client.CancelAsync(new CancelOrder { ClientOrderId = ClientOrderId.Parse("nobody"), Instrument = GateIoTradingVenue.Spot.Id }, Token);
        var missing = await sink.WaitAsync<VenueCommandFailure>(f => f.Command == TradingCommandKind.Cancel, what: "cancel refusal");
        Assert.Equal(GateIoTradingErrorLabels.OrderNotFound, missing.Code);

        // Gate's text allows 28 characters after t-: refused before sending.
        await client.SubmitAsync(GateIoTradingVenue.Limit(GateIoTradingVenue.Spot, "this-client-order-id-is-way-too-long", OrderSide.Buy, 40_000m, 0.1m), Token);
        var text = await sink.WaitAsync<VenueCommandFailure>(f => f.Code == GateIoTradingErrorLabels.InvalidText, what: "text refusal");
        Assert.False(text.FateUnknown);
        Assert.Empty(venue.Exchange.Orders);
        Assert.Equal(1, venue.Server.OrderPosts);
        Assert.Null(await client.QueryOrderAsync(GateIoTradingVenue.Spot.Id, ClientOrderId.Parse("nobody"), Token));
    }

    [Fact]
    public async Task A_post_only_order_that_would_take_expires_as_poc_and_one_that_rests_is_accepted()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.Spot, sink);

        var taking = GateIoTradingVenue.Limit(GateIoTradingVenue.Spot, "poc-take", OrderSide.Buy, 50_500m, 0.1m, TimeInForce.Gtx);
        await client.SubmitAsync(taking, Token);
        var expired = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == taking.ClientOrderId && r.Status == OrderStatus.Expired, what: "poc expired");
        Assert.Equal("poc", expired.Reason);
        Assert.Equal(TimeInForce.Gtx, expired.TimeInForce);
        Assert.Equal(0m, expired.FilledQuantity.ToDecimal());
        Assert.Empty(venue.Exchange.Trades);

        var resting = GateIoTradingVenue.Limit(GateIoTradingVenue.Spot, "poc-rest", OrderSide.Buy, 49_500m, 0.1m, TimeInForce.Gtx);
        await client.SubmitAsync(resting, Token);
        var accepted = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == resting.ClientOrderId && r.Status == OrderStatus.Accepted, what: "poc accepted");
        Assert.Equal(TimeInForce.Gtx, accepted.TimeInForce);
    }

    [Fact]
    public async Task Cancel_all_cancels_every_working_order_of_the_pair_and_query_state_matches_the_venue()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.Spot, sink);
        await client.SubmitAsync(GateIoTradingVenue.Limit(GateIoTradingVenue.Spot, "w1", OrderSide.Buy, 48_000m, 0.1m), Token);
        await client.SubmitAsync(GateIoTradingVenue.Limit(GateIoTradingVenue.Spot, "w2", OrderSide.Sell, 53_000m, 0.2m), Token);
        await client.SubmitAsync(GateIoTradingVenue.Limit(GateIoTradingVenue.Spot, "f1", OrderSide.Sell, 49_000m, 0.5m), Token);
        await sink.WaitAsync<FillReport>(f => f.ClientOrderId == ClientOrderId.Parse("f1"), what: "fill");

        var state = await client.QueryStateAsync(0, Token);
        Assert.Equal(["w1", "w2"], state.OpenOrders.Select(o => o.ClientOrderId.ToString()).Order().ToArray());
        var fill = Assert.Single(state.Fills);
        Assert.Equal("f1", fill.ClientOrderId.ToString());
        Assert.Equal(25_000m * 0.002m, fill.Fee.ToDecimal());
        foreach (var asset in (string[])["USDT", "BTC"])
        {
            var (available, locked) = venue.Exchange.SpotBalance(asset);
            var reported = Assert.Single(state.Balances, b => b.Asset == asset);
            Assert.Equal(available, reported.Free);
            Assert.Equal(available + locked, reported.Total);
        }

        Assert.Empty(state.Positions);

        await client.CancelAllAsync(new CancelAllOrders { Instrument = GateIoTradingVenue.Spot.Id }, Token);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == ClientOrderId.Parse("w1") && r.Status == OrderStatus.Canceled, what: "w1 canceled");
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == ClientOrderId.Parse("w2") && r.Status == OrderStatus.Canceled, what: "w2 canceled");
        Assert.Empty(venue.Exchange.OpenOrders(futures: false));
        Assert.Empty((await client.QueryStateAsync(0, Token)).OpenOrders);
    }

    [Fact]
    public async Task After_a_dropped_socket_the_client_reconnects_resubscribes_and_reports_it()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.Spot, sink);
        var first = await sink.WaitAsync<ExecutionConnectionChanged>(c => c.Connected, what: "connected");
        Assert.False(first.Reconnected);

        venue.Server.DropWebSockets();
        var lost = await sink.WaitAsync<ExecutionConnectionChanged>(c => !c.Connected, what: "lost");
        Assert.Equal("gate-test", lost.Account);
        var back = await sink.WaitAsync<ExecutionConnectionChanged>(c => c.Connected && c.Reconnected, what: "reconnected");
        Assert.Equal(Venue.GateIo, back.Venue);
        Assert.Equal(6, venue.Server.Subscriptions);
        Assert.Equal(2, venue.Server.Connections);

        // The new connection carries the private channels: an order placed by another session arrives on it.
        venue.Exchange.Place(false, new System.Text.Json.Nodes.JsonObject { ["text"] = "t-elsewhere", ["currency_pair"] = GateIoTradingVenue.Pair, ["side"] = "buy", ["amount"] = "0.1", ["price"] = "45000" });
        var seen = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == ClientOrderId.Parse("elsewhere"), what: "order after reconnect");
        Assert.Equal(OrderStatus.Accepted, seen.Status);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task When_the_connection_drops_after_the_order_arrives_the_fate_is_unknown_and_the_query_finds_exactly_one_order()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.Spot, sink);
        venue.Server.DropConnectionAfterNextOrder();

        var order = GateIoTradingVenue.Limit(GateIoTradingVenue.Spot, "lost-1", OrderSide.Buy, 47_000m, 0.3m);
        await client.SubmitAsync(order, Token);
        var unknown = await sink.WaitAsync<VenueCommandFailure>(f => f.ClientOrderId == order.ClientOrderId, what: "fate unknown");
        Assert.True(unknown.FateUnknown);
        Assert.Equal(TradingCommandKind.Submit, unknown.Command);

        var found = await client.QueryOrderAsync(order.Instrument, order.ClientOrderId, Token);
        Assert.NotNull(found);
        Assert.Equal(OrderStatus.Accepted, found.Value.Status);
        Assert.Equal(order.ClientOrderId, found.Value.ClientOrderId);
        Assert.Equal(0.3m, found.Value.Quantity.ToDecimal());
        Assert.Single(venue.Exchange.Orders);
        Assert.Equal(1, venue.Server.OrderPosts);
    }

    [Fact]
    public async Task An_order_answered_429_waits_out_gates_window_and_is_placed_once()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.Spot, sink);
        venue.Server.RateLimitNextRequests(2);

        var order = GateIoTradingVenue.Limit(GateIoTradingVenue.Spot, "busy-1", OrderSide.Buy, 45_000m, 0.1m);
        await client.SubmitAsync(order, Token);
        var accepted = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.Accepted, what: "accepted after 429s");
        Assert.Equal(2, venue.Server.RateLimited);
        Assert.Equal(1, venue.Server.OrderPosts);
        Assert.Single(venue.Exchange.Orders);
        Assert.Empty(sink.All<VenueCommandFailure>());
        Assert.True(client.Host.Snapshot(DateTimeOffset.UtcNow).RateLimitedResponses >= 2);
        Assert.False(accepted.VenueOrderId.IsDefault);

        // Past the retries the order is refused with Gate's label, never reported as unknown.
        venue.Server.RateLimitNextRequests(10);
        await client.SubmitAsync(GateIoTradingVenue.Limit(GateIoTradingVenue.Spot, "busy-2", OrderSide.Buy, 45_000m, 0.1m), Token);
        var refused = await sink.WaitAsync<VenueCommandFailure>(f => f.ClientOrderId == ClientOrderId.Parse("busy-2"), what: "rate-limit refusal");
        Assert.Equal(GateIoTradingErrorLabels.TooManyRequests, refused.Code);
        Assert.False(refused.FateUnknown);
        Assert.Single(venue.Exchange.Orders);
    }

    [Fact]
    public async Task The_client_pings_and_replaces_a_connection_that_stops_answering()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        await venue.ConnectAsync(GateIoMarket.Spot, sink, o => o with { PingInterval = TimeSpan.FromMilliseconds(50), PongTimeout = TimeSpan.FromMilliseconds(100) });
        await venue.Server.WhenPingsAsync(3).WaitAsync(TimeSpan.FromSeconds(10), Token);
        Assert.DoesNotContain(sink.All<ExecutionConnectionChanged>(), c => !c.Connected);

        venue.Server.MuteWebSockets();
        await sink.WaitAsync<ExecutionConnectionChanged>(c => !c.Connected, what: "silent connection dropped");
        await sink.WaitAsync<ExecutionConnectionChanged>(c => c.Connected && c.Reconnected, what: "reconnected");
        Assert.Equal(2, venue.Server.Connections);
    }

    private static async Task<List<FillReport>> WaitFillsAsync(RecordingSink sink, ClientOrderId id, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var seen = i;
            await sink.WaitAsync<FillReport>(_ => sink.All<FillReport>().Count(f => f.ClientOrderId == id) > seen, what: $"fill {i + 1}");
        }

        return [.. sink.All<FillReport>().Where(f => f.ClientOrderId == id).DistinctBy(f => f.TradeId)];
    }
}
