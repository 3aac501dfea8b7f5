using FlowSight.Core;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Exits;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.Trading;
using FlowSight.PaperVenue.Hosting;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Trading;
using FlowSight.Venues.Okx.Rest;
using FlowSight.Venues.Okx.Trading;
using Xunit;

namespace FlowSight.Trading.Tests;

/// <summary>
/// Conditional orders end to end through each venue's algo API on the paper venue — Binance USDⓈ-M's algo service
/// (ALGO_UPDATE) and OKX swaps' <c>order-algo</c> (<c>orders-algo</c>): a stop-market waits as an algo order (not a
/// regular one), the market moving through its trigger makes it a regular order that fills once, and the node's fills,
/// fees, position and wallet equal the venue's; canceling reaches the algo API; a node started afresh finds the open
/// algo order in its reconciliation; the exit manager's native stop is an algo order.
/// </summary>
public sealed class AlgoOrderTradingTests
{
    /// <summary>The venues whose paper protocol takes conditional orders through an algo API.</summary>
    public static TheoryData<PaperVenueKind> Venues => [PaperVenueKind.BinanceUsdm, PaperVenueKind.Okx];

    // The execution client of a node started afresh against the same paper account.
    private static IExecutionClient FreshClient(PaperTradingStack stack, PaperVenueKind venue) => venue switch
    {
        PaperVenueKind.BinanceUsdm => new BinanceExecutionClient(new BinanceExecutionClientOptions
        {
            Market = BinanceMarket.UsdM,
            RestBaseAddress = stack.Venue.Endpoint("rest"),
            WebSocketBaseAddress = stack.Venue.Endpoint("ws"),
            ApiKey = PaperTradingStack.ApiKey,
            ApiSecret = PaperTradingStack.ApiSecret,
            Account = "paper-restarted",
            Instruments = stack.Venue.Exchange.Instruments,
        }),
        PaperVenueKind.Okx => new OkxExecutionClient(new OkxExecutionClientOptions
        {
            Account = "paper-restarted",
            ApiKey = PaperTradingStack.ApiKey,
            ApiSecret = PaperTradingStack.ApiSecret,
            Passphrase = PaperTradingStack.Passphrase,
            Instruments = stack.Venue.Exchange.Instruments,
            Rest = new OkxRestOptions { BaseAddress = stack.Venue.Endpoint("rest") },
            PrivateStreamUri = stack.Venue.Endpoint("ws-private"),
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "no algo orders on this paper protocol"),
    };

    private static async Task<(BookLevel Bid, BookLevel Ask)> TopAsync(PaperTradingStack stack) =>
        await stack.AtVenueAsync(exchange =>
        {
            var market = exchange.Markets[0].Market;
            market.TryGetBestBid(out var bid);
            market.TryGetBestAsk(out var ask);
            return (bid, ask);
        });

    private static async Task<decimal> LotAsync(PaperTradingStack stack)
    {
        var instrument = stack.Instrument;
        var step = instrument.StepSize.ToDecimal();
        var price = (await TopAsync(stack)).Ask.Price.ToDecimal();
        var byNotional = Math.Ceiling(instrument.MinNotional.ToDecimal() * 2 / price / step) * step;
        return Math.Max(Math.Max(instrument.MinQuantity.ToDecimal(), step), byNotional);
    }

    private static SubmitOrder Order(PaperTradingStack stack, OrderSide side, OrderType type, decimal quantity, Price? trigger = null, bool reduceOnly = false) => new()
    {
        ClientOrderId = stack.Node.Ids.Next(),
        Instrument = stack.Instrument.Id,
        Side = side,
        Type = type,
        Quantity = Quantity.FromDecimal(quantity, stack.Instrument.SizePrecision),
        TriggerPrice = trigger,
        ReduceOnly = reduceOnly,
    };

    private static async Task FillAsync(PaperTradingStack stack, SubmitOrder order) =>
        await stack.NextAsync<OrderFilled>(
            f => f.ClientOrderId == order.ClientOrderId && f.FilledQuantity.ToDecimal() == order.Quantity.ToDecimal(),
            async () => Assert.True((await stack.Node.SubmitAsync(order)).Decision.Approved));

    [Theory]
    [MemberData(nameof(Venues))]
    public async Task A_stop_market_waits_as_an_algo_order_triggers_when_the_market_moves_through_it_and_fills_as_the_venue_says(PaperVenueKind venue)
    {
        await using var stack = await PaperTradingStack.StartAsync(venue);
        var lot = await LotAsync(stack);
        await FillAsync(stack, Order(stack, OrderSide.Buy, OrderType.Market, lot * 2));

        // A protective sell stop at the bid: the last trade (our buy, at the ask) is above it, so it waits.
        var (bid, _) = await TopAsync(stack);
        var stop = Order(stack, OrderSide.Sell, OrderType.StopMarket, lot, bid.Price, reduceOnly: true);
        var accepted = await stack.NextAsync<OrderAccepted>(a => a.ClientOrderId == stop.ClientOrderId, async () => Assert.True((await stack.Node.SubmitAsync(stop)).Decision.Approved));
        var waiting = await stack.AtVenueAsync(x => x.Orders.Open(PaperTradingStack.AccountId).Single(o => o.ClientOrderId == stop.ClientOrderId));
        Assert.Equal(OrderStatus.Untriggered, waiting.Status);
        Assert.Equal(bid.Price, waiting.Last.TriggerPrice);

        // Its venue id is the algoId, not the id the order will have in the matching engine.
        Assert.NotEqual(waiting.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture), accepted.VenueOrderId.ToString());

        // Selling at the bid prints a trade at the trigger: the stop becomes a market order and closes the rest.
        var stopFilled = await stack.WatchAsync<OrderFilled>(f => f.ClientOrderId == stop.ClientOrderId && f.FilledQuantity.ToDecimal() == lot);
        await using (stopFilled)
        {
            await FillAsync(stack, Order(stack, OrderSide.Sell, OrderType.Market, lot));
            var filled = await stopFilled.Task;
            Assert.Equal(waiting.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture), filled.VenueOrderId.ToString()); // the regular order it became
        }

        var venueFills = await stack.AtVenueAsync(x => x.Orders.Fills(PaperTradingStack.AccountId).ToList());
        var (ourFills, ourPosition, stopOrder) = await stack.Node.InvokeAsync(n => (n.Orders.Fills.ToList(), n.Portfolio.NetPosition(stack.Instrument.Id), n.Orders.TryGet(stop.ClientOrderId, out var o) ? o : null));
        Assert.Equal(venueFills.Count, ourFills.Count);
        Assert.Equal(venueFills.Select(f => f.TradeId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), ourFills.Select(f => f.TradeId).Order());
        Assert.Equal(venueFills.Sum(f => f.Commission.ToDecimal()), ourFills.Sum(f => f.Fee.ToDecimal()));
        var venuePosition = await stack.AtVenueAsync(x => x.Accounts.GetPosition(PaperTradingStack.AccountId, stack.Instrument.Id));
        Assert.Equal(0m, venuePosition.Size.ToDecimal());
        Assert.Equal(venuePosition.Size.ToDecimal(), ourPosition);
        Assert.NotNull(stopOrder);
        Assert.Equal(OrderStatus.Filled, stopOrder.Status);
        Assert.Equal(lot, stopOrder.Fills.Sum(f => f.LastQuantity.ToDecimal())); // counted once (Binance's ALGO_UPDATE also says it filled; OKX's fills come from the orders channel only)
        var wallet = await stack.AtVenueAsync(x => x.Accounts.GetFuturesBalance(PaperTradingStack.AccountId, stack.Instrument.SettleAsset));
        Assert.Equal(wallet.WalletBalance.ToDecimal(), await stack.Node.InvokeAsync(n => n.Portfolio.Balance(stack.Instrument.SettleAsset)));
    }

    [Theory]
    [MemberData(nameof(Venues))]
    public async Task An_open_algo_order_is_found_by_a_fresh_nodes_reconciliation_and_canceled_through_the_algo_api(PaperVenueKind venue)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await PaperTradingStack.StartAsync(venue);
        var lot = await LotAsync(stack);
        var (_, ask) = await TopAsync(stack);
        var trigger = Price.FromDecimal(ask.Price.ToDecimal() + (200 * stack.Instrument.TickSize.ToDecimal()), stack.Instrument.PricePrecision);
        var stop = Order(stack, OrderSide.Buy, OrderType.StopMarket, lot, trigger);
        await stack.NextAsync<OrderAccepted>(a => a.ClientOrderId == stop.ClientOrderId, async () => Assert.True((await stack.Node.SubmitAsync(stop)).Decision.Approved));

        Assert.Single(await stack.AtVenueAsync(x => x.Orders.Open(PaperTradingStack.AccountId).ToList()));

        // A node started afresh (a restart, or a reconnect's reconciliation) lists it among the open orders.
        using var engine = new EngineLoop(new FlowSightOptions { WaitStrategy = WaitStrategyKind.Blocking });
        var node = new TradingNode(engine, stack.Venue.Exchange.Instruments);
        try
        {
            node.AddClient(FreshClient(stack, venue));
            engine.Start();
            await node.StartAsync(ct);
            var found = await node.InvokeAsync(n => n.Orders.TryGet(stop.ClientOrderId, out var o) ? (o.Status, o.Type, o.TriggerPrice, o.Side) : default);
            Assert.Equal((OrderStatus.Accepted, OrderType.StopMarket, (Price?)trigger, OrderSide.Buy), found);

            // Canceling it from the fresh node goes to the algo API by our id (Binance's clientAlgoId, OKX's
            // algoClOrdId); the first node hears of it on its stream (ALGO_UPDATE CANCELED, orders-algo canceled).
            await using var firstHears = await stack.WatchAsync<OrderCanceled>(c => c.ClientOrderId == stop.ClientOrderId);
            var canceled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await node.InvokeAsync(n => n.Engine.Bus.Subscribe("test-canceled", new Handler<OrderCanceled>((in OrderCanceled c) =>
            {
                if (c.ClientOrderId == stop.ClientOrderId)
                {
                    canceled.TrySetResult();
                }
            })));
            Assert.True((await node.CancelAsync(new CancelOrder { ClientOrderId = stop.ClientOrderId, Instrument = stop.Instrument })).Approved);
            await canceled.Task.WaitAsync(TimeSpan.FromSeconds(20), ct);
            Assert.Empty(await stack.AtVenueAsync(x => x.Orders.Open(PaperTradingStack.AccountId).ToList()));
            await firstHears.Task;
            Assert.Equal(0, await stack.Node.InvokeAsync(n => n.Orders.TotalOpenOrderCount));
        }
        finally
        {
            await node.DisposeAsync();
            engine.Stop();
        }
    }

    [Theory]
    [MemberData(nameof(Venues))]
    public async Task Canceling_all_orders_of_the_instrument_takes_the_algo_orders_too(PaperVenueKind venue)
    {
        await using var stack = await PaperTradingStack.StartAsync(venue);
        var lot = await LotAsync(stack);
        var (_, ask) = await TopAsync(stack);
        var above = Price.FromDecimal(ask.Price.ToDecimal() + (200 * stack.Instrument.TickSize.ToDecimal()), stack.Instrument.PricePrecision);
        var stop = Order(stack, OrderSide.Buy, OrderType.StopMarket, lot, above);
        await stack.NextAsync<OrderAccepted>(a => a.ClientOrderId == stop.ClientOrderId, async () => Assert.True((await stack.Node.SubmitAsync(stop)).Decision.Approved));

        await stack.NextAsync<OrderCanceled>(
            c => c.ClientOrderId == stop.ClientOrderId,
            async () => Assert.True((await stack.Node.CancelAllAsync(new CancelAllOrders { Instrument = stack.Instrument.Id })).Approved));

        Assert.Empty(await stack.AtVenueAsync(x => x.Orders.Open(PaperTradingStack.AccountId).ToList()));
        Assert.Equal(0, await stack.Node.InvokeAsync(n => n.Orders.TotalOpenOrderCount));
    }

    [Theory]
    [MemberData(nameof(Venues))]
    public async Task The_exit_managers_native_stop_is_an_algo_order_that_closes_the_position_and_takes_the_take_profit_with_it(PaperVenueKind venue)
    {
        await using var stack = await PaperTradingStack.StartAsync(venue);
        var lot = await LotAsync(stack);
        await FillAsync(stack, Order(stack, OrderSide.Buy, OrderType.Market, lot * 2));
        var (bid, ask) = await TopAsync(stack);
        var instrument = stack.Instrument;
        Assert.True(ExitManagerOptions.VenueTakesNativeStops(instrument.Id));

        // The exit manager lives on the engine thread and sends through the risk engine, like a strategy's would.
        var exitIds = new List<ClientOrderId>();
        var accepted = 0;
        await using var bothAccepted = await stack.WatchAsync<OrderAccepted>(a => exitIds.Contains(a.ClientOrderId) && ++accepted == 2);
        var (exits, subscription) = await stack.Node.InvokeAsync(n =>
        {
            var manager = new ExitManager(
                cmd => n.Risk.Submit(in cmd),
                () =>
                {
                    var id = n.Ids.Next();
                    exitIds.Add(id);
                    return id;
                },
                options: new ExitManagerOptions { UseVenueNativeStops = true },
                cancel: cmd => n.Risk.Cancel(in cmd),
                position: (i, side) => n.Portfolio.GetPosition(i, side).Quantity);
            var subscribed = manager.Subscribe(n.Engine.Bus);
            manager.Track(new ExitPlan
            {
                Instrument = instrument.Id,
                IsLong = true,
                Quantity = Quantity.FromDecimal(lot, instrument.SizePrecision),
                EntryPrice = ask.Price,
                StopPrice = bid.Price,
                TakeProfitPrice = Price.FromDecimal(ask.Price.ToDecimal() + (500 * instrument.TickSize.ToDecimal()), instrument.PricePrecision),
            });
            return (manager, subscribed);
        });
        using var _ = subscription;
        await bothAccepted.Task;
        var (stopId, targetId) = (exitIds[0], exitIds[1]);
        // The two exits are placed concurrently: the venue may list them in either order.
        var waiting = await stack.AtVenueAsync(x => x.Orders.Open(PaperTradingStack.AccountId).Select(o => (o.ClientOrderId, o.Type, o.Status)).OrderBy(o => o.Type).ToList());
        Assert.Equal([(stopId, OrderType.StopMarket, OrderStatus.Untriggered), (targetId, OrderType.TakeProfitMarket, OrderStatus.Untriggered)], waiting);

        // A sale at the bid reaches the stop: the venue closes the position, and the exit manager cancels the take-profit.
        await using (var targetCanceled = await stack.WatchAsync<OrderCanceled>(c => c.ClientOrderId == targetId))
        {
            await FillAsync(stack, Order(stack, OrderSide.Sell, OrderType.Market, lot));
            await targetCanceled.Task;
        }

        Assert.Empty(await stack.AtVenueAsync(x => x.Orders.Open(PaperTradingStack.AccountId).ToList()));
        var venuePosition = await stack.AtVenueAsync(x => x.Accounts.GetPosition(PaperTradingStack.AccountId, instrument.Id));
        Assert.Equal(0m, venuePosition.Size.ToDecimal());
        var (position, count, triggered) = await stack.Node.InvokeAsync(n => (n.Portfolio.NetPosition(instrument.Id), exits.Count, exits.Triggered.ToList()));
        Assert.Equal(0m, position);
        Assert.Equal(0, count);
        var fired = Assert.Single(triggered);
        Assert.Equal((ExitKind.StopLoss, stopId), (fired.Kind, fired.Order));
    }

    private sealed class Handler<T>(HandlerAction<T> action) : FlowSight.Engine.Bus.IEventHandler<T>
        where T : notnull
    {
        public void Handle(in T evt) => action(in evt);
    }

    private delegate void HandlerAction<T>(in T evt);
}
