using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Execution;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.Trading;
using FlowSight.PaperVenue.Hosting;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Trading;
using Xunit;

namespace FlowSight.Trading.Tests;

/// <summary>
/// Two execution clients on one venue in one trading node: Binance USDⓈ-M (<c>BTCUSDT-PERP.BINANCE</c>) and Binance
/// spot (<c>BTCUSDT.BINANCE</c>), each against its own paper venue, each command routed by its instrument. Runs alone:
/// beside <see cref="PaperVenueTradingTests"/> (which ran with nothing in parallel) its load made that class's spot
/// market-order test flaky (filled quantity behind the venue's).
/// </summary>
[Collection(nameof(BinanceSpotAndUsdmTradingTests))]
public sealed class BinanceSpotAndUsdmTradingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task One_node_trades_binance_spot_and_usdm_an_order_rests_at_each_venue_and_both_are_canceled()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var usdm = await StartVenueAsync(PaperVenueKind.BinanceUsdm);
        await using var spot = await StartVenueAsync(PaperVenueKind.BinanceSpot);
        var perp = usdm.Exchange.Instruments[0];
        var cash = spot.Exchange.Instruments[0];
        Assert.Equal((Venue.Binance, Venue.Binance), (perp.Id.Venue, cash.Id.Venue));
        Assert.NotEqual(perp.Id, cash.Id);

        using var engine = new EngineLoop(new FlowSightOptions { WaitStrategy = WaitStrategyKind.Blocking });
        var node = new TradingNode(engine, [perp, cash]);
        try
        {
            node.AddClient(Client(usdm, BinanceMarket.UsdM, "usdm", perp));
            node.AddClient(Client(spot, BinanceMarket.Spot, "spot", cash));
            var reconciled = new List<ReconciliationCompleted>();
            engine.Bus.Subscribe("test-reconciled", new Handler<ReconciliationCompleted>((in ReconciliationCompleted r) => reconciled.Add(r)));
            engine.Start();
            await node.StartAsync(ct);
            Assert.Equal(["usdm", "spot"], await node.InvokeAsync(_ => reconciled.Select(r => r.Account).ToList()));

            var perpOrder = await node.InvokeAsync(n => n.Ids.Next());
            var spotOrder = await node.InvokeAsync(n => n.Ids.Next());
            var accepted = await WaitAsync<OrderAccepted>(engine, node, a => a.ClientOrderId == perpOrder || a.ClientOrderId == spotOrder, 2, () => Task.WhenAll(SubmitAsync(node, perpOrder, usdm, perp), SubmitAsync(node, spotOrder, spot, cash)));
            Assert.Equal(2, accepted.Count);

            var perpAtVenue = await usdm.Exchange.InvokeAsync(() => usdm.Exchange.Orders.Open(PaperTradingStack.AccountId).ToList());
            var spotAtVenue = await spot.Exchange.InvokeAsync(() => spot.Exchange.Orders.Open(PaperTradingStack.AccountId).ToList());
            var perpResting = Assert.Single(perpAtVenue);
            var spotResting = Assert.Single(spotAtVenue);
            Assert.Equal((perp.Id, perpOrder), (perpResting.Instrument, perpResting.ClientOrderId));
            Assert.Equal((cash.Id, spotOrder), (spotResting.Instrument, spotResting.ClientOrderId));

            var canceled = await WaitAsync<OrderCanceled>(
                engine,
                node,
                c => c.ClientOrderId == perpOrder || c.ClientOrderId == spotOrder,
                2,
                async () =>
                {
                    Assert.True((await node.CancelAsync(new CancelOrder { ClientOrderId = perpOrder, Instrument = perp.Id })).Approved);
                    Assert.True((await node.CancelAsync(new CancelOrder { ClientOrderId = spotOrder, Instrument = cash.Id })).Approved);
                });
            Assert.Equal([perp.Id, cash.Id], canceled.Select(c => c.Instrument).Order());
            Assert.Empty(await usdm.Exchange.InvokeAsync(() => usdm.Exchange.Orders.Open(PaperTradingStack.AccountId).ToList()));
            Assert.Empty(await spot.Exchange.InvokeAsync(() => spot.Exchange.Orders.Open(PaperTradingStack.AccountId).ToList()));
            Assert.Equal(0, await node.InvokeAsync(n => n.Orders.TotalOpenOrderCount));
        }
        finally
        {
            await node.DisposeAsync();
            engine.Stop();
        }
    }

    private static Task<PaperVenueHost> StartVenueAsync(PaperVenueKind kind) => PaperVenueHost.StartAsync(
        new PaperVenueOptions
        {
            Venue = kind,
            Speed = 0,
            WarmUp = TimeSpan.FromMinutes(1),
            Symbols = ["BTCUSDT"],
            Credentials = [new PaperCredential(PaperTradingStack.ApiKey, PaperTradingStack.ApiSecret, null, PaperTradingStack.AccountId)],
        },
        cancellationToken: TestContext.Current.CancellationToken);

    private static BinanceExecutionClient Client(PaperVenueHost venue, BinanceMarket market, string account, Instrument instrument) => new(new BinanceExecutionClientOptions
    {
        Market = market,
        RestBaseAddress = venue.Endpoint("rest"),
        WebSocketBaseAddress = venue.Endpoint("ws"),
        ApiKey = PaperTradingStack.ApiKey,
        ApiSecret = PaperTradingStack.ApiSecret,
        Account = account,
        Instruments = [instrument],
    });

    /// <summary>Submits a buy that rests (20 ticks under the venue's best bid, twice the minimum notional) through risk.</summary>
    private static async Task SubmitAsync(TradingNode node, ClientOrderId id, PaperVenueHost venue, Instrument instrument)
    {
        var (bid, ask) = await venue.Exchange.InvokeAsync(() =>
        {
            var market = venue.Exchange.Markets[0].Market;
            market.TryGetBestBid(out var b);
            market.TryGetBestAsk(out var a);
            return (b, a);
        });
        var price = bid.Price.ToDecimal() - (20 * instrument.TickSize.ToDecimal());
        var step = instrument.StepSize.ToDecimal();
        var byNotional = Math.Ceiling(instrument.MinNotional.ToDecimal() * 2 / (ask.Price.ToDecimal() * instrument.ContractMultiplier) / step) * step;
        var quantity = Math.Max(Math.Max(instrument.MinQuantity.ToDecimal(), step), byNotional);
        var (decision, _) = await node.SubmitAsync(new SubmitOrder
        {
            ClientOrderId = id,
            Instrument = instrument.Id,
            Side = OrderSide.Buy,
            Type = OrderType.Limit,
            Quantity = Quantity.FromDecimal(quantity, instrument.SizePrecision),
            Price = Price.FromDecimal(price, instrument.PricePrecision),
            TimeInForce = TimeInForce.Gtc,
        });
        Assert.True(decision.Approved, decision.ToString());
    }

    /// <summary>Runs <paramref name="action"/> and returns the first <paramref name="count"/> <typeparamref name="T"/>s matching <paramref name="match"/>.</summary>
    private static async Task<List<T>> WaitAsync<T>(EngineLoop engine, TradingNode node, Func<T, bool> match, int count, Func<Task> action)
        where T : notnull
    {
        var seen = new List<T>();
        var done = new TaskCompletionSource<List<T>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = await node.InvokeAsync(_ => engine.Bus.Subscribe(
            "test-wait-" + typeof(T).Name,
            new Handler<T>((in T evt) =>
            {
                if (match(evt))
                {
                    seen.Add(evt);
                    if (seen.Count == count)
                    {
                        done.TrySetResult([.. seen]);
                    }
                }
            })));
        try
        {
            await action();
            return await done.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        }
        finally
        {
            await node.InvokeAsync(_ =>
            {
                subscription.Dispose();
                return true;
            });
        }
    }

    private sealed class Handler<T>(HandlerAction<T> action) : IEventHandler<T>
        where T : notnull
    {
        public void Handle(in T evt) => action(in evt);
    }

    private delegate void HandlerAction<T>(in T evt);
}

/// <summary>The collection that runs <see cref="BinanceSpotAndUsdmTradingTests"/> with no other test in parallel.</summary>
[CollectionDefinition(nameof(BinanceSpotAndUsdmTradingTests), DisableParallelization = true)]
public sealed class BinanceSpotAndUsdmTradingCollection;
