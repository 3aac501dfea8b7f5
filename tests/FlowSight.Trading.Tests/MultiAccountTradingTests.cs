using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.Risk;
using FlowSight.Engine.Trading;
using FlowSight.PaperVenue.Hosting;
using FlowSight.Simulator.Accounts;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Trading;
using Xunit;

namespace FlowSight.Trading.Tests;

/// <summary>
/// Several venue accounts in one trading node against the paper venue: each account keeps its own USDT, equal to what
/// its venue account reports, through fills and reconciliation; the kill switch's flatten closes each account's
/// positions on that account, and each hedge-mode leg with its own order. Runs with the other multi-venue tests,
/// nothing else in parallel.
/// </summary>
[Collection(nameof(BinanceSpotAndUsdmTradingTests))]
public sealed class MultiAccountTradingTests
{
    private const int SecondAccountId = 2;
    private const string SecondKey = "trading-test-key-2";
    private const string SecondSecret = "trading-test-secret-2";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Binance_spot_and_usdm_accounts_each_keep_their_own_usdt_equal_to_the_venues_through_fills_and_reconciliation()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var usdm = await StartVenueAsync(PaperVenueKind.BinanceUsdm, ["BTCUSDT"]);
        await using var spot = await StartVenueAsync(PaperVenueKind.BinanceSpot, ["BTCUSDT"]);
        var perp = usdm.Exchange.Instruments[0];
        var cash = spot.Exchange.Instruments[0];
        using var engine = new EngineLoop(new FlowSightOptions { WaitStrategy = WaitStrategyKind.Blocking });
        var node = new TradingNode(engine, [perp, cash], new TradingNodeOptions { Risk = new RiskLimits { RefuseWithoutMarkPrice = false } });
        try
        {
            node.AddClient(Client(usdm, BinanceMarket.UsdM, "usdm", PaperTradingStack.ApiKey, PaperTradingStack.ApiSecret, perp));
            node.AddClient(Client(spot, BinanceMarket.Spot, "spot", PaperTradingStack.ApiKey, PaperTradingStack.ApiSecret, cash));
            engine.Start();
            await node.StartAsync(ct);
            var usdmAccount = new VenueAccount(Venue.Binance, "usdm");
            var spotAccount = new VenueAccount(Venue.Binance, "spot");

            await Task.WhenAll(
                FillMarketAsync(engine, node, perp, OrderSide.Buy, PositionSide.Both, 3 * await LotAsync(usdm, perp)),
                FillMarketAsync(engine, node, cash, OrderSide.Buy, PositionSide.Both, 3 * await LotAsync(spot, cash)));

            for (var pass = 0; pass < 2; pass++)
            {
                var venueUsdm = await usdm.Exchange.InvokeAsync(() => usdm.Exchange.Accounts.GetFuturesBalance(PaperTradingStack.AccountId, "USDT").WalletBalance.ToDecimal());
                var (venueSpotUsdt, venueSpotBtc) = await spot.Exchange.InvokeAsync(() =>
                {
                    var usdt = spot.Exchange.Accounts.GetSpotBalance(PaperTradingStack.AccountId, "USDT");
                    var btc = spot.Exchange.Accounts.GetSpotBalance(PaperTradingStack.AccountId, "BTC");
                    return (usdt.Free.ToDecimal() + usdt.Locked.ToDecimal(), btc.Free.ToDecimal() + btc.Locked.ToDecimal());
                });
                var ours = await node.InvokeAsync(n => (
                    Usdm: n.Portfolio.Balance(usdmAccount, "USDT"),
                    SpotUsdt: n.Portfolio.Balance(spotAccount, "USDT"),
                    SpotBtc: n.Portfolio.Balance(spotAccount, "BTC"),
                    Total: n.Portfolio.Balance("USDT"),
                    n.Portfolio.BalanceCorrections));

                Assert.NotEqual(venueUsdm, venueSpotUsdt); // two wallets that would overwrite each other if kept as one
                Assert.Equal(venueUsdm, ours.Usdm);
                Assert.Equal(venueSpotUsdt, ours.SpotUsdt);
                Assert.Equal(venueSpotBtc, ours.SpotBtc);
                Assert.Equal(venueUsdm + venueSpotUsdt, ours.Total);
                Assert.Equal(0, ours.BalanceCorrections); // the venues' snapshots agree with what the fills did

                // Second pass: after both accounts reconcile again (balances come back as snapshots, one per account).
                await node.Execution.ReconcileAsync(Venue.Binance, ct);
            }
        }
        finally
        {
            await node.DisposeAsync();
            engine.Stop();
        }
    }

    [Fact]
    public async Task Two_usdm_accounts_keep_their_own_usdt_and_the_kill_switch_flattens_each_on_its_own_account()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var venue = await StartVenueAsync(PaperVenueKind.BinanceUsdm, ["BTCUSDT", "ETHUSDT"]);
        var btc = venue.Exchange.Instruments.Single(i => i.VenueSymbol == "BTCUSDT");
        var eth = venue.Exchange.Instruments.Single(i => i.VenueSymbol == "ETHUSDT");
        using var engine = new EngineLoop(new FlowSightOptions { WaitStrategy = WaitStrategyKind.Blocking });
        var node = new TradingNode(engine, [btc, eth], new TradingNodeOptions { Risk = new RiskLimits { RefuseWithoutMarkPrice = false } });
        try
        {
            node.AddClient(Client(venue, BinanceMarket.UsdM, "alpha", PaperTradingStack.ApiKey, PaperTradingStack.ApiSecret, btc));
            node.AddClient(Client(venue, BinanceMarket.UsdM, "beta", SecondKey, SecondSecret, eth));
            engine.Start();
            await node.StartAsync(ct);
            var alpha = new VenueAccount(Venue.Binance, "alpha");
            var beta = new VenueAccount(Venue.Binance, "beta");

            await FillMarketAsync(engine, node, btc, OrderSide.Buy, PositionSide.Both, 4 * await LotAsync(venue, btc));
            await FillMarketAsync(engine, node, eth, OrderSide.Sell, PositionSide.Both, 2 * await LotAsync(venue, eth));
            await AssertWalletsAsync();

            var flat = WaitOnEngineAsync<OrderFilled>(engine, node, _ => node.Portfolio.NetPosition(btc.Id) == 0m && node.Portfolio.NetPosition(eth.Id) == 0m);
            await node.HaltAsync("test: close both accounts", flatten: true);
            await flat;

            var positions = await venue.Exchange.InvokeAsync(() => (
                AlphaBtc: venue.Exchange.Accounts.GetPosition(PaperTradingStack.AccountId, btc.Id).Size.ToDecimal(),
                BetaEth: venue.Exchange.Accounts.GetPosition(SecondAccountId, eth.Id).Size.ToDecimal(),
                AlphaEth: venue.Exchange.Accounts.GetPosition(PaperTradingStack.AccountId, eth.Id).Size.ToDecimal(),
                BetaBtc: venue.Exchange.Accounts.GetPosition(SecondAccountId, btc.Id).Size.ToDecimal()));
            Assert.Equal((0m, 0m, 0m, 0m), positions); // each closed on its own account, nothing opened on the other
            await AssertWalletsAsync();

            async Task AssertWalletsAsync()
            {
                var (venueAlpha, venueBeta) = await venue.Exchange.InvokeAsync(() => (
                    venue.Exchange.Accounts.GetFuturesBalance(PaperTradingStack.AccountId, "USDT").WalletBalance.ToDecimal(),
                    venue.Exchange.Accounts.GetFuturesBalance(SecondAccountId, "USDT").WalletBalance.ToDecimal()));
                var (ourAlpha, ourBeta) = await node.InvokeAsync(n => (n.Portfolio.Balance(alpha, "USDT"), n.Portfolio.Balance(beta, "USDT")));
                Assert.NotEqual(venueAlpha, venueBeta);
                Assert.Equal((venueAlpha, venueBeta), (ourAlpha, ourBeta));
            }
        }
        finally
        {
            await node.DisposeAsync();
            engine.Stop();
        }
    }

    public static TheoryData<PaperVenueKind> HedgeVenues => new() { PaperVenueKind.BinanceUsdm, PaperVenueKind.Okx };

    [Theory]
    [MemberData(nameof(HedgeVenues))]
    public async Task The_kill_switch_flatten_closes_each_hedge_mode_leg_with_its_own_order_at_the_paper_venue(PaperVenueKind kind)
    {
        await using var stack = await PaperTradingStack.StartAsync(kind);
        var instrument = stack.Instrument;
        await stack.AtVenueAsync(x =>
        {
            x.Accounts.SetPositionMode(PaperTradingStack.AccountId, PositionMode.Hedge); // Binance dualSidePosition, OKX long_short_mode
            return true;
        });
        var lot = await LotAsync(stack.Venue, instrument);

        // Long 3 lots and short 3 lots: the net position is zero, yet two positions are open.
        await FillMarketAsync(stack.Engine, stack.Node, instrument, OrderSide.Buy, PositionSide.Long, 3 * lot);
        await FillMarketAsync(stack.Engine, stack.Node, instrument, OrderSide.Sell, PositionSide.Short, 3 * lot);
        var (longLeg, shortLeg) = await stack.AtVenueAsync(x => (
            x.Accounts.GetPosition(PaperTradingStack.AccountId, instrument.Id, PositionSide.Long).Size.ToDecimal(),
            x.Accounts.GetPosition(PaperTradingStack.AccountId, instrument.Id, PositionSide.Short).Size.ToDecimal()));
        Assert.Equal((3 * lot, 3 * lot), (Math.Abs(longLeg), Math.Abs(shortLeg)));
        Assert.Equal(0m, await stack.Node.InvokeAsync(n => n.Portfolio.NetPosition(instrument.Id)));

        // A refused close (Binance -1106 for reduceOnly in hedge mode) would leave a leg open and time this out.
        var flat = WaitOnEngineAsync<OrderFilled>(
            stack.Engine,
            stack.Node,
            _ => stack.Node.Portfolio.LegPosition(instrument.Id, PositionSide.Long) == 0m && stack.Node.Portfolio.LegPosition(instrument.Id, PositionSide.Short) == 0m);
        var tripped = await stack.NextAsync<KillSwitchTripped>(_ => true, () => stack.Node.HaltAsync("test: close both legs", flatten: true));
        Assert.Equal(2, tripped.FlattenOrders);
        await flat;

        var (venueLong, venueShort, wallet) = await stack.AtVenueAsync(x => (
            x.Accounts.GetPosition(PaperTradingStack.AccountId, instrument.Id, PositionSide.Long).Size.ToDecimal(),
            x.Accounts.GetPosition(PaperTradingStack.AccountId, instrument.Id, PositionSide.Short).Size.ToDecimal(),
            x.Accounts.GetFuturesBalance(PaperTradingStack.AccountId, instrument.SettleAsset).WalletBalance.ToDecimal()));
        Assert.Equal((0m, 0m), (venueLong, venueShort));
        Assert.Equal(wallet, await stack.Node.InvokeAsync(n => n.Portfolio.Balance(instrument.SettleAsset)));
    }

    private static Task<PaperVenueHost> StartVenueAsync(PaperVenueKind kind, string[] symbols) => PaperVenueHost.StartAsync(
        new PaperVenueOptions
        {
            Venue = kind,
            Speed = 0,
            WarmUp = TimeSpan.FromMinutes(1),
            Symbols = symbols,
            Credentials =
            [
                new PaperCredential(PaperTradingStack.ApiKey, PaperTradingStack.ApiSecret, null, PaperTradingStack.AccountId),
                new PaperCredential(SecondKey, SecondSecret, null, SecondAccountId),
            ],
        },
        cancellationToken: TestContext.Current.CancellationToken);

    private static BinanceExecutionClient Client(PaperVenueHost venue, BinanceMarket market, string account, string key, string secret, Instrument instrument) => new(new BinanceExecutionClientOptions
    {
        Market = market,
        RestBaseAddress = venue.Endpoint("rest"),
        WebSocketBaseAddress = venue.Endpoint("ws"),
        ApiKey = key,
        ApiSecret = secret,
        Account = account,
        Instruments = [instrument],
    });

    /// <summary>The smallest quantity worth twice the minimum notional at the venue's ask (and at least the minimum quantity).</summary>
    private static async Task<decimal> LotAsync(PaperVenueHost venue, Instrument instrument)
    {
        var ask = await venue.Exchange.InvokeAsync(() =>
        {
            var market = venue.Exchange.Markets.First(m => m.Market.Instrument.Id == instrument.Id).Market;
            market.TryGetBestAsk(out var a);
            return a.Price.ToDecimal();
        });
        var step = instrument.StepSize.ToDecimal();
        var byNotional = Math.Ceiling(instrument.MinNotional.ToDecimal() * 2 / (ask * instrument.ContractMultiplier) / step) * step;
        return Math.Max(Math.Max(instrument.MinQuantity.ToDecimal(), step), byNotional);
    }

    /// <summary>Submits a market order through risk and waits until its whole quantity has filled.</summary>
    private static async Task FillMarketAsync(EngineLoop engine, TradingNode node, Instrument instrument, OrderSide side, PositionSide positionSide, decimal quantity)
    {
        var id = await node.InvokeAsync(n => n.Ids.Next());
        var order = new SubmitOrder
        {
            ClientOrderId = id,
            Instrument = instrument.Id,
            Side = side,
            Type = OrderType.Market,
            Quantity = Quantity.FromDecimal(quantity, instrument.SizePrecision),
            PositionSide = positionSide,
        };
        var filled = WaitOnEngineAsync<OrderFilled>(engine, node, f => f.ClientOrderId == id && f.FilledQuantity.ToDecimal() == quantity);
        var (decision, _) = await node.SubmitAsync(order);
        Assert.True(decision.Approved, decision.ToString());
        await filled;
    }

    /// <summary>
    /// Completes on the first <typeparamref name="T"/> for which <paramref name="match"/> (run on the engine thread,
    /// after the portfolio has applied the event) is true. The watch is posted before this returns a task, so an event
    /// caused after the call is seen.
    /// </summary>
    private static Task WaitOnEngineAsync<T>(EngineLoop engine, TradingNode node, Func<T, bool> match)
        where T : notnull
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IDisposable? subscription = null;
        var subscribed = node.InvokeAsync(_ => subscription = engine.Bus.Subscribe(
            "test-wait-" + typeof(T).Name,
            new Handler<T>((in T evt) =>
            {
                if (match(evt))
                {
                    done.TrySetResult();
                }
            })));
        return WaitAsync();

        async Task WaitAsync()
        {
            await subscribed;
            try
            {
                await done.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
            }
            finally
            {
                await node.InvokeAsync(_ =>
                {
                    subscription?.Dispose();
                    return true;
                });
            }
        }
    }

    private sealed class Handler<T>(HandlerAction<T> action) : IEventHandler<T>
        where T : notnull
    {
        public void Handle(in T evt) => action(in evt);
    }

    private delegate void HandlerAction<T>(in T evt);
}
