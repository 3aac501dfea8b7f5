using FlowSight.Core;
using FlowSight.Engine.Execution;
using FlowSight.Engine.Orders;
using Xunit;
using static FlowSight.Engine.Tests.Execution.EngineHarness;

namespace FlowSight.Engine.Tests.Execution;

/// <summary>Several clients on one venue (Binance USDⓈ-M and spot): commands, reconciliation and connections by instrument and account.</summary>
public sealed class ExecutionRoutingTests
{
    private static readonly InstrumentId BtcSpot = InstrumentId.Of("BTCUSDT", Venue.Binance);
    private static readonly InstrumentId EthPerp = InstrumentId.Of("ETHUSDT-PERP", Venue.Binance);

    [Fact]
    public void Two_clients_on_one_venue_each_get_the_commands_of_their_own_instruments()
    {
        using var h = new EngineHarness();
        var spot = AddSpot(h);

        var perpOrder = h.Submit(Btc);
        var spotOrder = h.Submit(BtcSpot);
        h.Sink.OnOrderStatus(Status(perpOrder, OrderStatus.Accepted, venueId: 1));
        h.Sink.OnOrderStatus(Status(spotOrder, OrderStatus.Accepted, venueId: 2));
        h.Execute(new ReplaceOrder { ClientOrderId = spotOrder.ClientOrderId, Instrument = BtcSpot, Quantity = Quantity.FromDecimal(2m, 3) });
        h.Execute(new CancelOrder { ClientOrderId = perpOrder.ClientOrderId, Instrument = Btc });
        h.Execute(new CancelAllOrders { Instrument = BtcSpot });

        Assert.Equal([perpOrder.ClientOrderId], h.Binance.Submits.Select(s => s.ClientOrderId));
        Assert.Equal([spotOrder.ClientOrderId], spot.Submits.Select(s => s.ClientOrderId));
        Assert.Equal([perpOrder.ClientOrderId], h.Binance.Cancels.Select(c => c.ClientOrderId));
        Assert.Empty(spot.Cancels);
        Assert.Equal([spotOrder.ClientOrderId], spot.Replaces.Select(r => r.ClientOrderId));
        Assert.Empty(h.Binance.Replaces);
        Assert.Equal(BtcSpot, Assert.Single(spot.CancelAlls).Instrument);
        Assert.Empty(h.Binance.CancelAlls);

        h.Execute(new CancelAllOrders { Origin = "kill-switch" }); // every instrument: every client of every venue

        Assert.Equal(2, spot.CancelAlls.Count);
        Assert.Single(h.Binance.CancelAlls);
        Assert.Single(h.Okx.CancelAlls);
        Assert.Empty(h.Okx.Submits);
    }

    [Fact]
    public async Task Reconciliation_of_one_account_neither_queries_nor_cancels_the_other_accounts_orders()
    {
        using var h = new EngineHarness();
        var spot = AddSpot(h);
        var perpOrder = h.Submit(Btc);
        var spotOrder = h.Submit(BtcSpot);
        h.Sink.OnOrderStatus(Status(perpOrder, OrderStatus.Accepted, venueId: 1));
        h.Sink.OnOrderStatus(Status(spotOrder, OrderStatus.Accepted, venueId: 2));
        h.Sink.OnFill(Fill(spotOrder, "s1", 0.5m, 100m, venueId: 2, tradeTime: 5_000_000_000_000));

        // The spot account lists nothing: its order is queried (unknown: canceled); the USDⓈ-M order is not its business.
        var summary = await h.Engine.ReconcileAsync(Venue.Binance, "spot", TestContext.Current.CancellationToken);

        Assert.Equal(("spot", 1, 1), (summary.Account, summary.OrdersQueried, summary.OrdersNotFound));
        Assert.Equal([spotOrder.ClientOrderId], spot.Queries);
        Assert.Empty(h.Binance.Queries);
        Assert.Equal(OrderStatus.Canceled, h.Order(spotOrder).Status);
        Assert.Equal(OrderStatus.Accepted, h.Order(perpOrder).Status);
        Assert.Equal(5_000_000_000_000 - (long)TimeSpan.FromMinutes(5).TotalNanoseconds, spot.LastFillsSince);

        // The venue-wide overload reconciles each account once, the USDⓈ-M one from its own (empty) fill history.
        h.Binance.State = new ExecutionStateSnapshot { OpenOrders = [Status(perpOrder, OrderStatus.Accepted, venueId: 1)], Fills = [], Balances = [], Positions = [] };
        var summaries = await h.Engine.ReconcileAsync(Venue.Binance, TestContext.Current.CancellationToken);

        Assert.Equal(["test", "spot"], summaries.Select(s => s.Account));
        Assert.Equal(0, summaries[0].OrdersQueried);
        Assert.Empty(h.Binance.Queries);
        Assert.Equal(OrderStatus.Accepted, h.Order(perpOrder).Status);
        var lookback = h.Clock.GetUtcNow().AddHours(-24).ToUnixTimeMilliseconds() * 1_000_000;
        Assert.Equal(lookback, h.Binance.LastFillsSince);
        Assert.Empty(h.Okx.Queries);
    }

    [Fact]
    public async Task A_connection_loss_of_one_account_reconciles_that_account_only()
    {
        using var h = new EngineHarness();
        var spot = AddSpot(h);
        var perpOrder = h.Submit(Btc);
        var spotOrder = h.Submit(BtcSpot);
        h.Sink.OnOrderStatus(Status(perpOrder, OrderStatus.Accepted, venueId: 1));
        h.Sink.OnOrderStatus(Status(spotOrder, OrderStatus.Accepted, venueId: 2));
        spot.State = new ExecutionStateSnapshot { OpenOrders = [Status(spotOrder, OrderStatus.Accepted, venueId: 2)], Fills = [], Balances = [], Positions = [] };
        var done = h.Next<ReconciliationCompleted>();

        h.Sink.OnConnectionChanged(new ExecutionConnectionChanged { Venue = Venue.Binance, Account = "spot", Connected = false, Reason = "socket closed" });
        h.Sink.OnConnectionChanged(new ExecutionConnectionChanged { Venue = Venue.Binance, Account = "test", Connected = true }); // never lost: nothing to do
        var perpAfterLoss = h.Submit(Btc);
        h.Sink.OnConnectionChanged(new ExecutionConnectionChanged { Venue = Venue.Binance, Account = "spot", Connected = true });

        var summary = await done;
        Assert.Equal((Venue.Binance, "spot", 1), (summary.Venue, summary.Account, summary.OpenOrders));
        Assert.Equal(0L, h.Binance.LastFillsSince); // the USDⓈ-M account was never asked for its state
        Assert.Empty(h.Binance.Queries);
        Assert.Equal([perpOrder.ClientOrderId, perpAfterLoss.ClientOrderId], h.Binance.Submits.Select(s => s.ClientOrderId));
        Assert.Equal(OrderStatus.Accepted, h.Order(perpOrder).Status);
        Assert.Equal(OrderStatus.Accepted, h.Order(spotOrder).Status);
        Assert.Equal(["spot"], h.Of<ReconciliationCompleted>().Select(r => r.Account));
    }

    [Fact]
    public void An_instrument_declared_by_two_clients_is_refused_naming_both_accounts()
    {
        using var h = new EngineHarness();

        var duplicate = Assert.Throws<ArgumentException>(() => h.Engine.AddClient(new RecordingExecutionClient(Venue.Binance, "second", BtcSpot, Btc)));
        Assert.Contains("BTCUSDT-PERP.BINANCE", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("account test", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("account second", duplicate.Message, StringComparison.Ordinal);

        var sameAccount = Assert.Throws<ArgumentException>(() => h.Engine.AddClient(new RecordingExecutionClient(Venue.Binance, "test", BtcSpot)));
        Assert.Contains("BINANCE account test was added already", sameAccount.Message, StringComparison.Ordinal);

        var otherVenue = Assert.Throws<ArgumentException>(() => h.Engine.AddClient(new RecordingExecutionClient(Venue.Binance, "third", OkxBtc)));
        Assert.Contains("another venue", otherVenue.Message, StringComparison.Ordinal);

        // Nothing of the refused clients was kept: the spot instrument is still free.
        var spot = AddSpot(h);
        h.Submit(BtcSpot);
        Assert.Single(spot.Submits);
    }

    [Fact]
    public void An_instrument_no_client_declares_is_rejected_with_a_clear_reason_and_never_sent()
    {
        using var h = new EngineHarness();
        var spot = AddSpot(h);

        var cmd = h.Submit(EthPerp);
        h.Execute(new CancelAllOrders { Instrument = EthPerp });

        var rejected = Assert.Single(h.Of<OrderRejected>());
        Assert.Equal("no execution client trades ETHUSDT-PERP.BINANCE: the BINANCE clients (accounts test, spot) do not declare it", rejected.Reason);
        Assert.Equal(rejected.Reason, Assert.Single(h.Of<OrderModifyRejected>()).Reason);
        Assert.Equal(OrderStatus.Rejected, h.Order(cmd).Status);
        Assert.Empty(h.Binance.Submits);
        Assert.Empty(spot.Submits);
        Assert.Empty(h.Binance.CancelAlls);
        Assert.Empty(spot.CancelAlls);
    }

    private static RecordingExecutionClient AddSpot(EngineHarness h)
    {
        var spot = new RecordingExecutionClient(Venue.Binance, "spot", BtcSpot);
        h.Engine.AddClient(spot);
        return spot;
    }
}
