using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Exits;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.Trading;
using FlowSight.Venues.GateIo;
using Xunit;

namespace FlowSight.Venues.Tests.GateIo.Trading;

/// <summary>
/// The exit manager's venue-native stop on a Gate.io USDT perpetual, end to end: a trading node (engine thread, risk,
/// execution, portfolio) with FlowSight's Gate client against the local Gate server. The stop and take-profit wait at
/// Gate as reduce-only price-triggered orders; a trade through the stop closes the position, the take-profit is
/// canceled, and the node's fills and position equal the server's.
/// </summary>
public sealed class GateIoNativeStopTradingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static Instrument Perp => GateIoTradingVenue.Perpetual;

    [Fact]
    public async Task The_exit_managers_native_stop_is_a_price_order_that_closes_the_position_and_takes_the_take_profit_with_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var venue = await GateIoTradingVenue.StartAsync();
        using var engine = new EngineLoop(new FlowSightOptions { WaitStrategy = WaitStrategyKind.Blocking });
        var node = new TradingNode(engine, [Perp]);
        try
        {
            node.AddClient(venue.Client(GateIoMarket.UsdtFutures));
            engine.Start();
            await node.StartAsync(ct);

            // A long of 10 contracts, bought at the market's 50 000 by a marketable limit.
            var buy = GateIoTradingVenue.Limit(Perp, "x", OrderSide.Buy, 50_000m, 10m) with { ClientOrderId = await node.InvokeAsync(n => n.Ids.Next()) };
            await NextAsync<OrderFilled>(node, f => f.ClientOrderId == buy.ClientOrderId && f.FilledQuantity.ToDecimal() == 10m, async () => Assert.True((await node.SubmitAsync(buy)).Decision.Approved));

            var exitIds = new List<ClientOrderId>();
            var accepted = 0;
            var (bothAccepted, acceptedSubscription) = await WatchAsync<OrderAccepted>(node, a => exitIds.Contains(a.ClientOrderId) && ++accepted == 2);
            var (exits, subscription) = await node.InvokeAsync(n =>
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
                    Instrument = Perp.Id,
                    IsLong = true,
                    Quantity = Quantity.FromDecimal(10m, 0),
                    EntryPrice = Price.FromDecimal(50_000m, 1),
                    StopPrice = Price.FromDecimal(49_000m, 1),
                    TakeProfitPrice = Price.FromDecimal(52_000m, 1),
                });
                return (manager, subscribed);
            });
            using var _ = subscription;
            await bothAccepted.WaitAsync(Patience, ct);
            await UnsubscribeAsync(node, acceptedSubscription);
            var (stopId, targetId) = (exitIds[0], exitIds[1]);

            // Both wait at Gate as reduce-only price orders: the stop sells at or below 49 000, the target at or above 52 000.
            var waiting = venue.Exchange.PriceOrders.Select(o => (o.Text, o.Size, o.Rule, o.TriggerPrice, (bool?)o.Initial["reduce_only"], o.IsOpen)).OrderBy(o => o.Rule).ToList();
            Assert.Equal([("t-" + targetId, -10m, 1, 52_000m, true, true), ("t-" + stopId, -10m, 2, 49_000m, true, true)], waiting);
            Assert.Single(venue.Exchange.Orders);

            // A trade at 48 900 goes through the stop: Gate sells the position; the exit manager cancels the take-profit.
            var (targetCanceled, canceledSubscription) = await WatchAsync<OrderCanceled>(node, c => c.ClientOrderId == targetId);
            venue.Exchange.SetPrice(GateIoTradingVenue.Pair, 48_900m, futures: true);
            await targetCanceled.WaitAsync(Patience, ct);
            await UnsubscribeAsync(node, canceledSubscription);

            Assert.DoesNotContain(venue.Exchange.PriceOrders, o => o.IsOpen);
            Assert.Equal(0m, venue.Exchange.Position(GateIoTradingVenue.Pair).Size);
            var (position, count, triggered, fills, stopStatus) = await node.InvokeAsync(n => (
                n.Portfolio.NetPosition(Perp.Id),
                exits.Count,
                exits.Triggered.ToList(),
                n.Orders.Fills.ToList(),
                n.Orders.TryGet(stopId, out var o) ? o.Status : default));
            Assert.Equal(0m, position);
            Assert.Equal(0, count);
            var fired = Assert.Single(triggered);
            Assert.Equal((ExitKind.StopLoss, stopId), (fired.Kind, fired.Order));
            Assert.Equal(OrderStatus.Filled, stopStatus);

            // The node counted each of the server's trades once, the stop's under the stop's id.
            var trades = venue.Exchange.Trades;
            Assert.Equal(trades.Select(t => t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), fills.Select(f => f.TradeId).Order());
            Assert.Equal(10m, fills.Where(f => f.ClientOrderId == stopId).Sum(f => f.LastQuantity.ToDecimal()));
        }
        finally
        {
            await node.DisposeAsync();
            engine.Stop();
        }
    }

    private static async Task NextAsync<T>(TradingNode node, Func<T, bool> match, Func<Task> action)
        where T : notnull
    {
        var (seen, subscription) = await WatchAsync(node, match);
        await action();
        await seen.WaitAsync(Patience, TestContext.Current.CancellationToken);
        await UnsubscribeAsync(node, subscription);
    }

    /// <summary>Subscribes on the engine thread (the bus is single-writer); the task completes with the first match.</summary>
    private static async Task<(Task<T> Seen, IDisposable Subscription)> WatchAsync<T>(TradingNode node, Func<T, bool> match)
        where T : notnull
    {
        var seen = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = await node.InvokeAsync(n => n.Engine.Bus.Subscribe("test-" + typeof(T).Name, new Handler<T>((in T evt) =>
        {
            if (match(evt))
            {
                seen.TrySetResult(evt);
            }
        })));
        return (seen.Task, subscription);
    }

    private static Task UnsubscribeAsync(TradingNode node, IDisposable subscription) =>
        node.InvokeAsync(_ =>
        {
            subscription.Dispose();
            return true;
        });

    private sealed class Handler<T>(HandlerAction<T> action) : IEventHandler<T>
        where T : notnull
    {
        public void Handle(in T evt) => action(in evt);
    }

    private delegate void HandlerAction<T>(in T evt);
}
