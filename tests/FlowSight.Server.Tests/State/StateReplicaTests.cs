using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Risk;
using FlowSight.Server.State;
using FlowSight.TestKit;
using FlowSight.Venues.Network;
using Xunit;

namespace FlowSight.Server.Tests.State;

public sealed class StateReplicaTests
{
    private static readonly InstrumentId Btc = ReplicaHarness.Btc;
    private static readonly InstrumentId Eth = ReplicaHarness.Eth;

    [Fact]
    public async Task Nothing_is_shown_before_the_first_flush_and_instruments_are_known_from_the_start()
    {
        await using var h = new ReplicaHarness();
        h.PublishBook(Btc, 50_000m, 5, 1m);
        h.Run();

        Assert.Null(h.Replica.GetBook(Btc));
        Assert.Equal(0, h.Replica.GetVersion(ReplicaTopic.Book, Btc));
        Assert.Equal(["BTCUSDT-PERP.BINANCE", "ETHUSDT-PERP.BINANCE"], h.Replica.Instruments.Select(i => i.Id));
        var btc = h.Replica.Instruments[0];
        Assert.Equal(("BINANCE", "BTCUSDT", "perpetual", "BTC", "USDT", "USDT", 0.1m, 0.001m, 1, 3), (btc.Venue, btc.Symbol, btc.Kind, btc.Base, btc.Quote, btc.Settle, btc.TickSize, btc.StepSize, btc.PricePrecision, btc.SizePrecision));
        Assert.True(h.Replica.TryGetInstrument("btcusdt-perp.binance", out var found));
        Assert.Equal(Btc, found);
        Assert.False(h.Replica.TryGetInstrument("XRPUSDT-PERP.BINANCE", out _));
    }

    [Fact]
    public async Task A_flush_copies_the_top_levels_of_each_side_best_first_and_bumps_the_version_only_when_the_book_changed()
    {
        await using var h = new ReplicaHarness(new StateReplicaOptions { BookDepth = 3 });
        h.PublishBook(Btc, 50_000m, 5, 1.5m);
        h.RunAndFlush();

        var book = h.Replica.GetBook(Btc)!;
        Assert.Equal("BTCUSDT-PERP.BINANCE", book.Instrument);
        Assert.True(book.InSync);
        Assert.Equal(1, book.Updates);
        Assert.Equal([49_999.9m, 49_999.8m, 49_999.7m], book.Bids.Select(l => l.Price));
        Assert.Equal([50_000.1m, 50_000.2m, 50_000.3m], book.Asks.Select(l => l.Price));
        Assert.All(book.Bids.Concat(book.Asks), l => Assert.Equal(1.5m, l.Size));
        Assert.Equal(h.Clock.GetUtcNow().ToUnixTimeMilliseconds(), book.UpdatedAt);
        var version = h.Replica.GetVersion(ReplicaTopic.Book, Btc);
        Assert.Equal(1, version);
        Assert.Null(h.Replica.GetBook(Eth));

        h.RunAndFlush(); // nothing new
        Assert.Equal(version, h.Replica.GetVersion(ReplicaTopic.Book, Btc));
        Assert.Same(book, h.Replica.GetBook(Btc));

        h.PublishLevel(Btc, OrderSide.Buy, 49_999.9m, 0m); // the best bid goes
        h.PublishLevel(Btc, OrderSide.Sell, 50_000.1m, 4m);
        h.RunAndFlush();
        var after = h.Replica.GetBook(Btc)!;
        Assert.Equal(version + 1, h.Replica.GetVersion(ReplicaTopic.Book, Btc)); // two messages, one snapshot
        Assert.Equal(3, after.Updates);
        Assert.Equal(49_999.8m, after.Bids[0].Price);
        Assert.Equal(new BookLevelView(50_000.1m, 4m), after.Asks[0]);
        Assert.Equal(49_999.9m, book.Bids[0].Price); // the old snapshot is untouched
        Assert.Same(book.Bids[1], after.Bids[0]);    // unchanged levels keep their views
        Assert.Same(book.Asks[1], after.Asks[1]);
    }

    [Fact]
    public async Task Trades_are_kept_newest_first_up_to_the_limit_and_converted_once()
    {
        await using var h = new ReplicaHarness(new StateReplicaOptions { TradesKept = 3 });
        for (var i = 0; i < 5; i++)
        {
            h.Engine.Publish(h.Trade(Btc, 50_000m + i, 0.001m * (i + 1), i % 2 == 0 ? AggressorSide.Buyer : AggressorSide.Seller));
        }

        h.RunAndFlush();
        var trades = h.Replica.GetTrades(Btc, 10);
        Assert.Equal([50_004m, 50_003m, 50_002m], trades.Select(t => t.Price));
        Assert.Equal(["buy", "sell", "buy"], trades.Select(t => t.Side));
        Assert.Equal([0.005m, 0.004m, 0.003m], trades.Select(t => t.Size));
        Assert.All(trades, t => Assert.Equal("BTCUSDT-PERP.BINANCE", t.Instrument));
        Assert.Equal([50_004m, 50_003m], h.Replica.GetTrades(Btc, 2).Select(t => t.Price));
        Assert.Empty(h.Replica.GetTrades(Eth, 10));
        Assert.Equal(1, h.Replica.GetVersion(ReplicaTopic.Trades, Btc));

        h.Engine.Publish(h.Trade(Btc, 50_010m, 1m));
        h.RunAndFlush();
        var next = h.Replica.GetTrades(Btc, 10);
        Assert.Equal([50_010m, 50_004m, 50_003m], next.Select(t => t.Price));
        Assert.Same(trades[0], next[1]); // older trades keep their views
        Assert.Equal(2, h.Replica.GetVersion(ReplicaTopic.Trades, Btc));
    }

    [Fact]
    public async Task Candles_come_from_the_store_oldest_first_and_only_changed_candles_get_new_views()
    {
        await using var h = new ReplicaHarness(new StateReplicaOptions { CandlesKept = 4 });
        var minute = CandleInterval.OneMinute.ToNanoseconds();
        var start = h.Now - (h.Now % minute) - (5 * minute);
        Candle At(int i, decimal close, bool closed) => new(
            Btc, CandleInterval.OneMinute, start + (i * minute), start + ((i + 1) * minute),
            Price.FromDecimal(100m, 2), Price.FromDecimal(110m, 2), Price.FromDecimal(90m, 2), Price.FromDecimal(close, 2),
            Quantity.FromDecimal(2m, 3), Money.FromDecimal(200m, 2), 7, closed, start, start);
        h.Engine.Post(_ => h.Candles.Seed([At(0, 101m, true), At(1, 102m, true), At(2, 103m, true), At(3, 104m, true), At(4, 105m, false)]));
        h.RunAndFlush();

        var candles = h.Replica.GetCandles(Btc, CandleInterval.OneMinute, 10);
        Assert.Equal([102m, 103m, 104m, 105m], candles.Select(c => c.Close)); // the latest CandlesKept
        Assert.Equal([true, true, true, false], candles.Select(c => c.Closed));
        Assert.Equal((start + minute) / 1_000_000, candles[0].OpenTime);
        Assert.Equal((100m, 110m, 90m, 2m, 7L), (candles[0].Open, candles[0].High, candles[0].Low, candles[0].Volume, candles[0].Trades));
        Assert.Equal([104m, 105m], h.Replica.GetCandles(Btc, CandleInterval.OneMinute, 2).Select(c => c.Close));
        Assert.Empty(h.Replica.GetCandles(Btc, CandleInterval.FiveMinutes, 10));
        Assert.Empty(h.Replica.GetCandles(Eth, CandleInterval.OneMinute, 10));
        var version = h.Replica.GetVersion(ReplicaTopic.Candles, Btc);
        Assert.True(version > 0);

        h.Engine.Post(_ => h.Candles.Upsert(At(4, 106m, false)));
        h.RunAndFlush();
        var updated = h.Replica.GetCandles(Btc, CandleInterval.OneMinute, 10);
        Assert.Equal(106m, updated[^1].Close);
        Assert.Same(candles[0], updated[0]);
        Assert.Same(candles[2], updated[2]);
        Assert.Equal(version + 1, h.Replica.GetVersion(ReplicaTopic.Candles, Btc));

        h.Engine.Post(_ => h.Candles.Upsert(At(5, 107m, false))); // a new candle: the window slides
        h.RunAndFlush();
        var slid = h.Replica.GetCandles(Btc, CandleInterval.OneMinute, 10);
        Assert.Equal([103m, 104m, 106m, 107m], slid.Select(c => c.Close));
        Assert.Same(updated[1], slid[0]);

        h.RunAndFlush();
        Assert.Equal(version + 2, h.Replica.GetVersion(ReplicaTopic.Candles, Btc));
    }

    [Fact]
    public async Task The_timer_posts_flushes_to_the_engine_which_runs_them_in_order_with_the_events()
    {
        await using var h = new ReplicaHarness(new StateReplicaOptions { FlushInterval = TimeSpan.FromMilliseconds(50) });
        h.PublishBook(Btc, 50_000m, 2, 1m);
        h.Run();
        h.Clock.Advance(TimeSpan.FromMilliseconds(49));
        h.Run();
        Assert.Null(h.Replica.GetBook(Btc));

        h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        h.Clock.Advance(TimeSpan.FromMilliseconds(50)); // a second tick while the first flush is queued adds none
        Assert.Equal(1, h.Run());
        Assert.NotNull(h.Replica.GetBook(Btc));
        Assert.Equal(0, h.Replica.FlushErrors);
    }

    [Fact]
    public async Task Orders_show_the_store_s_state_and_denials_show_the_risk_check_that_refused_them()
    {
        var risk = new RiskLimits { Defaults = new InstrumentRiskLimits { MaxOrderQuantity = 1m } };
        await using var h = new ReplicaHarness(risk: risk);
        var node = h.Node!;
        var ok = Limit("rep-1", 0.5m);
        var tooBig = Limit("rep-2", 2m);
        h.Engine.Post(_ =>
        {
            node.Risk.Submit(in ok);     // passes risk, then rejected: this node has no venue client
            h.Clock.Advance(TimeSpan.FromMilliseconds(1));
            node.Risk.Submit(in tooBig); // refused by the risk engine
        });
        h.RunAndFlush();

        var orders = h.Replica.GetOrders(openOnly: false);
        Assert.Equal(["rep-2", "rep-1"], orders.Select(o => o.ClientOrderId)); // newest first
        var rejected = orders[1];
        Assert.Equal(("rejected", "buy", "limit", 0.5m, 49_000m, "gtc", "BTCUSDT-PERP.BINANCE"), (rejected.Status, rejected.Side, rejected.Type, rejected.Quantity, rejected.Price, rejected.TimeInForce, rejected.Instrument));
        Assert.Contains("no execution client", rejected.Reason, StringComparison.Ordinal);
        var denied = orders[0];
        Assert.Equal("denied", denied.Status);
        Assert.StartsWith(RiskChecks.MaxQuantity, denied.Reason, StringComparison.Ordinal);
        Assert.Empty(h.Replica.GetOrders(openOnly: true));
        Assert.Empty(h.Replica.GetFills(10));
        Assert.True(h.Replica.GetVersion(ReplicaTopic.Orders) > 0);

        var risky = h.Replica.Risk;
        Assert.Equal(("ACTIVE", false, 0), (risky.State, risky.KillSwitchTripped, risky.OpenOrders));
        Assert.Contains(risky.Limits, l => l.Name.EndsWith("max order quantity", StringComparison.Ordinal) && l.Limit == "1");
    }

    [Fact]
    public async Task Tripping_the_kill_switch_halts_the_risk_view_with_its_reason()
    {
        await using var h = new ReplicaHarness();
        h.RunAndFlush();
        var before = h.Replica.GetVersion(ReplicaTopic.Risk);
        Assert.Equal("ACTIVE", h.Replica.Risk.State);

        h.Engine.Post(_ => h.Node!.Risk.Trip("operator says stop", flatten: false));
        h.RunAndFlush();
        var risk = h.Replica.Risk;
        Assert.Equal("HALTED", risk.State);
        Assert.True(risk.KillSwitchTripped);
        Assert.Contains("operator says stop", risk.Reason, StringComparison.Ordinal);
        Assert.True(h.Replica.GetVersion(ReplicaTopic.Risk) > before);

        var version = h.Replica.GetVersion(ReplicaTopic.Risk);
        h.Clock.Advance(TimeSpan.FromSeconds(1)); // revalued, unchanged: no new version
        h.RunAndFlush();
        Assert.Equal(version, h.Replica.GetVersion(ReplicaTopic.Risk));
    }

    [Fact]
    public async Task The_account_shows_each_venue_accounts_balances_and_the_total_equity_from_the_portfolio()
    {
        await using var h = new ReplicaHarness();
        h.Engine.Post(e =>
        {
            e.Bus.Publish(new BalanceReport { Venue = Venue.Binance, Account = "usdm", Asset = "USDT", Total = 10_000m, Free = 10_000m, IsSnapshot = true, Timestamp = h.Now });
            e.Bus.Publish(new BalanceReport { Venue = Venue.Binance, Account = "spot", Asset = "USDT", Total = 2_500m, Free = 2_500m, IsSnapshot = true, Timestamp = h.Now });
        });
        h.RunAndFlush();

        var account = h.Replica.Account;
        Assert.Equal("USDT", account.Asset);
        Assert.Equal(12_500m, account.Equity);
        Assert.Equal([new BalanceView("USDT", 2_500m, 2_500m, "BINANCE/spot"), new BalanceView("USDT", 10_000m, 10_000m, "BINANCE/usdm")], account.Balances);
        Assert.NotEmpty(account.EquityCurve);
        h.Clock.Advance(TimeSpan.FromMinutes(1)); // the next sample of the curve holds both accounts
        h.RunAndFlush();
        Assert.Equal(12_500m, h.Replica.Account.EquityCurve[^1].Equity);
        Assert.Empty(h.Replica.Positions);
        Assert.True(h.Replica.GetVersion(ReplicaTopic.Account) > 0);
    }

    [Fact]
    public async Task The_account_shows_each_venue_accounts_equity_curve_beside_the_total_and_the_risk_view_its_halted_accounts()
    {
        await using var h = new ReplicaHarness();
        h.Engine.Post(e =>
        {
            e.Bus.Publish(new BalanceReport { Venue = Venue.Binance, Account = "usdm", Asset = "USDT", Total = 10_000m, Free = 10_000m, IsSnapshot = true, Timestamp = h.Now });
            e.Bus.Publish(new BalanceReport { Venue = Venue.Binance, Account = "spot", Asset = "USDT", Total = 2_500m, Free = 2_500m, IsSnapshot = true, Timestamp = h.Now });
        });
        h.RunAndFlush();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        h.Engine.Post(e => e.Bus.Publish(new BalanceReport { Venue = Venue.Binance, Account = "spot", Asset = "USDT", Total = 2_000m, Free = 2_000m, IsSnapshot = true, Timestamp = h.Now }));
        h.RunAndFlush();
        h.Clock.Advance(TimeSpan.FromMinutes(1)); // the next sample holds the spot account's new balance
        h.RunAndFlush();

        var account = h.Replica.Account;
        var spot = account.Accounts!.Single(a => a.Account == "BINANCE/spot");
        var usdm = account.Accounts!.Single(a => a.Account == "BINANCE/usdm");
        Assert.Equal((2_000m, 10_000m), (spot.Equity, usdm.Equity));
        Assert.Equal(2_000m, spot.EquityCurve[^1].Equity);
        Assert.Equal(10_000m, usdm.EquityCurve[^1].Equity);
        Assert.Equal(account.EquityCurve.Select(p => p.Time), usdm.EquityCurve.Select(p => p.Time));
        Assert.Equal(account.EquityCurve[^1].Equity, account.Accounts!.Sum(a => a.EquityCurve[^1].Equity)); // the total's point is their sum

        h.Engine.Post(_ => h.Node!.Risk.HaltAccount(new VenueAccount(Venue.Binance, "spot"), "customer asked", flatten: false));
        h.RunAndFlush();
        Assert.Equal("ACTIVE", h.Replica.Risk.State);
        Assert.Equal([new AccountHaltView("BINANCE/spot", "customer asked")], h.Replica.Risk.HaltedAccounts);
    }

    [Fact]
    public async Task The_engine_view_has_statistics_routes_connections_with_reconnect_counts_and_gc()
    {
        await using var h = new ReplicaHarness();
        var t = h.Now;
        h.Engine.PublishObject(new ConnectionStateChanged("binance-usdm-market", ConnectionState.Connecting, ConnectionState.Connected, "open", 1, t));
        h.Engine.PublishObject(new ConnectionStateChanged("binance-usdm-market", ConnectionState.Connected, ConnectionState.Subscribed, "subscribed", 0, t));
        h.Engine.PublishObject(new ConnectionStateChanged("binance-usdm-market", ConnectionState.Subscribed, ConnectionState.Reconnecting, "watchdog: no data for 30 s", 1, t));
        h.Engine.PublishObject(new ConnectionStateChanged("binance-usdm-market", ConnectionState.Connecting, ConnectionState.Connected, "open", 1, t));
        h.Engine.Post(e =>
        {
            e.Bus.Publish(new ExecutionConnectionChanged { Venue = Venue.Binance, Account = "paper", Connected = true, Timestamp = t });
            e.Bus.Publish(new ExecutionConnectionChanged { Venue = Venue.Binance, Account = "paper", Connected = false, Reason = "socket closed", Timestamp = t });
            e.Bus.Publish(new ExecutionConnectionChanged { Venue = Venue.Binance, Account = "paper", Connected = true, Reconnected = true, Timestamp = t });
        });
        h.PublishBook(Btc, 50_000m, 2, 1m);
        h.Run();
        h.Engine.TakeStatistics();
        h.Replica.Flush();

        var engine = h.Replica.Engine;
        Assert.True(engine.EventsProcessed >= 6);
        Assert.Equal(8192, engine.Capacity);
        Assert.Contains(engine.Routes, r => r.Name == "replica-book" && r.EventType == nameof(BookDelta) && r.Handled > 0);
        var market = Assert.Single(engine.Connections, c => c.Kind == "marketData");
        Assert.Equal(("binance-usdm-market", "connected", 1), (market.Name, market.State, market.Reconnects));
        var execution = Assert.Single(engine.Connections, c => c.Kind == "execution");
        Assert.Equal(("binance:paper", "connected", 1), (execution.Name, execution.State, execution.Reconnects));
        Assert.True(engine.Gc.HeapBytes > 0 && engine.Gc.WorkingSetBytes > 0 && engine.Gc.AllocatedBytes > 0);
        Assert.True(h.Replica.GetVersion(ReplicaTopic.Engine) > 0);
    }

    [Fact]
    public async Task The_engine_thread_handlers_allocate_nothing_per_event()
    {
        await using var h = new ReplicaHarness();
        h.PublishBook(Btc, 50_000m, 20, 1m);
        h.RunAndFlush();
        var trades = new TradeTick[64];
        for (var i = 0; i < trades.Length; i++)
        {
            trades[i] = h.Trade(i % 2 == 0 ? Btc : Eth, 50_000m + i, 0.01m);
        }

        var delta = new BookDelta(Btc, BookAction.Set, OrderSide.Buy, Price.FromDecimal(49_999.9m, 2), Quantity.FromDecimal(2m, 3), 99, BookDeltaFlags.Last, h.Now, h.Now);
        var book = (IEventHandler<BookDelta>)h.Replica;
        var tape = (IEventHandler<TradeTick>)h.Replica;
        var submitted = (IEventHandler<OrderSubmitted>)h.Replica;
        var submittedEvent = new OrderSubmitted(ClientOrderId.Parse("alloc-1"), Btc, h.Now);

        var direct = Allocations.SteadyState(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                book.Handle(in delta);
                tape.Handle(in trades[i % trades.Length]);
                submitted.Handle(in submittedEvent);
            }
        });
        Assert.Equal(0, direct);

        // Through the real engine: ring buffer, bus, the books, the replica (no flush in between).
        var throughEngine = Allocations.SteadyState(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                h.Engine.Publish(in trades[i % trades.Length]);
            }

            h.Run();
        });
        Assert.Equal(0, throughEngine);
    }

    [Fact]
    public async Task Readers_on_other_threads_always_see_whole_immutable_snapshots()
    {
        await using var h = new ReplicaHarness();
        h.PublishBook(Btc, 50_000m, 10, 1m);
        h.RunAndFlush();
        using var stop = new CancellationTokenSource();
        var problems = 0;
        long reads = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var lastVersion = 0L;
            while (!stop.IsCancellationRequested)
            {
                var version = h.Replica.GetVersion(ReplicaTopic.Book, Btc);
                var book = h.Replica.GetBook(Btc)!;
                var size = book.Bids[0].Size;

                // Every level of one snapshot carries the same size; versions never go back; a version read
                // before the book never names a newer book than the one read.
                if (book.Bids.Count != 10 || book.Asks.Count != 10
                    || book.Bids.Concat(book.Asks).Any(l => l.Size != size)
                    || version < lastVersion || book.Updates < version)
                {
                    Interlocked.Increment(ref problems);
                }

                lastVersion = version;
                Interlocked.Increment(ref reads);
            }
        })).ToArray();

        for (var generation = 2; generation < 400; generation++)
        {
            h.PublishBook(Btc, 50_000m, 10, generation);
            h.RunAndFlush();
        }

        await h.WaitForAsync(() => Interlocked.Read(ref reads) > 1000);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Equal(0, problems);
        Assert.Equal(399m, h.Replica.GetBook(Btc)!.Bids[0].Size);
        Assert.Equal(399, h.Replica.GetVersion(ReplicaTopic.Book, Btc));
    }

    [Fact]
    public async Task Disposing_unsubscribes_on_the_engine_thread_and_stops_the_timer()
    {
        await using var h = new ReplicaHarness();
        h.Engine.Publish(h.Trade(Btc, 50_000m, 1m));
        h.RunAndFlush();
        Assert.Equal(1, h.Replica.GetVersion(ReplicaTopic.Trades, Btc));

        h.Replica.Dispose();
        h.Run();
        Assert.DoesNotContain(h.Engine.Bus.Snapshot(), r => r.Name.StartsWith("replica-", StringComparison.Ordinal));
        h.Engine.Publish(h.Trade(Btc, 50_001m, 1m));
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        h.Run();
        Assert.Equal(1, h.Replica.GetVersion(ReplicaTopic.Trades, Btc));
        Assert.Equal(50_000m, Assert.Single(h.Replica.GetTrades(Btc, 10)).Price);
    }

    [Fact]
    public void Bad_options_are_refused_with_every_problem_named()
    {
        using var engine = new Engine.Hosting.EngineLoop(new Engine.Configuration.FlowSightOptions());
        var error = Assert.Throws<ArgumentException>(() => StateReplica.Attach(
            engine, [], new Engine.OrderBook.OrderBookManager(), null, null, new StateReplicaOptions { BookDepth = 0, FlushInterval = TimeSpan.Zero }));
        Assert.Contains("BookDepth must be at least 1, was 0.", error.Message, StringComparison.Ordinal);
        Assert.Contains("FlushInterval must be at least 1 ms", error.Message, StringComparison.Ordinal);
    }

    private static SubmitOrder Limit(string id, decimal quantity) => new()
    {
        ClientOrderId = ClientOrderId.Parse(id),
        Instrument = Btc,
        Side = OrderSide.Buy,
        Type = OrderType.Limit,
        Quantity = Quantity.FromDecimal(quantity, 3),
        Price = Price.FromDecimal(49_000m, 1),
    };
}
