using System.Text.Json;
using FlowSight.Core;
using FlowSight.Venues.Okx.Trading;
using FlowSight.Venues.Tests.Trading;
using Xunit;

namespace FlowSight.Venues.Tests.Okx.Trading;

/// <summary>
/// <see cref="OkxExecutionClient"/>'s conditional orders through OKX's algo API (<c>trade/order-algo</c>,
/// <c>cancel-algos</c>, <c>order-algo</c>, <c>orders-algo-pending</c>, the <c>orders-algo</c> channel) against the
/// OKX paper venue: the request bodies are OKX's documented ones, a stop waits as an algo order and a trade through its
/// trigger fills it once, cancels reach the algo endpoint, reconciliation lists the waiting order once, a lost answer is
/// resolved by <c>algoClOrdId</c>, and the venue refuses what OKX refuses with OKX's codes.
/// </summary>
public sealed class OkxAlgoOrderTests
{
    private static SubmitOrder Conditional(Instrument instrument, string id, OrderSide side, OrderType type, decimal trigger, decimal size, decimal? price = null, bool reduceOnly = false) => new()
    {
        ClientOrderId = ClientOrderId.Parse(id),
        Instrument = instrument.Id,
        Side = side,
        Type = type,
        Quantity = Quantity.FromDecimal(size, instrument.SizePrecision),
        TriggerPrice = Price.FromDecimal(trigger, instrument.PricePrecision),
        Price = price is { } p ? Price.FromDecimal(p, instrument.PricePrecision) : null,
        ReduceOnly = reduceOnly,
    };

    private static Dictionary<string, string> Fields(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal);

    [Fact]
    public async Task The_request_bodies_are_those_of_OKXs_place_and_cancel_algo_order_examples()
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        var spot = venue.Btc with { VenueSymbol = "BTC-USDT", TickSize = Price.FromDecimal(1m, 0), StepSize = Quantity.FromDecimal(1m, 0) };

        // OKX "Place algo order", request example "Place Take Profit / Stop Loss Order", plus our id as algoClOrdId.
        var takeProfit = Conditional(spot, "tp1", OrderSide.Buy, OrderType.TakeProfitLimit, trigger: 15m, size: 2m, price: 18m);
        var body = System.Text.Encoding.UTF8.GetString(OkxTradingJson.Build(takeProfit, (json, o) => OkxTradingJson.WriteAlgoOrder(json, o, spot, "cross")));
        Assert.Equal(
            Fields("""{"instId":"BTC-USDT","tdMode":"cross","side":"buy","ordType":"conditional","sz":"2","tpTriggerPx":"15","tpOrdPx":"18"}""").Append(new("algoClOrdId", "tp1")).ToDictionary(),
            Fields(body));

        // A stop-market: the stop-loss leg with -1 as the order price ("executed at the market price"); reduce-only in net mode.
        var stop = Conditional(spot, "sl1", OrderSide.Sell, OrderType.StopMarket, trigger: 14m, size: 2m, reduceOnly: true);
        body = System.Text.Encoding.UTF8.GetString(OkxTradingJson.Build(stop, (json, o) => OkxTradingJson.WriteAlgoOrder(json, o, spot, "cross")));
        Assert.Equal(
            Fields("""{"instId":"BTC-USDT","tdMode":"cross","side":"sell","ordType":"conditional","sz":"2","algoClOrdId":"sl1","reduceOnly":"True","slTriggerPx":"14","slOrdPx":"-1"}"""),
            Fields(body));
        Assert.Contains("\"reduceOnly\":true", body, StringComparison.Ordinal); // a JSON boolean, as OKX documents it

        // In long/short mode the leg is named by posSide and reduceOnly is not sent (OKX applies it in net mode only).
        body = System.Text.Encoding.UTF8.GetString(OkxTradingJson.Build(stop with { PositionSide = PositionSide.Long }, (json, o) => OkxTradingJson.WriteAlgoOrder(json, o, spot, "cross")));
        Assert.Equal("long", Fields(body)["posSide"]);
        Assert.False(Fields(body).ContainsKey("reduceOnly"));

        // OKX "Cancel algo order" request example: one item per order, by algoId when known, else by algoClOrdId.
        var cancel = System.Text.Encoding.UTF8.GetString(OkxTradingJson.Build(0, (json, _) => OkxTradingJson.WriteCancelAlgo(json, "BTC-USDT", ClientOrderId.Parse("sl1"), "590919993110396111")));
        Assert.Equal(Fields("""{"algoId":"590919993110396111","instId":"BTC-USDT"}"""), Fields(cancel));
        cancel = System.Text.Encoding.UTF8.GetString(OkxTradingJson.Build(0, (json, _) => OkxTradingJson.WriteCancelAlgo(json, "BTC-USDT", ClientOrderId.Parse("sl1"), null)));
        Assert.Equal(Fields("""{"algoClOrdId":"sl1","instId":"BTC-USDT"}"""), Fields(cancel));
    }

    [Fact]
    public async Task A_stop_market_waits_as_an_algo_order_and_a_trade_through_its_trigger_fills_it_once()
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(sink, webSocketOrders: false);
        var entry = OkxTradingVenue.Market(venue.Btc, "entry1", OrderSide.Buy, 2m);
        await client.SubmitAsync(entry, TestContext.Current.CancellationToken);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == entry.ClientOrderId && r.Status == OrderStatus.Filled, what: "entry filled");

        // A protective sell stop at the bid: the last trade (our buy, at the ask) is above it, so it waits.
        var (bid, _, _, _) = await venue.TopAsync();
        var stop = Conditional(venue.Btc, "stop1", OrderSide.Sell, OrderType.StopMarket, bid, 1m, reduceOnly: true);
        await client.SubmitAsync(stop, TestContext.Current.CancellationToken);
        var accepted = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == stop.ClientOrderId && r.Status == OrderStatus.Accepted, what: "algo order live");
        Assert.Equal((OrderType.StopMarket, (Price?)stop.TriggerPrice), (accepted.Type, accepted.TriggerPrice));
        var waiting = await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.Open(OkxTradingVenue.AccountId).Single());
        Assert.Equal(OrderStatus.Untriggered, waiting.Status);
        var ordId = waiting.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(ordId, accepted.VenueOrderId.ToString()); // reported under its algoId while it waits

        // The algo endpoint answers for it; reconciliation lists it once, from orders-algo-pending.
        var queried = await client.QueryOrderAsync(venue.Btc.Id, stop.ClientOrderId, TestContext.Current.CancellationToken);
        Assert.Equal((accepted.VenueOrderId, OrderStatus.Accepted), (queried?.VenueOrderId ?? default, queried?.Status ?? default));
        var state = await client.QueryStateAsync(0, TestContext.Current.CancellationToken);
        var listed = Assert.Single(state.OpenOrders);
        Assert.Equal((stop.ClientOrderId, accepted.VenueOrderId, OrderType.StopMarket, OrderStatus.Accepted), (listed.ClientOrderId, listed.VenueOrderId, listed.Type, listed.Status));

        // Selling at the bid prints a trade at the trigger: the stop becomes a market order and closes the rest.
        var sale = OkxTradingVenue.Market(venue.Btc, "sale1", OrderSide.Sell, 1m);
        await client.SubmitAsync(sale, TestContext.Current.CancellationToken);
        var filled = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == stop.ClientOrderId && r.Status == OrderStatus.Filled, what: "stop filled");
        Assert.Equal(ordId, filled.VenueOrderId.ToString()); // the regular order it became, linked by algoClOrdId
        Assert.Equal(1m, filled.FilledQuantity.ToDecimal());

        var ours = sink.All<FillReport>().Where(f => f.ClientOrderId == stop.ClientOrderId).ToList();
        var truth = await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.Fills(OkxTradingVenue.AccountId).Where(f => f.OrderId == waiting.OrderId).ToList());
        Assert.Equal(truth.Select(t => t.TradeId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), ours.Select(f => f.TradeId).Order());
        Assert.Equal(1m, ours.Sum(f => f.Quantity.ToDecimal()));
        Assert.Equal(truth.Sum(t => t.Commission.ToDecimal()), ours.Sum(f => f.Fee.ToDecimal()));

        // Reconciliation's fills (trade/fills lists them without a clOrdId) are ours by the ordId the link taught.
        var reconciled = (await client.QueryStateAsync(0, TestContext.Current.CancellationToken)).Fills.Where(f => f.VenueOrderId.ToString() == ordId).ToList();
        Assert.NotEmpty(reconciled);
        Assert.All(reconciled, f => Assert.Equal(stop.ClientOrderId, f.ClientOrderId));
        Assert.Empty(sink.All<VenueCommandFailure>());
        var position = await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Accounts.GetPosition(OkxTradingVenue.AccountId, venue.Btc.Id));
        Assert.Equal(0m, position.Size.ToDecimal());

        // A client started afresh never saw the link: it reads the ordId's order (which names its algoClOrdId) once.
        var restarted = await venue.ConnectAsync(new RecordingSink(), webSocketOrders: false);
        var fresh = (await restarted.QueryStateAsync(0, TestContext.Current.CancellationToken)).Fills;
        Assert.Equal(truth.Count, fresh.Count(f => f.VenueOrderId.ToString() == ordId));
        Assert.All(fresh.Where(f => f.VenueOrderId.ToString() == ordId), f => Assert.Equal(stop.ClientOrderId, f.ClientOrderId));
        Assert.All(fresh.Where(f => f.VenueOrderId.ToString() != ordId), f => Assert.False(f.ClientOrderId.IsDefault));
    }

    [Fact]
    public async Task Cancel_reaches_cancel_algos_and_the_orders_algo_channel_reports_it()
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(sink);
        var (_, _, ask, _) = await venue.TopAsync();
        var stop = Conditional(venue.Btc, "above1", OrderSide.Buy, OrderType.StopMarket, ask + 500m, 1m);
        await client.SubmitAsync(stop, TestContext.Current.CancellationToken);
        var accepted = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == stop.ClientOrderId && r.Status == OrderStatus.Accepted, what: "live");

        await client.CancelAsync(new CancelOrder { ClientOrderId = stop.ClientOrderId, Instrument = venue.Btc.Id, VenueOrderId = accepted.VenueOrderId }, TestContext.Current.CancellationToken);
        var canceled = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == stop.ClientOrderId && r.Status == OrderStatus.Canceled, what: "canceled");
        Assert.Equal(accepted.VenueOrderId, canceled.VenueOrderId);
        Assert.Empty(sink.All<VenueCommandFailure>());
        Assert.Empty(await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.Open(OkxTradingVenue.AccountId).ToList()));

        // Canceling it again: OKX's 51400, as the venue answers it.
        await client.CancelAsync(new CancelOrder { ClientOrderId = stop.ClientOrderId, Instrument = venue.Btc.Id }, TestContext.Current.CancellationToken);
        var again = await sink.WaitAsync<VenueCommandFailure>(f => f.ClientOrderId == stop.ClientOrderId, what: "second cancel refused");
        Assert.Equal("51400", again.Code);
    }

    [Fact]
    public async Task A_fresh_client_finds_the_waiting_algo_order_by_reconciliation_and_cancels_it()
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        var first = new RecordingSink();
        var client = await venue.ConnectAsync(first);
        var (_, _, ask, _) = await venue.TopAsync();
        var stop = Conditional(venue.Btc, "kept1", OrderSide.Buy, OrderType.StopLimit, ask + 500m, 1m, price: ask + 600m);
        await client.SubmitAsync(stop, TestContext.Current.CancellationToken);
        await first.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == stop.ClientOrderId && r.Status == OrderStatus.Accepted, what: "live");

        var second = new RecordingSink();
        var restarted = await venue.ConnectAsync(second);
        var state = await restarted.QueryStateAsync(0, TestContext.Current.CancellationToken);
        var found = Assert.Single(state.OpenOrders);
        Assert.Equal((stop.ClientOrderId, OrderType.StopLimit, stop.TriggerPrice, stop.Price, OrderSide.Buy), (found.ClientOrderId, found.Type, found.TriggerPrice, found.Price, found.Side));
        var queried = await restarted.QueryOrderAsync(venue.Btc.Id, stop.ClientOrderId, TestContext.Current.CancellationToken);
        Assert.Equal(found.VenueOrderId, queried?.VenueOrderId);

        await restarted.CancelAsync(new CancelOrder { ClientOrderId = stop.ClientOrderId, Instrument = venue.Btc.Id }, TestContext.Current.CancellationToken);
        await second.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == stop.ClientOrderId && r.Status == OrderStatus.Canceled, what: "canceled (fresh client)");
        await first.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == stop.ClientOrderId && r.Status == OrderStatus.Canceled, what: "canceled (first client hears it)");
        Assert.Empty((await restarted.QueryStateAsync(0, TestContext.Current.CancellationToken)).OpenOrders);
    }

    [Fact]
    public async Task A_lost_answer_to_the_place_request_is_resolved_by_algoClOrdId_and_the_order_exists_once()
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        await using var proxy = new TcpFaultProxy(venue.Host.Endpoint("rest"));
        var sink = new RecordingSink();
        var options = venue.Options(webSocketOrders: false);
        var client = await venue.ConnectAsync(sink, options: options with { Rest = options.Rest with { BaseAddress = proxy.Through(venue.Host.Endpoint("rest")) } });
        var (_, _, ask, _) = await venue.TopAsync();
        var stop = Conditional(venue.Btc, "lostalgo1", OrderSide.Buy, OrderType.StopMarket, ask + 500m, 1m);

        // Open the REST connection first: the proxy holds the connections open when the hold begins.
        Assert.Null(await client.QueryOrderAsync(venue.Btc.Id, stop.ClientOrderId, TestContext.Current.CancellationToken));

        // The venue gets the request and places the order; its answer never reaches the client.
        var answerLost = proxy.HoldVenueBytes();
        var submit = client.SubmitAsync(stop, TestContext.Current.CancellationToken);
        await answerLost.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        proxy.CutAll();
        await submit.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        var failure = await sink.WaitAsync<VenueCommandFailure>(f => f.ClientOrderId == stop.ClientOrderId, what: "fate unknown");
        Assert.True(failure.FateUnknown);

        // The fate query asks the algo endpoint by our id and finds the one order, waiting.
        var found = await client.QueryOrderAsync(venue.Btc.Id, stop.ClientOrderId, TestContext.Current.CancellationToken);
        Assert.NotNull(found);
        Assert.Equal((OrderStatus.Accepted, OrderType.StopMarket, stop.TriggerPrice), (found.Value.Status, found.Value.Type, found.Value.TriggerPrice));
        var atVenue = await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.Orders(OkxTradingVenue.AccountId).Count(o => o.ClientOrderId == stop.ClientOrderId));
        Assert.Equal(1, atVenue);

        // Placing it again under the same id is what OKX refuses (51065): it would never be a second order.
        await client.SubmitAsync(stop, TestContext.Current.CancellationToken);
        var duplicate = await sink.WaitAsync<VenueCommandFailure>(f => f.ClientOrderId == stop.ClientOrderId && !f.FateUnknown, what: "duplicate refused");
        Assert.Equal(OkxTradingCodes.AlgoClientIdExists, duplicate.Code);
        Assert.Equal(1, await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.Orders(OkxTradingVenue.AccountId).Count(o => o.ClientOrderId == stop.ClientOrderId)));
    }

    [Theory]
    [InlineData(OrderSide.Sell, OrderType.StopMarket, 500, "51280")] // a sell stop above the last price
    [InlineData(OrderSide.Buy, OrderType.StopMarket, -500, "51278")] // a buy stop below it
    [InlineData(OrderSide.Sell, OrderType.TakeProfitMarket, -500, "51279")] // a sell take-profit below it
    [InlineData(OrderSide.Buy, OrderType.TakeProfitMarket, 500, "51277")] // a buy take-profit above it
    public async Task A_trigger_the_last_price_has_already_passed_is_refused_with_OKXs_code(OrderSide side, OrderType type, int offset, string code)
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(sink);
        var trade = OkxTradingVenue.Market(venue.Btc, "print1", OrderSide.Buy, 1m); // a last price to compare with
        await client.SubmitAsync(trade, TestContext.Current.CancellationToken);
        var last = (await sink.WaitAsync<FillReport>(f => f.ClientOrderId == trade.ClientOrderId, what: "a trade")).Price.ToDecimal();

        var order = Conditional(venue.Btc, "wrong1", side, type, last + offset, 1m);
        await client.SubmitAsync(order, TestContext.Current.CancellationToken);
        var failure = await sink.WaitAsync<VenueCommandFailure>(f => f.ClientOrderId == order.ClientOrderId, what: "refused");
        Assert.Equal(code, failure.Code);
        Assert.False(failure.FateUnknown);
    }
}
