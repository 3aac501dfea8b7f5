using FlowSight.Venues.Tests.Trading;
using FlowSight.Core;
using FlowSight.Venues.GateIo;
using FlowSight.Venues.GateIo.Trading;
using Xunit;

namespace FlowSight.Venues.Tests.GateIo.Trading;

/// <summary>
/// <see cref="GateIoExecutionClient"/> on USDT perpetuals against the local Gate.io private server: signed sizes in
/// contracts, reduce-only and post-only with Gate's labels, amend with PUT, positions and the account read back equal
/// to the server's own.
/// </summary>
public sealed class GateIoFuturesExecutionClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Instrument Perp => GateIoTradingVenue.Perpetual;

    [Fact]
    public async Task A_sell_fills_as_a_negative_size_and_the_position_and_fees_reach_the_sink_as_the_venue_holds_them()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.UsdtFutures, sink);
        Assert.Equal(5, venue.Server.Subscriptions); // orders, usertrades, positions, balances, autoorders

        var order = GateIoTradingVenue.Limit(Perp, "short-1", OrderSide.Sell, 49_900m, 30m);
        await client.SubmitAsync(order, Token);
        var filled = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.Filled, what: "filled");
        Assert.Equal(OrderSide.Sell, filled.Side);
        Assert.Equal(30m, filled.Quantity.ToDecimal());
        Assert.Equal(30m, filled.FilledQuantity.ToDecimal());
        Assert.Equal(-30m, Assert.Single(venue.Exchange.Orders).SignedSize);

        var fill = await sink.WaitAsync<FillReport>(f => f.ClientOrderId == order.ClientOrderId, what: "fill");
        Assert.Equal(OrderSide.Sell, fill.Side);
        Assert.Equal(30m, fill.Quantity.ToDecimal());
        Assert.Equal("USDT", fill.FeeAsset);
        Assert.Equal(30m * 0.0001m * 50_000m * 0.002m, fill.Fee.ToDecimal());
        Assert.Equal(FillLiquidity.Taker, fill.Liquidity);

        var position = await sink.WaitAsync<PositionStatusReport>(p => p.Quantity != 0, what: "position");
        Assert.Equal(-30m, position.Quantity);
        Assert.Equal(50_000m, position.EntryPrice);

        var state = await client.QueryStateAsync(0, Token);
        var held = Assert.Single(state.Positions);
        Assert.Equal((venue.Exchange.Position(GateIoTradingVenue.Pair).Size, venue.Exchange.Position(GateIoTradingVenue.Pair).Entry), (held.Quantity, held.EntryPrice));
        Assert.Equal(venue.Exchange.FuturesTotal, Assert.Single(state.Balances).Total);
        Assert.Equal(100_000m - 0.3m, state.Balances[0].Total);
        Assert.Equal(fill.TradeId, Assert.Single(state.Fills).TradeId);
    }

    [Fact]
    public async Task Reduce_only_is_refused_with_INCREASE_POSITION_when_it_would_grow_the_position_and_reduces_when_it_can()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.UsdtFutures, sink);
        await client.SubmitAsync(GateIoTradingVenue.Limit(Perp, "long-1", OrderSide.Buy, 50_000m, 10m), Token);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == ClientOrderId.Parse("long-1") && r.Status == OrderStatus.Filled, what: "long filled");

        await client.SubmitAsync(GateIoTradingVenue.Limit(Perp, "ro-grow", OrderSide.Buy, 50_000m, 5m, reduceOnly: true), Token);
        var refused = await sink.WaitAsync<VenueCommandFailure>(f => f.ClientOrderId == ClientOrderId.Parse("ro-grow"), what: "reduce-only refusal");
        Assert.Equal(GateIoTradingErrorLabels.IncreasePosition, refused.Code);

        await client.SubmitAsync(GateIoTradingVenue.Limit(Perp, "ro-cut", OrderSide.Sell, 50_000m, 4m, reduceOnly: true), Token);
        var cut = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == ClientOrderId.Parse("ro-cut") && r.Status == OrderStatus.Filled, what: "reduce-only filled");
        Assert.True(cut.ReduceOnly);
        Assert.Equal(6m, venue.Exchange.Position(GateIoTradingVenue.Pair).Size);
        await sink.WaitAsync<PositionStatusReport>(p => p.Quantity == 6m, what: "position 6");
    }

    [Fact]
    public async Task Post_only_that_would_take_is_refused_with_gates_label_and_a_resting_one_is_amended_by_put()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.UsdtFutures, sink);

        await client.SubmitAsync(GateIoTradingVenue.Limit(Perp, "poc-take", OrderSide.Buy, 50_100m, 2m, TimeInForce.Gtx), Token);
        var refused = await sink.WaitAsync<VenueCommandFailure>(f => f.ClientOrderId == ClientOrderId.Parse("poc-take"), what: "poc refusal");
        Assert.Equal(GateIoTradingErrorLabels.OrderPocImmediate, refused.Code);

        var resting = GateIoTradingVenue.Limit(Perp, "poc-rest", OrderSide.Sell, 50_500m, 8m, TimeInForce.Gtx);
        await client.SubmitAsync(resting, Token);
        var accepted = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == resting.ClientOrderId && r.Status == OrderStatus.Accepted, what: "accepted");
        Assert.Equal(TimeInForce.Gtx, accepted.TimeInForce);
        Assert.Equal(OrderSide.Sell, accepted.Side);

        await client.ReplaceAsync(new ReplaceOrder { ClientOrderId = resting.ClientOrderId, Instrument = Perp.Id, Quantity = Quantity.FromDecimal(5m, 0), Price = Price.FromDecimal(50_400m, 1) }, Token);
        var amended = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == resting.ClientOrderId && r.Quantity.ToDecimal() == 5m, what: "amended");
        Assert.Equal(accepted.VenueOrderId, amended.VenueOrderId);
        Assert.Equal(50_400m, amended.Price!.Value.ToDecimal());
        Assert.Equal(OrderSide.Sell, amended.Side);
        var held = Assert.Single(venue.Exchange.Orders, o => o.Text == "t-poc-rest");
        Assert.Equal((-5m, 50_400m), (held.SignedSize, held.Price));

        await client.CancelAllAsync(new CancelAllOrders(), Token);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == resting.ClientOrderId && r.Status == OrderStatus.Canceled, what: "canceled");
        Assert.Empty(venue.Exchange.OpenOrders(futures: true));
    }

    [Fact]
    public async Task A_partial_fill_and_a_fate_unknown_order_are_reconciled_by_query()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        venue.FuturesMarket.Depth = 3m;
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.UsdtFutures, sink);

        venue.Server.DropConnectionAfterNextOrder();
        var order = GateIoTradingVenue.Limit(Perp, "part-lost", OrderSide.Buy, 50_000m, 10m);
        await client.SubmitAsync(order, Token);
        var unknown = await sink.WaitAsync<VenueCommandFailure>(f => f.ClientOrderId == order.ClientOrderId, what: "fate unknown");
        Assert.True(unknown.FateUnknown);

        // The private channel still tells what happened; the query by text id finds the one order.
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.PartiallyFilled, what: "partial over WS");
        var found = await client.QueryOrderAsync(Perp.Id, order.ClientOrderId, Token);
        Assert.NotNull(found);
        Assert.Equal(OrderStatus.PartiallyFilled, found.Value.Status);
        Assert.Equal(3m, found.Value.FilledQuantity.ToDecimal());
        Assert.Single(venue.Exchange.Orders);
        Assert.Equal(1, venue.Server.OrderPosts);
        var open = Assert.Single((await client.QueryStateAsync(0, Token)).OpenOrders);
        Assert.Equal(order.ClientOrderId, open.ClientOrderId);
    }

    [Fact]
    public async Task Market_orders_go_as_price_0_ioc_on_futures_and_as_quote_amount_buys_on_spot()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var futures = await venue.ConnectAsync(GateIoMarket.UsdtFutures, sink);
        var spot = await venue.ConnectAsync(GateIoMarket.Spot, sink);

        var perp = new SubmitOrder { ClientOrderId = ClientOrderId.Parse("mkt-f"), Instrument = Perp.Id, Side = OrderSide.Buy, Type = OrderType.Market, Quantity = Quantity.FromDecimal(7m, 0) };
        await futures.SubmitAsync(perp, Token);
        var filled = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == perp.ClientOrderId && r.Status == OrderStatus.Filled, what: "futures market filled");
        Assert.Equal(OrderType.Market, filled.Type);
        Assert.Equal(TimeInForce.Ioc, filled.TimeInForce);
        var held = Assert.Single(venue.Exchange.Orders);
        Assert.Equal(("market", "ioc", 0m), (held.Type, held.TimeInForce, held.Price));

        // Gate sizes a spot market buy in quote: 0.1 BTC at the reference 50 000 is sent as 5000 USDT.
        var buy = new SubmitOrder { ClientOrderId = ClientOrderId.Parse("mkt-s"), Instrument = GateIoTradingVenue.Spot.Id, Side = OrderSide.Buy, Type = OrderType.Market, Quantity = Quantity.FromDecimal(0.1m, 4), Price = Price.FromDecimal(50_000m, 1) };
        await spot.SubmitAsync(buy, Token);
        var bought = await sink.WaitAsync<FillReport>(f => f.ClientOrderId == buy.ClientOrderId, what: "spot market fill");
        Assert.Equal(0.1m, bought.Quantity.ToDecimal());
        Assert.Equal(2, venue.Exchange.Orders.Count);

        var noReference = buy with { ClientOrderId = ClientOrderId.Parse("mkt-s2"), Price = null };
        await spot.SubmitAsync(noReference, Token);
        var refused = await sink.WaitAsync<VenueCommandFailure>(f => f.ClientOrderId == noReference.ClientOrderId, what: "no reference price");
        Assert.Contains("quote", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(2, venue.Exchange.Orders.Count);
    }
}
