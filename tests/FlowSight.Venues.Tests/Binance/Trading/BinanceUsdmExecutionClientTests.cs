using FlowSight.Core;
using FlowSight.PaperVenue.Hosting;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Trading;

/// <summary>
/// <see cref="FlowSight.Venues.Binance.Trading.BinanceExecutionClient"/> on USDⓈ-M against the real paper venue
/// (Kestrel on 127.0.0.1, paused market): every outcome is compared with what the venue itself holds.
/// </summary>
public sealed class BinanceUsdmExecutionClientTests
{
    [Fact]
    public async Task A_resting_limit_is_accepted_and_the_venue_holds_it_under_our_client_id()
    {
        await using var h = await BinanceTradingHarness.StartAsync(PaperVenueKind.BinanceUsdm);
        var (bid, _) = await h.TouchAsync();
        await h.Client.SubmitAsync(h.Limit("u-rest-1", OrderSide.Buy, 0.010m, h.Ticks(bid, -100)), TestContext.Current.CancellationToken);

        var accepted = await h.Sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.ToString() == "u-rest-1", "for the submit");
        Assert.Equal(OrderStatus.Accepted, accepted.Status);
        Assert.Equal(h.Btc.Id, accepted.Instrument);
        Assert.Equal(0.010m, accepted.Quantity.ToDecimal());
        Assert.Equal(h.Ticks(bid, -100), accepted.Price);
        var venue = await h.Host.Exchange.InvokeAsync(() => h.Host.Exchange.Orders.Orders(BinanceTradingHarness.AccountId).Single());
        Assert.Equal("u-rest-1", venue.ClientOrderId.ToString());
        Assert.Equal(venue.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture), accepted.VenueOrderId.ToString());
        Assert.Empty(h.Sink.All<VenueCommandFailure>());
    }

    [Fact]
    public async Task A_marketable_order_fills_and_the_user_stream_reports_the_fill_with_the_venues_trade_id_and_fee()
    {
        await using var h = await BinanceTradingHarness.StartAsync(PaperVenueKind.BinanceUsdm);
        var (_, ask) = await h.TouchAsync();
        await h.Client.SubmitAsync(h.Limit("u-take-1", OrderSide.Buy, 0.010m, ask), TestContext.Current.CancellationToken);

        var fill = await h.Sink.WaitAsync<FillReport>(f => f.ClientOrderId.ToString() == "u-take-1", "from the user stream");
        var filled = await h.Sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.ToString() == "u-take-1" && r.Status == OrderStatus.Filled, "FILLED");
        var truth = await h.Host.Exchange.InvokeAsync(() => h.Host.Exchange.Orders.Fills(BinanceTradingHarness.AccountId).Single());
        Assert.Equal(truth.TradeId.ToString(System.Globalization.CultureInfo.InvariantCulture), fill.TradeId);
        Assert.Equal(truth.Price, fill.Price);
        Assert.Equal(truth.Quantity, fill.Quantity);
        Assert.Equal(truth.Commission.ToDecimal(), fill.Fee.ToDecimal());
        Assert.True(fill.Fee.ToDecimal() > 0m, "a taker pays a fee");
        Assert.Equal("USDT", fill.FeeAsset);
        Assert.Equal(FillLiquidity.Taker, fill.Liquidity);
        Assert.Equal(0m, fill.VenueRealizedPnl!.Value.ToDecimal());
        Assert.Equal(0.010m, filled.FilledQuantity.ToDecimal());
    }

    [Fact]
    public async Task A_limit_larger_than_the_best_ask_fills_partially_and_rests_for_the_rest()
    {
        await using var h = await BinanceTradingHarness.StartAsync(PaperVenueKind.BinanceUsdm);
        var (_, ask) = await h.TopAsync();
        var quantity = ask.Size.ToDecimal() + 0.005m;
        await h.Client.SubmitAsync(h.Limit("u-part-1", OrderSide.Buy, quantity, ask.Price), TestContext.Current.CancellationToken);

        var partial = await h.Sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.ToString() == "u-part-1" && r.Status == OrderStatus.PartiallyFilled && r.FilledQuantity == ask.Size, "PARTIALLY_FILLED with the whole best ask");
        Assert.Equal(ask.Size.ToDecimal(), partial.FilledQuantity.ToDecimal());
        Assert.Equal(quantity, partial.Quantity.ToDecimal());
        var venue = await h.Host.Exchange.InvokeAsync(() => h.Host.Exchange.Orders.Orders(BinanceTradingHarness.AccountId).Single());
        Assert.Equal(OrderStatus.PartiallyFilled, venue.Status);
        Assert.Equal(venue.Last.CumulativeQuantity.ToDecimal(), partial.FilledQuantity.ToDecimal());
    }

    [Fact]
    public async Task Cancel_and_modify_change_the_venues_order_and_report_its_new_state()
    {
        await using var h = await BinanceTradingHarness.StartAsync(PaperVenueKind.BinanceUsdm);
        var (bid, _) = await h.TouchAsync();
        var ct = TestContext.Current.CancellationToken;
        await h.Client.SubmitAsync(h.Limit("u-mod-1", OrderSide.Buy, 0.010m, h.Ticks(bid, -100)), ct);
        await h.Client.ReplaceAsync(new ReplaceOrder { ClientOrderId = ClientOrderId.Parse("u-mod-1"), Instrument = h.Btc.Id, Quantity = Quantity.FromDecimal(0.020m, 3), Price = h.Ticks(bid, -50) }, ct);

        var modified = await h.Sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.ToString() == "u-mod-1" && r.Quantity.ToDecimal() == 0.020m, "after the modify");
        Assert.Equal(h.Ticks(bid, -50), modified.Price);
        var venue = await h.Host.Exchange.InvokeAsync(() => h.Host.Exchange.Orders.Orders(BinanceTradingHarness.AccountId).Single());
        Assert.Equal(0.020m, venue.Last.Quantity.ToDecimal());
        Assert.Equal(h.Ticks(bid, -50), venue.Last.Price);

        await h.Client.CancelAsync(new CancelOrder { ClientOrderId = ClientOrderId.Parse("u-mod-1"), Instrument = h.Btc.Id }, ct);
        await h.Sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.ToString() == "u-mod-1" && r.Status == OrderStatus.Canceled, "CANCELED");
        Assert.Equal(OrderStatus.Canceled, await h.Host.Exchange.InvokeAsync(() => h.Host.Exchange.Orders.Orders(BinanceTradingHarness.AccountId).Single().Status));
        Assert.Empty(h.Sink.All<VenueCommandFailure>());
    }

    [Fact]
    public async Task Each_refusal_of_the_venue_arrives_as_a_command_failure_with_Binances_code()
    {
        // A small wallet, so that an order within the leverage bracket still lacks margin (-2019, not -2027).
        await using var h = await BinanceTradingHarness.StartAsync(PaperVenueKind.BinanceUsdm, configure: o => o with { InitialBalances = new Dictionary<string, decimal> { ["USDT"] = 200m } });
        var (bid, ask) = await h.TouchAsync();
        var ct = TestContext.Current.CancellationToken;
        var offTick = Price.FromDecimal(bid.ToDecimal() - 100m + (h.Btc.TickSize.ToDecimal() / 2m), (byte)(h.Btc.PricePrecision + 1));

        await h.Client.SubmitAsync(h.Limit("r-tick", OrderSide.Buy, 0.010m, offTick), ct);
        await h.Client.SubmitAsync(h.Limit("r-notional", OrderSide.Buy, h.Btc.StepSize.ToDecimal(), h.Ticks(bid, -100)), ct);
        await h.Client.SubmitAsync(h.Limit("r-margin", OrderSide.Buy, 0.5m, h.Ticks(bid, -100)), ct);
        await h.Client.SubmitAsync(h.Limit("r-gtx", OrderSide.Buy, 0.010m, ask, TimeInForce.Gtx), ct);
        await h.Client.SubmitAsync(h.MarketOrder("r-reduce", OrderSide.Sell, 0.010m, reduceOnly: true), ct);
        await h.Client.CancelAsync(new CancelOrder { ClientOrderId = ClientOrderId.Parse("r-unknown"), Instrument = h.Btc.Id }, ct);

        var failures = h.Sink.All<VenueCommandFailure>().ToDictionary(f => f.ClientOrderId.ToString());
        Assert.All(failures.Values, f => Assert.False(f.FateUnknown));
        Assert.Equal("-4014", failures["r-tick"].Code);
        Assert.Equal("-4164", failures["r-notional"].Code);
        Assert.Equal("-2019", failures["r-margin"].Code);
        Assert.Equal("-5022", failures["r-gtx"].Code);
        Assert.Equal("-2022", failures["r-reduce"].Code);
        Assert.Equal("-2011", failures["r-unknown"].Code);
        Assert.Equal(TradingCommandKind.Cancel, failures["r-unknown"].Command);
        Assert.All(failures.Values, f => Assert.False(string.IsNullOrEmpty(f.Reason)));
        Assert.Equal(0, await h.Host.Exchange.InvokeAsync(() => h.Host.Exchange.Orders.Open(BinanceTradingHarness.AccountId).Count));
    }

    [Fact]
    public async Task Post_only_rests_as_GTX_and_reduce_only_closes_the_position_without_flipping_it()
    {
        await using var h = await BinanceTradingHarness.StartAsync(PaperVenueKind.BinanceUsdm);
        var (bid, _) = await h.TouchAsync();
        var ct = TestContext.Current.CancellationToken;
        await h.Client.SubmitAsync(h.Limit("u-gtx", OrderSide.Buy, 0.010m, h.Ticks(bid, -10), TimeInForce.Gtx), ct);
        var gtx = await h.Sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.ToString() == "u-gtx", "post-only");
        Assert.Equal(OrderStatus.Accepted, gtx.Status);
        Assert.Equal(TimeInForce.Gtx, gtx.TimeInForce);

        await h.Client.SubmitAsync(h.MarketOrder("u-open", OrderSide.Buy, 0.020m), ct);
        await h.Sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.ToString() == "u-open" && r.Status == OrderStatus.Filled, "open long");
        await h.Client.SubmitAsync(h.MarketOrder("u-close", OrderSide.Sell, 0.020m, reduceOnly: true), ct);
        var closed = await h.Sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.ToString() == "u-close" && r.Status == OrderStatus.Filled, "reduce-only close");
        Assert.True(closed.ReduceOnly);
        var position = await h.Host.Exchange.InvokeAsync(() => h.Host.Exchange.Accounts.GetPosition(BinanceTradingHarness.AccountId, h.VenueBtc));
        Assert.Equal(0m, position.Size.ToDecimal());
        await h.Sink.WaitAsync<PositionStatusReport>(p => p.Instrument == h.Btc.Id && p.Quantity == 0m, "ACCOUNT_UPDATE flat");
    }

    [Fact]
    public async Task QueryState_equals_the_venues_own_account_to_the_unit()
    {
        await using var h = await BinanceTradingHarness.StartAsync(PaperVenueKind.BinanceUsdm);
        var (bid, _) = await h.TouchAsync();
        var ct = TestContext.Current.CancellationToken;
        var start = FlowSight.Core.UnixNanos.Now(TimeProvider.System) - (60 * FlowSight.Core.UnixNanos.PerSecond);
        await h.Client.SubmitAsync(h.MarketOrder("s-buy", OrderSide.Buy, 0.030m), ct);
        await h.Client.SubmitAsync(h.MarketOrder("s-sell", OrderSide.Sell, 0.010m), ct);
        await h.Client.SubmitAsync(h.Limit("s-rest", OrderSide.Buy, 0.010m, h.Ticks(bid, -100)), ct);

        var state = await h.Client.QueryStateAsync(start, ct);
        var venue = await h.Host.Exchange.InvokeAsync(() => (
            Open: h.Host.Exchange.Orders.Open(BinanceTradingHarness.AccountId).Select(o => o.ClientOrderId.ToString()).ToList(),
            Fills: h.Host.Exchange.Orders.Fills(BinanceTradingHarness.AccountId).ToList(),
            Usdt: h.Host.Exchange.Accounts.GetFuturesBalance(BinanceTradingHarness.AccountId, "USDT"),
            Position: h.Host.Exchange.Accounts.GetPosition(BinanceTradingHarness.AccountId, h.VenueBtc)));

        Assert.Equal(venue.Open, state.OpenOrders.Select(o => o.ClientOrderId.ToString()));
        Assert.Equal(venue.Fills.Count, state.Fills.Count);
        foreach (var (truth, ours) in venue.Fills.Zip(state.Fills))
        {
            Assert.Equal(truth.TradeId.ToString(System.Globalization.CultureInfo.InvariantCulture), ours.TradeId);
            Assert.Equal(truth.ClientOrderId, ours.ClientOrderId);
            Assert.Equal(truth.Price, ours.Price);
            Assert.Equal(truth.Quantity, ours.Quantity);
            Assert.Equal(truth.Commission.ToDecimal(), ours.Fee.ToDecimal());
            Assert.Equal(truth.RealizedPnl.ToDecimal(), ours.VenueRealizedPnl!.Value.ToDecimal());
        }

        var usdt = state.Balances.Single(b => b.Asset == "USDT");
        Assert.Equal(venue.Usdt.WalletBalance.ToDecimal(), usdt.Total);
        Assert.Equal(venue.Usdt.AvailableBalance.ToDecimal(), usdt.Free);
        var position = state.Positions.Single();
        Assert.Equal(h.Btc.Id, position.Instrument);
        Assert.Equal(venue.Position.Size.ToDecimal(), position.Quantity);
        Assert.Equal(0.020m, position.Quantity);
        Assert.Equal(venue.Position.EntryPrice.ToDecimal(), position.EntryPrice);
        Assert.Equal(venue.Position.UnrealizedPnl.ToDecimal(), position.UnrealizedPnl);
        Assert.Equal(venue.Position.Leverage, position.Leverage);
    }

    [Fact]
    public async Task Cancel_all_by_side_then_for_the_instrument_leaves_the_venue_with_no_open_order()
    {
        await using var h = await BinanceTradingHarness.StartAsync(PaperVenueKind.BinanceUsdm);
        var (bid, ask) = await h.TouchAsync();
        var ct = TestContext.Current.CancellationToken;
        await h.Client.SubmitAsync(h.Limit("c-buy-1", OrderSide.Buy, 0.010m, h.Ticks(bid, -100)), ct);
        await h.Client.SubmitAsync(h.Limit("c-buy-2", OrderSide.Buy, 0.010m, h.Ticks(bid, -101)), ct);
        await h.Client.SubmitAsync(h.Limit("c-sell-1", OrderSide.Sell, 0.010m, h.Ticks(ask, 100)), ct);

        await h.Client.CancelAllAsync(new CancelAllOrders { Instrument = h.Btc.Id, Side = OrderSide.Buy }, ct);
        var open = await h.Host.Exchange.InvokeAsync(() => h.Host.Exchange.Orders.Open(BinanceTradingHarness.AccountId).Select(o => o.ClientOrderId.ToString()).ToList());
        Assert.Equal(["c-sell-1"], open);
        await h.Sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.ToString() == "c-buy-2" && r.Status == OrderStatus.Canceled, "side cancel");

        await h.Client.CancelAllAsync(new CancelAllOrders(), ct);
        Assert.Equal(0, await h.Host.Exchange.InvokeAsync(() => h.Host.Exchange.Orders.Open(BinanceTradingHarness.AccountId).Count));
        await h.Sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.ToString() == "c-sell-1" && r.Status == OrderStatus.Canceled, "cancel-all from the user stream");
        Assert.Empty(h.Sink.All<VenueCommandFailure>());
    }
}
