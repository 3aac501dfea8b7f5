using FlowSight.Core;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Execution;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.Orders;
using FlowSight.Engine.Risk;
using Xunit;
using static FlowSight.Engine.Tests.Execution.EngineHarness;

namespace FlowSight.Engine.Tests.Execution;

public sealed class ExecutionEngineTests
{
    [Fact]
    public void A_submit_is_stored_published_and_sent_once_to_its_venue()
    {
        using var h = new EngineHarness();

        var cmd = h.Submit(Btc);

        Assert.Equal(OrderStatus.Submitted, h.Order(cmd).Status);
        Assert.Single(h.Of<OrderSubmitted>());
        Assert.Equal(cmd.ClientOrderId, Assert.Single(h.Binance.Submits).ClientOrderId);
        Assert.Empty(h.Okx.Submits);
        Assert.Equal(1, h.Store.OpenOrderCount(Btc));
    }

    [Fact]
    public void Submit_accepted_partial_filled_gives_the_right_cumulative_values()
    {
        using var h = new EngineHarness();
        var cmd = h.Submit(Btc, quantity: 1m);

        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.Accepted));
        Assert.Equal(OrderStatus.Accepted, h.Order(cmd).Status);
        Assert.Equal(VenueOrderId.FromNumber(777), h.Order(cmd).VenueOrderId);

        h.Sink.OnFill(Fill(cmd, "t1", 0.3m, 100m));
        Assert.Equal(OrderStatus.PartiallyFilled, h.Order(cmd).Status);

        h.Sink.OnFill(Fill(cmd, "t2", 0.7m, 102m));
        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.Filled, filled: 1m));

        var order = h.Order(cmd);
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(1m, order.FilledQuantity.ToDecimal());
        Assert.Equal(101.4m, order.AveragePrice!.Value.ToDecimal());
        Assert.Equal(0.02m, order.Fees.ToDecimal());
        var fills = h.Of<OrderFilled>();
        Assert.Equal([0.3m, 1m], fills.Select(f => f.FilledQuantity.ToDecimal()));
        Assert.Equal([0.7m, 0m], fills.Select(f => f.LeavesQuantity.ToDecimal()));
        Assert.Single(h.Of<OrderAccepted>());
        Assert.Equal(0, h.Store.TotalOpenOrderCount);
        Assert.Equal(2, h.Of<FillReport>().Count);
        Assert.Equal(2, h.Of<OrderStatusReport>().Count);
    }

    [Fact]
    public void Duplicate_and_swapped_fills_are_counted_once()
    {
        using var h = new EngineHarness();
        var cmd = h.Submit(Btc, quantity: 1m);

        // The second fill, then the first, both before the acknowledgement; then the first again.
        h.Sink.OnFill(Fill(cmd, "t2", 0.4m, 101m));
        h.Sink.OnFill(Fill(cmd, "t1", 0.6m, 100m));
        h.Sink.OnFill(Fill(cmd, "t1", 0.6m, 100m));
        h.Sink.OnFill(Fill(cmd, "t2", 0.4m, 101m));
        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.Accepted));

        var order = h.Order(cmd);
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(1m, order.FilledQuantity.ToDecimal());
        Assert.Equal(100.4m, order.AveragePrice!.Value.ToDecimal());
        Assert.Equal(2, h.Of<OrderFilled>().Count);
        Assert.Equal(2, h.Of<FillReport>().Count);
        Assert.Equal(2, h.Engine.DuplicateFills);
        Assert.Equal(1, h.Engine.StaleReports);
        Assert.Single(h.Of<OrderAccepted>());
    }

    [Fact]
    public void A_late_accepted_after_filled_is_ignored_and_counted()
    {
        using var h = new EngineHarness();
        var cmd = h.Submit(Btc, quantity: 1m);
        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.Accepted));
        h.Sink.OnFill(Fill(cmd, "t1", 1m, 100m));
        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.Filled, filled: 1m));

        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.Accepted));
        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.PartiallyFilled, filled: 0.5m));

        Assert.Equal(OrderStatus.Filled, h.Order(cmd).Status);
        Assert.Equal(3, h.Engine.StaleReports); // the Filled report itself came after the fill had filled the order: nothing new either
        Assert.Single(h.Of<OrderAccepted>());
    }

    [Fact]
    public void A_report_with_a_lower_filled_quantity_is_stale()
    {
        using var h = new EngineHarness();
        var cmd = h.Submit(Btc, quantity: 2m);
        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.Accepted));
        h.Sink.OnFill(Fill(cmd, "t1", 1m, 100m));

        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.PartiallyFilled, filled: 0.5m));

        Assert.Equal(OrderStatus.PartiallyFilled, h.Order(cmd).Status);
        Assert.Equal(1m, h.Order(cmd).FilledQuantity.ToDecimal());
        Assert.Equal(1, h.Engine.StaleReports);
    }

    [Fact]
    public void A_venue_refusal_rejects_the_order_with_the_venues_code_and_reason()
    {
        using var h = new EngineHarness();
        var cmd = h.Submit(Btc);

        h.Sink.OnCommandFailed(new VenueCommandFailure
        {
            Command = TradingCommandKind.Submit,
            ClientOrderId = cmd.ClientOrderId,
            Instrument = Btc,
            Code = "-2019",
            Reason = "Margin is insufficient.",
        });

        Assert.Equal(OrderStatus.Rejected, h.Order(cmd).Status);
        var rejected = Assert.Single(h.Of<OrderRejected>());
        Assert.Equal(("-2019", "Margin is insufficient."), (rejected.Code, rejected.Reason));
        Assert.Equal(0, h.Store.TotalOpenOrderCount);
    }

    [Fact]
    public void An_order_for_a_venue_without_a_client_is_rejected_with_a_reason_and_never_sent()
    {
        using var h = new EngineHarness();

        var cmd = h.Submit(GateBtc);

        var rejected = Assert.Single(h.Of<OrderRejected>());
        Assert.Equal("no execution client for venue GATEIO (instrument BTC_USDT-PERP.GATEIO)", rejected.Reason);
        Assert.Equal(OrderStatus.Rejected, h.Order(cmd).Status);
        Assert.Empty(h.Binance.Submits);
        Assert.Empty(h.Okx.Submits);
        Assert.Empty(h.Of<OrderSubmitted>());
    }

    [Fact]
    public void A_reused_client_order_id_is_rejected_and_not_sent()
    {
        using var h = new EngineHarness();
        var cmd = h.Submit(Btc);

        h.Engine.Execute(RiskApprovals.Unchecked(cmd));

        Assert.Single(h.Binance.Submits);
        Assert.Contains("already used", Assert.Single(h.Of<OrderRejected>()).Reason, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Submitted, h.Order(cmd).Status);
    }

    [Fact]
    public void A_submit_without_an_id_gets_one_from_the_generator()
    {
        using var h = new EngineHarness();
        var cmd = new SubmitOrder
        {
            ClientOrderId = default,
            Instrument = Btc,
            Side = OrderSide.Sell,
            Type = OrderType.Market,
            Quantity = Quantity.FromDecimal(1m, 3),
        };

        h.Engine.Execute(RiskApprovals.Unchecked(cmd));

        var sent = Assert.Single(h.Binance.Submits);
        Assert.True(h.Ids.IsOurs(sent.ClientOrderId));
        Assert.True(h.Store.Contains(sent.ClientOrderId));
    }

    [Fact]
    public void A_cancel_goes_pending_and_a_refused_cancel_returns_the_order_to_where_it_was()
    {
        using var h = new EngineHarness();
        var cmd = h.Submit(Btc, quantity: 2m);
        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.Accepted));
        h.Sink.OnFill(Fill(cmd, "t1", 1m, 100m));

        h.Execute(new CancelOrder { ClientOrderId = cmd.ClientOrderId, Instrument = Btc });

        Assert.Equal(OrderStatus.PendingCancel, h.Order(cmd).Status);
        Assert.Single(h.Of<OrderPendingCancel>());
        Assert.Equal(VenueOrderId.FromNumber(777), Assert.Single(h.Binance.Cancels).VenueOrderId);

        h.Sink.OnCommandFailed(new VenueCommandFailure { Command = TradingCommandKind.Cancel, ClientOrderId = cmd.ClientOrderId, Instrument = Btc, Code = "-2011", Reason = "Unknown order sent." });

        Assert.Equal(OrderStatus.PartiallyFilled, h.Order(cmd).Status);
        Assert.Equal("Unknown order sent.", Assert.Single(h.Of<OrderModifyRejected>()).Reason);

        h.Execute(new CancelOrder { ClientOrderId = cmd.ClientOrderId, Instrument = Btc });
        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.Canceled, filled: 1m));

        Assert.Equal(OrderStatus.Canceled, h.Order(cmd).Status);
        Assert.Single(h.Of<OrderCanceled>());
        Assert.Equal(0, h.Store.TotalOpenOrderCount);
    }

    [Fact]
    public void A_fill_while_a_cancel_is_pending_is_counted_and_a_refusal_returns_to_partially_filled()
    {
        using var h = new EngineHarness();
        var cmd = h.Submit(Btc, quantity: 2m);
        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.Accepted));
        h.Execute(new CancelOrder { ClientOrderId = cmd.ClientOrderId, Instrument = Btc });

        h.Sink.OnFill(Fill(cmd, "t1", 0.5m, 100m));
        Assert.Equal(OrderStatus.PendingCancel, h.Order(cmd).Status);

        h.Sink.OnCommandFailed(new VenueCommandFailure { Command = TradingCommandKind.Cancel, ClientOrderId = cmd.ClientOrderId, Instrument = Btc, Reason = "busy" });

        Assert.Equal(OrderStatus.PartiallyFilled, h.Order(cmd).Status);
    }

    [Fact]
    public void Canceling_a_finished_or_unknown_order_is_refused_with_a_reason()
    {
        using var h = new EngineHarness();
        var cmd = h.Submit(Btc);
        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.Canceled));

        h.Execute(new CancelOrder { ClientOrderId = cmd.ClientOrderId, Instrument = Btc });
        h.Execute(new CancelOrder { ClientOrderId = ClientOrderId.Parse("nope"), Instrument = Btc });

        Assert.Equal(
            [$"order {cmd.ClientOrderId} is already Canceled", "order nope is not known to the engine"],
            h.Of<OrderModifyRejected>().Select(r => r.Reason));
        Assert.Empty(h.Binance.Cancels);
    }

    [Fact]
    public void A_replace_goes_pending_and_completes_when_the_venue_shows_the_new_values()
    {
        using var h = new EngineHarness();
        var cmd = h.Submit(Btc, quantity: 1m, price: 100m);
        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.Accepted));

        h.Execute(new ReplaceOrder { ClientOrderId = cmd.ClientOrderId, Instrument = Btc, Quantity = Quantity.FromDecimal(2m, 3), Price = Price.FromDecimal(99m, 1) });

        Assert.Equal(OrderStatus.PendingReplace, h.Order(cmd).Status);
        var sent = Assert.Single(h.Binance.Replaces);
        Assert.Equal(VenueOrderId.FromNumber(777), sent.VenueOrderId);
        Assert.True(h.Ids.IsOurs(sent.NewClientOrderId));

        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.Accepted, quantity: 2m, price: 99m));

        var order = h.Order(cmd);
        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Equal(2m, order.Quantity.ToDecimal());
        Assert.Equal(99m, order.Price!.Value.ToDecimal());
        var replaced = Assert.Single(h.Of<OrderReplaced>());
        Assert.Equal(2m, replaced.Quantity.ToDecimal());
    }

    [Fact]
    public void A_refused_replace_keeps_the_old_values()
    {
        using var h = new EngineHarness();
        var cmd = h.Submit(Btc, quantity: 1m, price: 100m);
        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.Accepted));
        h.Execute(new ReplaceOrder { ClientOrderId = cmd.ClientOrderId, Instrument = Btc, Price = Price.FromDecimal(99m, 1) });

        h.Sink.OnCommandFailed(new VenueCommandFailure { Command = TradingCommandKind.Replace, ClientOrderId = cmd.ClientOrderId, Instrument = Btc, Code = "-5027", Reason = "No need to modify the order." });

        Assert.Equal(OrderStatus.Accepted, h.Order(cmd).Status);
        Assert.Equal(100m, h.Order(cmd).Price!.Value.ToDecimal());
        Assert.Equal("-5027", Assert.Single(h.Of<OrderModifyRejected>()).Code);
    }

    [Fact]
    public void Cancel_all_routes_to_every_venue_or_to_the_instruments_venue()
    {
        using var h = new EngineHarness();

        h.Execute(new CancelAllOrders { Origin = "kill-switch" });
        Assert.Single(h.Binance.CancelAlls);
        Assert.Single(h.Okx.CancelAlls);

        h.Execute(new CancelAllOrders { Instrument = OkxBtc });
        Assert.Single(h.Binance.CancelAlls);
        Assert.Equal(2, h.Okx.CancelAlls.Count);
        Assert.Equal(OkxBtc, h.Okx.CancelAlls.Last().Instrument);

        h.Execute(new CancelAllOrders { Instrument = GateBtc });
        Assert.Equal("no execution client for venue GATEIO (instrument BTC_USDT-PERP.GATEIO)", Assert.Single(h.Of<OrderModifyRejected>()).Reason);
    }

    [Fact]
    public async Task An_unknown_submit_outcome_is_resolved_by_query_and_the_order_is_not_sent_again()
    {
        using var h = new EngineHarness(new ExecutionEngineOptions { UnknownFateGrace = TimeSpan.FromSeconds(1), UnknownFateRetryInterval = TimeSpan.Zero });
        var cmd = h.Submit(Btc);
        h.Binance.KnownOrders[cmd.ClientOrderId] = Status(cmd, OrderStatus.Accepted, venueId: 4242);
        var accepted = h.Next<OrderAccepted>();

        h.Sink.OnCommandFailed(new VenueCommandFailure { Command = TradingCommandKind.Submit, ClientOrderId = cmd.ClientOrderId, Instrument = Btc, FateUnknown = true, Reason = "timeout" });
        Assert.Empty(h.Binance.Queries); // waits its grace period first
        h.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(VenueOrderId.FromNumber(4242), (await accepted).VenueOrderId);
        Assert.Equal(OrderStatus.Accepted, h.Order(cmd).Status);
        Assert.Single(h.Binance.Submits);
        Assert.Single(h.Binance.Queries);
        Assert.Equal(1, h.Engine.UnknownFatesResolved);
    }

    [Fact]
    public async Task An_unknown_submit_the_venue_never_heard_of_is_rejected_after_retries_and_never_resubmitted()
    {
        using var h = new EngineHarness(new ExecutionEngineOptions { UnknownFateGrace = TimeSpan.FromSeconds(1), UnknownFateRetryInterval = TimeSpan.Zero, UnknownFateQueryAttempts = 3 });
        var cmd = h.Submit(Btc);
        var rejected = h.Next<OrderRejected>();

        h.Sink.OnCommandFailed(new VenueCommandFailure { Command = TradingCommandKind.Submit, ClientOrderId = cmd.ClientOrderId, Instrument = Btc, FateUnknown = true, Reason = "connection reset" });
        h.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(ExecutionEngine.NotFoundAfterUnknownOutcome, (await rejected).Reason);
        Assert.Equal(OrderStatus.Rejected, h.Order(cmd).Status);
        Assert.Equal(3, h.Binance.Queries.Count);
        Assert.Single(h.Binance.Submits);
        Assert.Equal(1, h.Engine.NotFoundAfterUnknownFate);
    }

    [Fact]
    public async Task An_unknown_cancel_outcome_with_the_order_still_working_returns_it_to_accepted()
    {
        using var h = new EngineHarness(new ExecutionEngineOptions { UnknownFateGrace = TimeSpan.FromSeconds(1), UnknownFateRetryInterval = TimeSpan.Zero });
        var cmd = h.Submit(Btc);
        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.Accepted));
        h.Execute(new CancelOrder { ClientOrderId = cmd.ClientOrderId, Instrument = Btc });
        h.Binance.KnownOrders[cmd.ClientOrderId] = Status(cmd, OrderStatus.Accepted);
        var refused = h.Next<OrderModifyRejected>();

        h.Sink.OnCommandFailed(new VenueCommandFailure { Command = TradingCommandKind.Cancel, ClientOrderId = cmd.ClientOrderId, Instrument = Btc, FateUnknown = true, Reason = "timeout" });
        h.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Contains("still lists the order as Accepted", (await refused).Reason, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Accepted, h.Order(cmd).Status);
        Assert.Single(h.Binance.Cancels);
    }

    [Fact]
    public void A_replace_by_cancel_and_resubmit_tracks_the_new_order_under_its_new_id()
    {
        using var h = new EngineHarness();
        var cmd = h.Submit(Btc, quantity: 1m, price: 100m);
        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.Accepted, venueId: 1));
        h.Execute(new ReplaceOrder { ClientOrderId = cmd.ClientOrderId, Instrument = Btc, Price = Price.FromDecimal(98m, 1) });
        var newId = Assert.Single(h.Binance.Replaces).NewClientOrderId;

        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.Canceled, venueId: 1));
        h.Sink.OnOrderStatus(Status(cmd with { ClientOrderId = newId }, OrderStatus.Accepted, venueId: 2, price: 98m));

        Assert.Equal(OrderStatus.Canceled, h.Order(cmd).Status);
        Assert.True(h.Store.TryGet(newId, out var replacement));
        Assert.False(replacement.IsExternal);
        Assert.Equal(OrderStatus.Accepted, replacement.Status);
        Assert.Equal(newId, Assert.Single(h.Of<OrderReplaced>()).ClientOrderId);
        Assert.Equal(1, h.Store.OpenOrderCount(Btc));
    }

    [Fact]
    public async Task A_client_that_throws_on_submit_is_treated_as_an_unknown_outcome()
    {
        using var h = new EngineHarness(new ExecutionEngineOptions { UnknownFateGrace = TimeSpan.FromSeconds(1), UnknownFateRetryInterval = TimeSpan.Zero });
        h.Binance.OnSubmit = _ => Task.FromException(new InvalidOperationException("socket closed"));
        var cmd = h.Submit(Btc);
        h.Binance.KnownOrders[cmd.ClientOrderId] = Status(cmd, OrderStatus.Filled, filled: 1m);
        var report = h.Next<OrderStatusReport>();

        h.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(OrderStatus.Filled, (await report).Status);
        Assert.Equal(OrderStatus.Filled, h.Order(cmd).Status);
        Assert.Equal(1, h.Engine.ClientFaults);
        Assert.Single(h.Binance.Submits);
    }

    [Fact]
    public async Task A_reconnect_reconciles_and_finds_an_order_filled_while_disconnected()
    {
        using var h = new EngineHarness();
        var cmd = h.Submit(Btc, quantity: 1m);
        h.Sink.OnOrderStatus(Status(cmd, OrderStatus.Accepted));
        h.Sink.OnFill(Fill(cmd, "t1", 0.4m, 100m, tradeTime: 5_000_000_000_000));
        h.Binance.State = new ExecutionStateSnapshot
        {
            OpenOrders = [],
            Fills = [Fill(cmd, "t1", 0.4m, 100m), Fill(cmd, "t2", 0.6m, 101m)],
            Balances = [new BalanceReport { Venue = Venue.Binance, Account = "other", Asset = "USDT", Total = 1000m, Free = 900m }],
            Positions = [new PositionStatusReport { Instrument = Btc, Quantity = 1m, EntryPrice = 100.6m }],
        };
        h.Binance.KnownOrders[cmd.ClientOrderId] = Status(cmd, OrderStatus.Filled, filled: 1m);
        var done = h.Next<ReconciliationCompleted>();

        h.Sink.OnConnectionChanged(new ExecutionConnectionChanged { Venue = Venue.Binance, Account = "test", Connected = false, Reason = "socket closed" });
        Assert.Empty(h.Of<ReconciliationCompleted>());
        h.Sink.OnConnectionChanged(new ExecutionConnectionChanged { Venue = Venue.Binance, Account = "test", Connected = true, Reconnected = true });

        var summary = await done;
        var order = h.Order(cmd);
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(1m, order.FilledQuantity.ToDecimal());
        Assert.Equal(100.6m, order.AveragePrice!.Value.ToDecimal());
        Assert.Equal(2, h.Of<OrderFilled>().Count);
        Assert.Equal((2, 1, 0), (summary.Fills, summary.NewFills, summary.OrdersQueried));
        Assert.Equal(5_000_000_000_000 - (long)TimeSpan.FromMinutes(5).TotalNanoseconds, h.Binance.LastFillsSince);
        var balance = Assert.Single(h.Of<BalanceReport>());
        Assert.True(balance.IsSnapshot); // the portfolio takes reconciliation's figures as the truth
        Assert.Equal("test", balance.Account); // of the account reconciled, whatever the client wrote
        Assert.True(Assert.Single(h.Of<PositionStatusReport>()).IsSnapshot);
        Assert.Single(h.Binance.Submits);
    }

    [Fact]
    public async Task A_connection_lost_between_submit_and_ack_is_healed_by_reconciliation_without_a_second_submit()
    {
        using var h = new EngineHarness();
        var cmd = h.Submit(Btc);
        h.Sink.OnConnectionChanged(new ExecutionConnectionChanged { Venue = Venue.Binance, Account = "test", Connected = false });
        h.Binance.State = new ExecutionStateSnapshot { OpenOrders = [Status(cmd, OrderStatus.Accepted, venueId: 31)], Fills = [], Balances = [], Positions = [] };
        var done = h.Next<ReconciliationCompleted>();

        h.Sink.OnConnectionChanged(new ExecutionConnectionChanged { Venue = Venue.Binance, Account = "test", Connected = true });

        var summary = await done;
        Assert.Equal((1, 0, 0), (summary.OpenOrders, summary.AdoptedOrders, summary.OrdersQueried));
        Assert.Equal(OrderStatus.Accepted, h.Order(cmd).Status);
        Assert.Equal(VenueOrderId.FromNumber(31), h.Order(cmd).VenueOrderId);
        Assert.Single(h.Of<OrderAccepted>());
        Assert.Single(h.Binance.Submits);
    }

    [Fact]
    public async Task Reconciliation_leaves_a_just_sent_order_to_its_reply_and_rejects_an_old_one_the_venue_never_saw()
    {
        using var h = new EngineHarness(new ExecutionEngineOptions { InFlightGrace = TimeSpan.FromSeconds(5) });
        var old = h.Submit(Btc);
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        var fresh = h.Submit(Btc);

        var summary = Assert.Single(await h.Engine.ReconcileAsync(Venue.Binance, TestContext.Current.CancellationToken));

        Assert.Equal([old.ClientOrderId], h.Binance.Queries);
        Assert.Equal((1, 1), (summary.OrdersQueried, summary.OrdersNotFound));
        Assert.Equal(OrderStatus.Rejected, h.Order(old).Status);
        Assert.Equal(OrderStatus.Submitted, h.Order(fresh).Status);
        Assert.Equal(2, h.Binance.Submits.Count);
    }

    [Fact]
    public async Task Start_connects_every_client_to_the_sink_and_reconciles_each_venue()
    {
        using var h = new EngineHarness();

        await h.Engine.StartAsync(TestContext.Current.CancellationToken);

        Assert.Same(h.Engine.ReportSink, h.Binance.Sink);
        Assert.Same(h.Engine.ReportSink, h.Okx.Sink);
        Assert.Equal([Venue.Binance, Venue.Okx], h.Of<ReconciliationCompleted>().Select(r => r.Venue));
        var lookback = h.Clock.GetUtcNow().AddHours(-24).ToUnixTimeMilliseconds() * 1_000_000;
        Assert.Equal(lookback, h.Binance.LastFillsSince);
    }

    [Fact]
    public async Task Reconciliation_queries_a_working_order_the_venue_no_longer_lists()
    {
        using var h = new EngineHarness();
        var canceled = h.Submit(Btc);
        var gone = h.Submit(Btc);
        h.Sink.OnOrderStatus(Status(canceled, OrderStatus.Accepted, venueId: 1));
        h.Sink.OnOrderStatus(Status(gone, OrderStatus.Accepted, venueId: 2));
        h.Binance.KnownOrders[canceled.ClientOrderId] = Status(canceled, OrderStatus.Canceled, venueId: 1);

        var summary = Assert.Single(await h.Engine.ReconcileAsync(Venue.Binance, TestContext.Current.CancellationToken));

        Assert.Equal(OrderStatus.Canceled, h.Order(canceled).Status);
        Assert.Equal(OrderStatus.Canceled, h.Order(gone).Status); // the venue forgot it: no longer working
        Assert.Equal((2, 1), (summary.OrdersQueried, summary.OrdersNotFound));
        Assert.Equal(2, h.Of<OrderCanceled>().Count);
        Assert.Equal(0, h.Store.TotalOpenOrderCount);
    }

    [Fact]
    public async Task Reconciliation_adopts_external_orders_and_recovers_our_ids_from_before_a_restart()
    {
        using var h = new EngineHarness();
        var earlier = new ClientOrderIdGenerator(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(h.Clock.GetUtcNow().AddHours(1))); // the previous run's clock was ahead
        var oursBefore = earlier.Next();
        var byHand = ClientOrderId.Parse("web_a1b2c3d4");
        OrderStatusReport Open(ClientOrderId id, long venueId) => new()
        {
            Instrument = Btc,
            ClientOrderId = id,
            VenueOrderId = VenueOrderId.FromNumber(venueId),
            Side = OrderSide.Sell,
            Type = OrderType.Limit,
            Status = OrderStatus.PartiallyFilled,
            Quantity = Quantity.FromDecimal(2m, 3),
            FilledQuantity = Quantity.FromDecimal(0.5m, 3),
            Price = Price.FromDecimal(110m, 1),
            AveragePrice = Price.FromDecimal(110m, 1),
        };
        h.Binance.State = new ExecutionStateSnapshot { OpenOrders = [Open(oursBefore, 10), Open(byHand, 11)], Fills = [], Balances = [], Positions = [] };

        var summary = Assert.Single(await h.Engine.ReconcileAsync(Venue.Binance, TestContext.Current.CancellationToken));

        Assert.Equal((2, 2), (summary.OpenOrders, summary.AdoptedOrders));
        Assert.False(h.Store.TryGet(oursBefore, out var ours) && ours.IsExternal);
        Assert.True(h.Store.TryGet(byHand, out var external) && external.IsExternal);
        Assert.Equal(1.5m, external.LeavesQuantity.ToDecimal());
        Assert.Equal(OrderStatus.PartiallyFilled, external.Status);
        Assert.Equal(2, h.Store.OpenOrderCount(Btc));
        Assert.Equal(2, h.Of<OrderStatusReport>().Count);
        Assert.NotEqual(oursBefore, h.Ids.Next());
        Assert.Equal(earlier.Epoch, h.Ids.Epoch);
    }

    [Fact]
    public void An_order_placed_by_hand_can_be_canceled_and_its_fills_are_counted()
    {
        using var h = new EngineHarness();
        var report = new OrderStatusReport
        {
            Instrument = Btc,
            ClientOrderId = default,
            VenueOrderId = VenueOrderId.FromNumber(99),
            Side = OrderSide.Buy,
            Type = OrderType.Limit,
            Status = OrderStatus.Accepted,
            Quantity = Quantity.FromDecimal(1m, 3),
            FilledQuantity = Quantity.FromDecimal(0m, 3),
        };

        h.Sink.OnOrderStatus(report);

        Assert.True(h.Store.TryGetByVenueOrderId(Btc, VenueOrderId.FromNumber(99), out var order));
        Assert.True(order.IsExternal);
        Assert.Equal("x99", order.ClientOrderId.ToString());

        h.Sink.OnFill(new FillReport
        {
            Instrument = Btc,
            ClientOrderId = default,
            VenueOrderId = VenueOrderId.FromNumber(99),
            TradeId = "t9",
            Side = OrderSide.Buy,
            Price = Price.FromDecimal(100m, 1),
            Quantity = Quantity.FromDecimal(1m, 3),
            Fee = Money.FromDecimal(0m, 2),
            FeeAsset = "USDT",
        });

        Assert.Equal(OrderStatus.Filled, order.Status);
    }

    [Fact]
    public void An_adopted_order_does_not_count_again_a_fill_inside_the_venues_cumulative_figure()
    {
        using var h = new EngineHarness();
        var byHand = new SubmitOrder { ClientOrderId = ClientOrderId.Parse("web_1"), Instrument = Btc, Side = OrderSide.Buy, Type = OrderType.Limit, Quantity = Quantity.FromDecimal(2m, 3), Price = Price.FromDecimal(100m, 1) };
        var early = Fill(byHand, "t1", 0.5m, 100m, tradeTime: 1_000);
        h.Sink.OnFill(early); // before the engine knows the order: published as a foreign fill
        h.Sink.OnOrderStatus(Status(byHand, OrderStatus.PartiallyFilled, filled: 1m) with { UpdateTime = 2_000 });

        h.Sink.OnFill(early); // again, now that the order is adopted
        h.Sink.OnFill(Fill(byHand, "t2", 0.5m, 100m, tradeTime: 1_500)); // executed before the adoption figure, delivered late
        h.Sink.OnFill(Fill(byHand, "t3", 0.25m, 100m, tradeTime: 3_000));

        Assert.True(h.Store.TryGet(byHand.ClientOrderId, out var order) && order.IsExternal);
        Assert.Equal(1.25m, order.FilledQuantity.ToDecimal());
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        Assert.Equal(2, h.Engine.DuplicateFills);
        Assert.Equal(["t3"], h.Of<OrderFilled>().Select(f => f.TradeId));
    }

    [Fact]
    public void Reports_are_applied_on_the_engine_thread_only_when_the_loop_runs()
    {
        using var loop = new EngineLoop(new FlowSightOptions { EventBufferSize = 1_024, WaitStrategy = WaitStrategyKind.Blocking });
        var store = new OrderStore();
        using var engine = new ExecutionEngine(loop, store, new ClientOrderIdGenerator(), new ExecutionEngineOptions { CallClientsInline = true });
        var client = new RecordingExecutionClient(Venue.Binance, Btc);
        engine.AddClient(client);
        var cmd = new SubmitOrder { ClientOrderId = ClientOrderId.Parse("T1"), Instrument = Btc, Side = OrderSide.Buy, Type = OrderType.Limit, Quantity = Quantity.FromDecimal(1m, 3), Price = Price.FromDecimal(100m, 1) };
        engine.Execute(RiskApprovals.Unchecked(cmd));

        var fill = Fill(cmd, "t1", 1m, 100m);
        var worker = new Thread(() =>
        {
            engine.ReportSink.OnOrderStatus(Status(cmd, OrderStatus.Accepted));
            engine.ReportSink.OnFill(fill);
            engine.ReportSink.OnFill(fill);
        });
        worker.Start();
        Assert.True(worker.Join(TimeSpan.FromSeconds(10)));

        Assert.True(store.TryGet(cmd.ClientOrderId, out var order));
        Assert.Equal(OrderStatus.Submitted, order.Status); // nothing applied off the engine thread
        loop.RunPending();
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(1, engine.DuplicateFills);
    }
}
