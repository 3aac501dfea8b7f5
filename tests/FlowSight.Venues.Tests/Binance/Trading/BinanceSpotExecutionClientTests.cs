using FlowSight.Core;
using FlowSight.PaperVenue.Hosting;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Trading;

/// <summary><see cref="FlowSight.Venues.Binance.Trading.BinanceExecutionClient"/> on spot against the real paper venue.</summary>
public sealed class BinanceSpotExecutionClientTests
{
    [Fact]
    public async Task Limit_fill_partial_fill_cancel_and_replace_follow_the_venue()
    {
        await using var h = await BinanceTradingHarness.StartAsync(PaperVenueKind.BinanceSpot);
        var ct = TestContext.Current.CancellationToken;
        var (bidLevel, askLevel) = await h.TopAsync();
        var bid = bidLevel.Price;

        await h.Client.SubmitAsync(h.Limit("s-rest", OrderSide.Buy, 0.010m, h.Ticks(bid, -100)), ct);
        var accepted = await h.Sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.ToString() == "s-rest", "accepted");
        Assert.Equal(OrderStatus.Accepted, accepted.Status);

        var quantity = askLevel.Size.ToDecimal() + 0.005m;
        await h.Client.SubmitAsync(h.Limit("s-part", OrderSide.Buy, quantity, askLevel.Price), ct);
        var partial = await h.Sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.ToString() == "s-part" && r.Status == OrderStatus.PartiallyFilled && r.FilledQuantity == askLevel.Size, "partially filled");
        Assert.Equal(quantity, partial.Quantity.ToDecimal());
        var fill = await h.Sink.WaitAsync<FillReport>(f => f.ClientOrderId.ToString() == "s-part", "fill");
        var truth = await h.Host.Exchange.InvokeAsync(() => h.Host.Exchange.Orders.Fills(BinanceTradingHarness.AccountId).First());
        Assert.Equal(truth.TradeId.ToString(System.Globalization.CultureInfo.InvariantCulture), fill.TradeId);
        Assert.Equal(truth.Commission.ToDecimal(), fill.Fee.ToDecimal());
        Assert.Equal(truth.CommissionAsset ?? h.Btc.QuoteAsset, fill.FeeAsset);
        Assert.True(fill.Fee.ToDecimal() > 0m);
        Assert.Null(fill.VenueRealizedPnl);

        await h.Client.CancelAsync(new CancelOrder { ClientOrderId = ClientOrderId.Parse("s-part"), Instrument = h.Btc.Id }, ct);
        await h.Sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.ToString() == "s-part" && r.Status == OrderStatus.Canceled, "canceled");

        // Spot replace = cancel + new under the new id (the paper venue, like FlowSight, does not use cancelReplace).
        await h.Client.ReplaceAsync(new ReplaceOrder { ClientOrderId = ClientOrderId.Parse("s-rest"), Instrument = h.Btc.Id, Price = h.Ticks(bid, -50), NewClientOrderId = ClientOrderId.Parse("s-rest-2") }, ct);
        await h.Sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.ToString() == "s-rest" && r.Status == OrderStatus.Canceled, "replaced order canceled");
        var replacement = await h.Sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.ToString() == "s-rest-2" && r.Status == OrderStatus.Accepted, "replacement");
        Assert.Equal(h.Ticks(bid, -50), replacement.Price);
        Assert.Equal(0.010m, replacement.Quantity.ToDecimal());
        var open = await h.Host.Exchange.InvokeAsync(() => h.Host.Exchange.Orders.Open(BinanceTradingHarness.AccountId).Select(o => o.ClientOrderId.ToString()).ToList());
        Assert.Equal(["s-rest-2"], open);
        Assert.Empty(h.Sink.All<VenueCommandFailure>());
    }

    [Fact]
    public async Task Each_refusal_arrives_with_Binances_spot_code_and_post_only_rests_as_LIMIT_MAKER()
    {
        await using var h = await BinanceTradingHarness.StartAsync(PaperVenueKind.BinanceSpot, configure: o => o with { InitialBalances = new Dictionary<string, decimal> { ["USDT"] = 200m, ["BTC"] = 1m } });
        var (bid, ask) = await h.TouchAsync();
        var ct = TestContext.Current.CancellationToken;
        var offTick = Price.FromDecimal(bid.ToDecimal() - 100m + (h.Btc.TickSize.ToDecimal() / 2m), (byte)(h.Btc.PricePrecision + 1));

        await h.Client.SubmitAsync(h.Limit("r-tick", OrderSide.Buy, 0.001m, offTick), ct);
        await h.Client.SubmitAsync(h.Limit("r-notional", OrderSide.Buy, h.Btc.StepSize.ToDecimal(), h.Ticks(bid, -100)), ct);
        await h.Client.SubmitAsync(h.Limit("r-balance", OrderSide.Buy, 0.5m, h.Ticks(bid, -100)), ct);
        await h.Client.SubmitAsync(h.Limit("r-maker", OrderSide.Buy, 0.001m, ask, TimeInForce.Gtx), ct);
        await h.Client.SubmitAsync(h.MarketOrder("r-reduce", OrderSide.Sell, 0.001m, reduceOnly: true), ct);
        await h.Client.CancelAsync(new CancelOrder { ClientOrderId = ClientOrderId.Parse("r-unknown"), Instrument = h.Btc.Id }, ct);

        var failures = h.Sink.All<VenueCommandFailure>().ToDictionary(f => f.ClientOrderId.ToString());
        Assert.All(failures.Values, f => Assert.False(f.FateUnknown));
        Assert.Equal(("-1013", "Filter failure: PRICE_FILTER"), (failures["r-tick"].Code, failures["r-tick"].Reason));
        Assert.Equal(("-1013", "Filter failure: NOTIONAL"), (failures["r-notional"].Code, failures["r-notional"].Reason));
        Assert.Equal("-2010", failures["r-balance"].Code);
        Assert.Equal(("-2010", "Order would immediately match and take."), (failures["r-maker"].Code, failures["r-maker"].Reason));
        Assert.Null(failures["r-reduce"].Code); // refused before sending: spot has no reduce-only
        Assert.Contains("reduce-only", failures["r-reduce"].Reason, StringComparison.Ordinal);
        Assert.Equal("-2011", failures["r-unknown"].Code);

        await h.Client.SubmitAsync(h.Limit("s-maker", OrderSide.Sell, 0.001m, h.Ticks(ask, 10), TimeInForce.Gtx), ct);
        var maker = await h.Sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.ToString() == "s-maker", "post-only");
        Assert.Equal((OrderStatus.Accepted, TimeInForce.Gtx), (maker.Status, maker.TimeInForce));
    }

    [Fact]
    public async Task QueryState_equals_the_venues_spot_account()
    {
        await using var h = await BinanceTradingHarness.StartAsync(PaperVenueKind.BinanceSpot);
        var (bid, _) = await h.TouchAsync();
        var ct = TestContext.Current.CancellationToken;
        await h.Client.SubmitAsync(h.MarketOrder("q-buy", OrderSide.Buy, 0.030m), ct);
        await h.Client.SubmitAsync(h.MarketOrder("q-sell", OrderSide.Sell, 0.010m), ct);
        await h.Client.SubmitAsync(h.Limit("q-rest", OrderSide.Buy, 0.010m, h.Ticks(bid, -100)), ct);

        var state = await h.Client.QueryStateAsync(UnixNanos.Now(TimeProvider.System) - (60 * UnixNanos.PerSecond), ct);
        var venue = await h.Host.Exchange.InvokeAsync(() => (
            Open: h.Host.Exchange.Orders.Open(BinanceTradingHarness.AccountId).Select(o => o.ClientOrderId.ToString()).ToList(),
            Fills: h.Host.Exchange.Orders.Fills(BinanceTradingHarness.AccountId).ToList(),
            Balances: h.Host.Exchange.Accounts.Assets.Select(a => (Asset: a, Balance: h.Host.Exchange.Accounts.GetSpotBalance(BinanceTradingHarness.AccountId, a))).Where(b => b.Balance.Total.ToDecimal() != 0m).ToList()));

        Assert.Equal(venue.Open, state.OpenOrders.Select(o => o.ClientOrderId.ToString()));
        Assert.Equal(venue.Fills.Select(f => (f.TradeId.ToString(System.Globalization.CultureInfo.InvariantCulture), f.ClientOrderId, f.Price, f.Quantity, f.Commission.ToDecimal())), state.Fills.Select(f => (f.TradeId, f.ClientOrderId, f.Price, f.Quantity, f.Fee.ToDecimal())));
        Assert.Equal(venue.Balances.Count, state.Balances.Count);
        foreach (var (asset, balance) in venue.Balances)
        {
            var ours = state.Balances.Single(b => b.Asset == asset);
            Assert.Equal((balance.Total.ToDecimal(), balance.Free.ToDecimal()), (ours.Total, ours.Free));
        }

        Assert.Empty(state.Positions);
    }

    [Fact]
    public async Task Cancel_all_reports_each_canceled_spot_order()
    {
        await using var h = await BinanceTradingHarness.StartAsync(PaperVenueKind.BinanceSpot);
        var (bid, ask) = await h.TouchAsync();
        var ct = TestContext.Current.CancellationToken;
        await h.Client.SubmitAsync(h.Limit("c-buy", OrderSide.Buy, 0.010m, h.Ticks(bid, -100)), ct);
        await h.Client.SubmitAsync(h.Limit("c-sell", OrderSide.Sell, 0.010m, h.Ticks(ask, 100)), ct);

        await h.Client.CancelAllAsync(new CancelAllOrders { Instrument = h.Btc.Id }, ct);
        Assert.Equal(0, await h.Host.Exchange.InvokeAsync(() => h.Host.Exchange.Orders.Open(BinanceTradingHarness.AccountId).Count));
        await h.Sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.ToString() == "c-buy" && r.Status == OrderStatus.Canceled, "c-buy canceled");
        await h.Sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId.ToString() == "c-sell" && r.Status == OrderStatus.Canceled, "c-sell canceled");

        // Nothing open: Binance answers -2011, which is not a failure of cancel-all.
        await h.Client.CancelAllAsync(new CancelAllOrders { Instrument = h.Btc.Id }, ct);
        Assert.Empty(h.Sink.All<VenueCommandFailure>());
    }
}
