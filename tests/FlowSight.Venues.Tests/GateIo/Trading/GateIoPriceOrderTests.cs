using System.Text;
using FlowSight.Core;
using FlowSight.TestServers.GateIo;
using FlowSight.Venues.GateIo;
using FlowSight.Venues.GateIo.Trading;
using FlowSight.Venues.Tests.Trading;
using Xunit;

namespace FlowSight.Venues.Tests.GateIo.Trading;

/// <summary>
/// USDT futures stop and take-profit orders as Gate's price-triggered orders, against the local Gate server (which
/// checks every request's HMAC-SHA512 signature): a stop waits as a price order, a trade through its trigger places
/// the regular order that fills it under our client id, once; cancel; a fresh client finds it by reconciliation; a lost
/// place answer is resolved by its text id without placing it twice; Gate's refusals arrive with Gate's labels.
/// </summary>
public sealed class GateIoPriceOrderTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Instrument Perp => GateIoTradingVenue.Perpetual;

    private static SubmitOrder Stop(string id, OrderSide side, decimal trigger, decimal contracts, OrderType type = OrderType.StopMarket, bool reduceOnly = true) => new()
    {
        ClientOrderId = ClientOrderId.Parse(id),
        Instrument = Perp.Id,
        Side = side,
        Type = type,
        Quantity = Quantity.FromDecimal(contracts, Perp.SizePrecision),
        TriggerPrice = Price.FromDecimal(trigger, Perp.PricePrecision),
        ReduceOnly = reduceOnly,
    };

    private static async Task OpenLongAsync(GateIoTradingVenue venue, GateIoExecutionClient client, RecordingSink sink, decimal contracts)
    {
        var open = GateIoTradingVenue.Limit(Perp, "open-long", OrderSide.Buy, 50_000m, contracts);
        await client.SubmitAsync(open, Token);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == open.ClientOrderId && r.Status == OrderStatus.Filled, what: "long opened");
        Assert.Equal(contracts, venue.Exchange.Position(GateIoTradingVenue.Pair).Size);
    }

    [Fact]
    public void The_body_is_gates_documented_initial_and_trigger()
    {
        var stop = Stop("sl-1", OrderSide.Sell, 49_000m, 10m);
        Assert.Equal(
            """{"initial":{"contract":"BTC_USDT","size":-10,"price":"0","tif":"ioc","text":"t-sl-1","reduce_only":true},"trigger":{"strategy_type":0,"price_type":0,"price":"49000.0","rule":2}}""",
            Encoding.UTF8.GetString(GateIoExecutionClient.PriceOrderBody(stop, "BTC_USDT", GateIoTriggerPrice.Last)));

        // A buy stop fires at or above its trigger (rule 1); a sell take-profit too; a limit one carries its price and gtc.
        var buyStop = Stop("sl-2", OrderSide.Buy, 51_000m, 3m, reduceOnly: false);
        Assert.Contains("\"rule\":1", Encoding.UTF8.GetString(GateIoExecutionClient.PriceOrderBody(buyStop, "BTC_USDT", GateIoTriggerPrice.Mark)), StringComparison.Ordinal);
        Assert.Contains("\"price_type\":1", Encoding.UTF8.GetString(GateIoExecutionClient.PriceOrderBody(buyStop, "BTC_USDT", GateIoTriggerPrice.Mark)), StringComparison.Ordinal);
        var takeProfit = Stop("tp-1", OrderSide.Sell, 52_000m, 4m, OrderType.TakeProfitLimit) with { Price = Price.FromDecimal(51_990m, 1) };
        Assert.Equal(
            """{"initial":{"contract":"BTC_USDT","size":-4,"price":"51990.0","tif":"gtc","text":"t-tp-1","reduce_only":true},"trigger":{"strategy_type":0,"price_type":0,"price":"52000.0","rule":1}}""",
            Encoding.UTF8.GetString(GateIoExecutionClient.PriceOrderBody(takeProfit, "BTC_USDT", GateIoTriggerPrice.Last)));
        Assert.Throws<ArgumentException>(() => GateIoExecutionClient.PriceOrderBody(stop with { TriggerPrice = null }, "BTC_USDT", GateIoTriggerPrice.Last));
        Assert.Throws<ArgumentException>(() => GateIoExecutionClient.PriceOrderBody(takeProfit with { TimeInForce = TimeInForce.Gtx }, "BTC_USDT", GateIoTriggerPrice.Last));
    }

    [Fact]
    public async Task A_stop_waits_as_a_price_order_and_a_trade_through_its_trigger_fills_it_once_under_our_id()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.UsdtFutures, sink);
        Assert.Equal(5, venue.Server.Subscriptions); // futures.autoorders among them
        await OpenLongAsync(venue, client, sink, 10m);

        var stop = Stop("sl-wait", OrderSide.Sell, 49_000m, 10m);
        await client.SubmitAsync(stop, Token);
        var accepted = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == stop.ClientOrderId && r.Status == OrderStatus.Accepted, what: "stop accepted");
        var waiting = Assert.Single(venue.Exchange.PriceOrders);
        Assert.Equal(waiting.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), accepted.VenueOrderId.ToString());
        Assert.Equal((OrderType.StopMarket, 49_000m), (accepted.Type, accepted.TriggerPrice!.Value.ToDecimal()));
        Assert.Equal(("t-sl-wait", -10m, 0, 2, 49_000m, true), (waiting.Text, waiting.Size, waiting.PriceType, waiting.Rule, waiting.TriggerPrice, (bool?)waiting.Initial["reduce_only"] == true));
        Assert.Single(venue.Exchange.Orders); // nothing in the book but the opening order
        Assert.Equal(0, venue.Server.AuthFailures);

        // A trade at 49 100 is above it; one at 48 900 goes through it: Gate places the regular market sell.
        venue.Exchange.SetPrice(GateIoTradingVenue.Pair, 49_100m, futures: true);
        Assert.True(waiting.IsOpen);
        venue.Exchange.SetPrice(GateIoTradingVenue.Pair, 48_900m, futures: true);
        var filled = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == stop.ClientOrderId && r.Status == OrderStatus.Filled, what: "stop filled");
        Assert.Equal(("succeeded", false), (waiting.FinishAs, waiting.IsOpen));
        var regular = venue.Exchange.Orders[^1];
        Assert.Equal(waiting.TradeId, regular.Id);
        Assert.NotEqual("t-sl-wait", regular.Text); // Gate's own order: its text is not ours
        Assert.Equal(regular.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), filled.VenueOrderId.ToString());
        Assert.Equal((OrderType.StopMarket, 10m), (filled.Type, filled.FilledQuantity.ToDecimal()));

        var fill = await sink.WaitAsync<FillReport>(f => f.ClientOrderId == stop.ClientOrderId, what: "stop fill");
        var trade = venue.Exchange.Trades.Single(t => t.Order == regular);
        Assert.Equal(trade.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), fill.TradeId);
        Assert.Equal((OrderSide.Sell, 10m, 48_900m), (fill.Side, fill.Quantity.ToDecimal(), fill.Price.ToDecimal()));
        Assert.Single(sink.All<FillReport>(), f => f.ClientOrderId == stop.ClientOrderId); // futures.autoorders made no fill
        Assert.DoesNotContain(sink.All<FillReport>(), f => f.ClientOrderId.IsDefault);
        Assert.Equal(0m, venue.Exchange.Position(GateIoTradingVenue.Pair).Size);

        // A fresh client's reconciliation attributes the regular order's fill to the stop through the finished list.
        var fresh = venue.Client(GateIoMarket.UsdtFutures);
        var state = await fresh.QueryStateAsync(0, Token);
        Assert.Empty(state.OpenOrders);
        Assert.Equal(stop.ClientOrderId, Assert.Single(state.Fills, f => f.TradeId == fill.TradeId).ClientOrderId);
        Assert.Empty(state.Positions);
    }

    [Fact]
    public async Task The_placed_orders_updates_arriving_before_the_auto_order_names_it_are_held_and_reported_under_our_id()
    {
        await using var venue = await GateIoTradingVenue.StartAsync(autoOrderUpdateAfterTriggeredOrder: true);
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.UsdtFutures, sink, o => o with { TriggeredOrderLinkWait = TimeSpan.FromSeconds(30) });
        await OpenLongAsync(venue, client, sink, 8m);

        var stop = Stop("sl-late", OrderSide.Sell, 49_000m, 8m);
        await client.SubmitAsync(stop, Token);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == stop.ClientOrderId && r.Status == OrderStatus.Accepted, what: "accepted");
        venue.Exchange.SetPrice(GateIoTradingVenue.Pair, 48_900m, futures: true);

        var filled = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == stop.ClientOrderId && r.Status == OrderStatus.Filled, what: "filled under our id");
        Assert.Equal(OrderType.StopMarket, filled.Type);
        var fill = await sink.WaitAsync<FillReport>(f => f.ClientOrderId == stop.ClientOrderId, what: "fill under our id");
        Assert.Equal(8m, fill.Quantity.ToDecimal());
        Assert.DoesNotContain(sink.All<FillReport>(), f => f.ClientOrderId.IsDefault);
        Assert.DoesNotContain(sink.All<OrderStatusReport>(), r => r.ClientOrderId.IsDefault);

        // The link came last on the wire: the auto order's own report precedes the released ones.
        var events = sink.Events.ToList();
        var linked = events.FindIndex(e => e is OrderStatusReport { Type: OrderType.StopMarket, Status: OrderStatus.Accepted } r && r.VenueOrderId.ToString() == venue.Exchange.PriceOrders[0].TradeId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(linked >= 0 && linked < events.IndexOf(fill));
    }

    [Fact]
    public async Task An_order_placed_elsewhere_while_a_stop_waits_is_delivered_as_it_is_once_nothing_claims_it()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.UsdtFutures, sink, o => o with { TriggeredOrderLinkWait = TimeSpan.FromMilliseconds(1), PingInterval = TimeSpan.FromMilliseconds(200) });
        var stop = Stop("sl-wait2", OrderSide.Buy, 51_000m, 1m, reduceOnly: false);
        await client.SubmitAsync(stop, Token);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == stop.ClientOrderId && r.Status == OrderStatus.Accepted, what: "accepted");

        // An order with Gate's own text (placed on the web): held a moment, then reported as not ours.
        venue.Exchange.Place(futures: true, new System.Text.Json.Nodes.JsonObject { ["contract"] = GateIoTradingVenue.Pair, ["size"] = 2m, ["price"] = "49000", ["tif"] = "gtc" });
        var foreign = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.IsDefault && r.Status == OrderStatus.Accepted, what: "foreign order released");
        Assert.Equal(venue.Exchange.Orders[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), foreign.VenueOrderId.ToString());
    }

    [Fact]
    public async Task A_canceled_stop_never_fires_and_a_fresh_client_finds_an_open_one_and_cancels_it()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.UsdtFutures, sink);
        await OpenLongAsync(venue, client, sink, 10m);

        var first = Stop("sl-cancel", OrderSide.Sell, 49_000m, 10m);
        await client.SubmitAsync(first, Token);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == first.ClientOrderId && r.Status == OrderStatus.Accepted, what: "accepted");
        await client.CancelAsync(new CancelOrder { ClientOrderId = first.ClientOrderId, Instrument = Perp.Id }, Token);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == first.ClientOrderId && r.Status == OrderStatus.Canceled, what: "canceled");
        Assert.Equal("cancelled", venue.Exchange.PriceOrders[0].FinishAs);
        venue.Exchange.SetPrice(GateIoTradingVenue.Pair, 48_000m, futures: true);
        Assert.Single(venue.Exchange.Orders);
        venue.Exchange.SetPrice(GateIoTradingVenue.Pair, 50_000m, futures: true);

        // Amending is refused before sending.
        var second = Stop("tp-restart", OrderSide.Sell, 52_000m, 10m, OrderType.TakeProfitMarket);
        await client.SubmitAsync(second, Token);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == second.ClientOrderId && r.Status == OrderStatus.Accepted, what: "take-profit accepted");
        await client.ReplaceAsync(new ReplaceOrder { ClientOrderId = second.ClientOrderId, Instrument = Perp.Id, Quantity = Quantity.FromDecimal(5m, 0) }, Token);
        Assert.Equal(GateIoTradingErrorLabels.PriceOrderNotAmendable, (await sink.WaitAsync<VenueCommandFailure>(f => f.ClientOrderId == second.ClientOrderId, what: "amend refused")).Code);

        // A client started afresh (a restart) lists it among the open orders and cancels it though it never placed it.
        await client.DisposeAsync();
        var freshSink = new RecordingSink();
        var fresh = await venue.ConnectAsync(GateIoMarket.UsdtFutures, freshSink);
        var open = Assert.Single((await fresh.QueryStateAsync(0, Token)).OpenOrders);
        Assert.Equal((second.ClientOrderId, OrderType.TakeProfitMarket, OrderStatus.Accepted, OrderSide.Sell, 52_000m, true), (open.ClientOrderId, open.Type, open.Status, open.Side, open.TriggerPrice!.Value.ToDecimal(), open.ReduceOnly));

        var restarted = venue.Client(GateIoMarket.UsdtFutures);
        var restartedSink = new RecordingSink();
        await restarted.ConnectAsync(restartedSink, Token);
        await restarted.CancelAsync(new CancelOrder { ClientOrderId = second.ClientOrderId, Instrument = Perp.Id }, Token);
        await restartedSink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == second.ClientOrderId && r.Status == OrderStatus.Canceled, what: "canceled by a client that never saw it");
        await freshSink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == second.ClientOrderId && r.Status == OrderStatus.Canceled, what: "futures.autoorders cancel");
        Assert.DoesNotContain(venue.Exchange.PriceOrders, o => o.IsOpen);
    }

    [Fact]
    public async Task A_lost_place_answer_is_resolved_by_the_text_id_and_the_order_exists_once()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.UsdtFutures, sink);
        await OpenLongAsync(venue, client, sink, 6m);

        venue.Server.DropConnectionAfterNextOrder();
        var stop = Stop("sl-lost", OrderSide.Sell, 49_500m, 6m);
        await client.SubmitAsync(stop, Token);
        var unknown = await sink.WaitAsync<VenueCommandFailure>(f => f.ClientOrderId == stop.ClientOrderId, what: "fate unknown");
        Assert.True(unknown.FateUnknown);

        var placed = Assert.Single(venue.Exchange.PriceOrders);
        var found = await client.QueryOrderAsync(Perp.Id, stop.ClientOrderId, Token);
        Assert.NotNull(found);
        Assert.Equal((OrderStatus.Accepted, OrderType.StopMarket, placed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (found.Value.Status, found.Value.Type, found.Value.VenueOrderId.ToString()));

        // A client that never placed it finds it by text too; nothing was placed twice.
        var other = venue.Client(GateIoMarket.UsdtFutures);
        Assert.Equal(placed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), (await other.QueryOrderAsync(Perp.Id, stop.ClientOrderId, Token))!.Value.VenueOrderId.ToString());
        Assert.Equal(1, venue.Server.PriceOrderPosts);
        Assert.Single(venue.Exchange.PriceOrders);

        // Once triggered, the query answers the regular order's state under our id.
        venue.Exchange.SetPrice(GateIoTradingVenue.Pair, 49_400m, futures: true);
        await sink.WaitAsync<FillReport>(f => f.ClientOrderId == stop.ClientOrderId, what: "fill under our id");
        var done = await other.QueryOrderAsync(Perp.Id, stop.ClientOrderId, Token);
        Assert.Equal((OrderStatus.Filled, 6m, placed.TradeId.ToString(System.Globalization.CultureInfo.InvariantCulture)), (done!.Value.Status, done.Value.FilledQuantity.ToDecimal(), done.Value.VenueOrderId.ToString()));
    }

    [Fact]
    public async Task A_trigger_on_the_wrong_side_is_refused_with_gates_label_and_a_mark_price_trigger_watches_the_mark()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.UsdtFutures, sink, o => o with { TriggerPrice = GateIoTriggerPrice.Mark });
        await OpenLongAsync(venue, client, sink, 4m);
        venue.Exchange.SetMarkPrice(GateIoTradingVenue.Pair, 50_010m);

        var wrong = Stop("sl-wrong", OrderSide.Sell, 50_100m, 4m);
        await client.SubmitAsync(wrong, Token);
        var refused = await sink.WaitAsync<VenueCommandFailure>(f => f.ClientOrderId == wrong.ClientOrderId, what: "wrong side");
        Assert.Equal(GateIoTradingErrorLabels.AutoTriggerPriceLessMark, refused.Code);

        var stop = Stop("sl-mark", OrderSide.Sell, 49_800m, 4m);
        await client.SubmitAsync(stop, Token);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == stop.ClientOrderId && r.Status == OrderStatus.Accepted, what: "accepted");
        Assert.Equal(1, venue.Exchange.PriceOrders[^1].PriceType);

        // The last price going through it does nothing; the mark does.
        venue.Exchange.SetPrice(GateIoTradingVenue.Pair, 49_700m, futures: true);
        Assert.True(venue.Exchange.PriceOrders[^1].IsOpen);
        venue.Exchange.SetMarkPrice(GateIoTradingVenue.Pair, 49_750m);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == stop.ClientOrderId && r.Status == OrderStatus.Filled, what: "filled on the mark");
        Assert.Equal(0m, venue.Exchange.Position(GateIoTradingVenue.Pair).Size);
    }

    [Fact]
    public async Task A_reduce_only_stop_with_nothing_left_to_reduce_fails_at_trigger_with_gates_reason()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.UsdtFutures, sink);

        var stop = Stop("sl-flat", OrderSide.Sell, 49_000m, 2m);
        await client.SubmitAsync(stop, Token);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == stop.ClientOrderId && r.Status == OrderStatus.Accepted, what: "accepted");
        venue.Exchange.SetPrice(GateIoTradingVenue.Pair, 48_000m, futures: true);
        var rejected = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == stop.ClientOrderId && r.Status == OrderStatus.Rejected, what: "failed on trigger");
        Assert.Contains(GateIoTradingErrorLabels.IncreasePosition, rejected.Reason, StringComparison.Ordinal);
        Assert.Empty(venue.Exchange.Orders);
    }

    [Fact]
    public async Task Cancel_all_takes_the_price_orders_too()
    {
        await using var venue = await GateIoTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(GateIoMarket.UsdtFutures, sink);
        var stop = Stop("sl-all", OrderSide.Buy, 51_000m, 2m, reduceOnly: false);
        await client.SubmitAsync(stop, Token);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == stop.ClientOrderId && r.Status == OrderStatus.Accepted, what: "accepted");

        await client.CancelAllAsync(new CancelAllOrders { Instrument = Perp.Id }, Token);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == stop.ClientOrderId && r.Status == OrderStatus.Canceled, what: "canceled by cancel-all");
        Assert.False(Assert.Single(venue.Exchange.PriceOrders).IsOpen);
    }
}
