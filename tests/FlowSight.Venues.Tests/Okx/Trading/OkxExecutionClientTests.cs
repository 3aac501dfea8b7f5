using FlowSight.Venues.Tests.Trading;
using FlowSight.Core;
using FlowSight.Venues.Okx.Trading;
using Xunit;

namespace FlowSight.Venues.Tests.Okx.Trading;

/// <summary>
/// <see cref="OkxExecutionClient"/> against the real OKX paper venue (Kestrel on 127.0.0.1, ClientWebSocket,
/// HttpClient): each order's life over WebSocket and over REST order entry, every refusal the venue produces with
/// OKX's code, and the account the client reads back equal to the venue's own.
/// </summary>
public sealed class OkxExecutionClientTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_resting_limit_order_is_accepted_then_canceled(bool webSocketOrders)
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(sink, webSocketOrders);
        Assert.True(client.IsConnected);
        var (bid, _, _, _) = await venue.TopAsync();

        var order = OkxTradingVenue.Limit(venue.Btc, "rest1", OrderSide.Buy, bid - 500m, 2m);
        await client.SubmitAsync(order, TestContext.Current.CancellationToken);
        var accepted = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.Accepted, what: "accepted");
        Assert.False(accepted.VenueOrderId.IsDefault);
        Assert.Equal(order.Price, accepted.Price);
        Assert.Equal(2m, accepted.Quantity.ToDecimal());

        var atVenue = await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.TryGet(OkxTradingVenue.AccountId, order.ClientOrderId, out var o) ? o.Status : OrderStatus.Initialized);
        Assert.Equal(OrderStatus.Accepted, atVenue);

        await client.CancelAsync(new CancelOrder { ClientOrderId = order.ClientOrderId, Instrument = venue.Btc.Id }, TestContext.Current.CancellationToken);
        var canceled = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.Canceled, what: "canceled");
        Assert.Equal(accepted.VenueOrderId, canceled.VenueOrderId);
        Assert.Empty(sink.All<VenueCommandFailure>());
        atVenue = await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.TryGet(OkxTradingVenue.AccountId, order.ClientOrderId, out var o) ? o.Status : OrderStatus.Initialized);
        Assert.Equal(OrderStatus.Canceled, atVenue);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_marketable_order_fills_with_the_venues_fee_charged_as_positive(bool webSocketOrders)
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(sink, webSocketOrders);

        var order = OkxTradingVenue.Market(venue.Btc, "mkt1", OrderSide.Buy, 1m);
        await client.SubmitAsync(order, TestContext.Current.CancellationToken);
        var filled = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.Filled, what: "filled");
        Assert.Equal(1m, filled.FilledQuantity.ToDecimal());
        var fills = sink.All<FillReport>().Where(f => f.ClientOrderId == order.ClientOrderId).ToList();
        var truth = await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.Fills(OkxTradingVenue.AccountId).ToList());
        Assert.Equal(truth.Count, fills.Count);
        foreach (var fill in fills)
        {
            var paper = Assert.Single(truth, t => t.TradeId.ToString(System.Globalization.CultureInfo.InvariantCulture) == fill.TradeId);
            Assert.Equal(FillLiquidity.Taker, fill.Liquidity);
            Assert.True(fill.Fee.ToDecimal() > 0, "a taker fee is charged: positive in FlowSight");
            Assert.Equal(paper.Commission.ToDecimal(), fill.Fee.ToDecimal());
            Assert.Equal(paper.Price.ToDecimal(), fill.Price.ToDecimal());
            Assert.Equal(paper.Quantity.ToDecimal(), fill.Quantity.ToDecimal());
            Assert.Equal("USDT", fill.FeeAsset);

            // The fee is the paper venue's OKX taker rate (0.05 %) × contracts × contract value × price.
            Assert.InRange(fill.Fee.ToDecimal() - (0.0005m * fill.Quantity.ToDecimal() * venue.Btc.ContractMultiplier * fill.Price.ToDecimal()), -0.00000001m, 0.00000001m);
        }

        var position = await sink.WaitAsync<PositionStatusReport>(p => p.Instrument == venue.Btc.Id && p.Quantity == 1m, what: "position of 1");
        Assert.True(position.EntryPrice > 0);
    }

    [Fact]
    public async Task A_limit_order_larger_than_the_best_ask_fills_partly_and_rests()
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(sink);
        var (_, _, ask, askSize) = await venue.TopAsync();

        var order = OkxTradingVenue.Limit(venue.Btc, "part1", OrderSide.Buy, ask, askSize + 1m);
        await client.SubmitAsync(order, TestContext.Current.CancellationToken);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.PartiallyFilled, what: "partially filled");

        // The order matched on arrival, against as many resting orders as the best ask held: one fill each.
        var (status, filled) = await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.TryGet(OkxTradingVenue.AccountId, order.ClientOrderId, out var o) ? (o.Status, o.Last.CumulativeQuantity.ToDecimal()) : default);
        Assert.Equal(OrderStatus.PartiallyFilled, status);
        Assert.InRange(filled, 0.01m, askSize);
        var last = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.FilledQuantity.ToDecimal() == filled, what: "all fills counted");
        Assert.Equal(OrderStatus.PartiallyFilled, last.Status);
        Assert.Equal(askSize + 1m, last.Quantity.ToDecimal());
        var fills = sink.All<FillReport>().Where(f => f.ClientOrderId == order.ClientOrderId).ToList();
        Assert.Equal(filled, fills.Sum(f => f.Quantity.ToDecimal()));
        Assert.All(fills, f => Assert.Equal(ask, f.Price.ToDecimal()));
        Assert.Equal(fills.Count, fills.Select(f => f.TradeId).Distinct().Count());

        await client.CancelAsync(new CancelOrder { ClientOrderId = order.ClientOrderId, Instrument = venue.Btc.Id }, TestContext.Current.CancellationToken);
        var canceled = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.Canceled);
        Assert.Equal(filled, canceled.FilledQuantity.ToDecimal());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Replace_cancels_and_places_the_rest_under_the_new_client_id_on_the_paper_venue(bool webSocketOrders)
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(sink, webSocketOrders);
        var (bid, _, _, _) = await venue.TopAsync();
        var order = OkxTradingVenue.Limit(venue.Btc, "repl1", OrderSide.Buy, bid - 400m, 3m);
        await client.SubmitAsync(order, TestContext.Current.CancellationToken);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.Accepted);

        var newPrice = Price.FromDecimal(bid - 300m, venue.Btc.PricePrecision);
        await client.ReplaceAsync(
            new ReplaceOrder
            {
                ClientOrderId = order.ClientOrderId,
                Instrument = venue.Btc.Id,
                Price = newPrice,
                Quantity = Quantity.FromDecimal(2m, venue.Btc.SizePrecision),
                NewClientOrderId = ClientOrderId.Parse("repl1b"),
            },
            TestContext.Current.CancellationToken);

        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.Canceled, what: "old canceled");
        var replacement = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == ClientOrderId.Parse("repl1b") && r.Status == OrderStatus.Accepted, what: "replacement");
        Assert.Equal(newPrice.ToDecimal(), replacement.Price!.Value.ToDecimal());
        Assert.Equal(2m, replacement.Quantity.ToDecimal());
        Assert.Empty(sink.All<VenueCommandFailure>());
        var open = await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.Open(OkxTradingVenue.AccountId).Select(o => (o.ClientOrderId.ToString(), o.Last.Price.ToDecimal())).ToList());
        Assert.Equal([("repl1b", newPrice.ToDecimal())], open);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "tick", OkxTradingCodes.ParameterError },
        { "lot", OkxTradingCodes.LotSize },
        { "zero-size", OkxTradingCodes.ParameterError },
        { "margin", OkxTradingCodes.InsufficientFunds },
        { "reduce-only", OkxTradingCodes.NoPositionToReduce },
        { "unknown-order", OkxTradingCodes.CancelUnknownOrder },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Each_refusal_of_the_venue_arrives_as_a_command_failure_with_OKXs_code(string reason, string code)
    {
        foreach (var webSocketOrders in new[] { true, false })
        {
            // 1,000 USDT: 100 contracts (about 60,000 USDT at 20×) need more margin than that, within the first leverage tier.
            await using var venue = await OkxTradingVenue.StartAsync(usdt: 1_000m);
            var sink = new RecordingSink();
            var client = await venue.ConnectAsync(sink, webSocketOrders);
            var (bid, _, _, _) = await venue.TopAsync();
            var btc = venue.Btc;
            var id = ClientOrderId.Parse("rej" + (webSocketOrders ? "ws" : "rest"));
            var command = TradingCommandKind.Submit;
            switch (reason)
            {
                case "tick":
                    await client.SubmitAsync(OkxTradingVenue.Limit(btc, id.ToString(), OrderSide.Buy, 0, 1m) with { Price = Price.FromDecimal(bid - 500.05m, 2) }, TestContext.Current.CancellationToken);
                    break;
                case "lot":
                    await client.SubmitAsync(OkxTradingVenue.Limit(btc, id.ToString(), OrderSide.Buy, bid - 500m, 0) with { Quantity = Quantity.FromDecimal(0.005m, 3) }, TestContext.Current.CancellationToken);
                    break;
                case "zero-size":
                    await client.SubmitAsync(OkxTradingVenue.Limit(btc, id.ToString(), OrderSide.Buy, bid - 500m, 0m), TestContext.Current.CancellationToken);
                    break;
                case "margin":
                    await client.SubmitAsync(OkxTradingVenue.Limit(btc, id.ToString(), OrderSide.Buy, bid - 500m, 100m), TestContext.Current.CancellationToken);
                    break;
                case "reduce-only":
                    await client.SubmitAsync(OkxTradingVenue.Market(btc, id.ToString(), OrderSide.Sell, 1m, reduceOnly: true), TestContext.Current.CancellationToken);
                    break;
                case "unknown-order":
                    command = TradingCommandKind.Cancel;
                    await client.CancelAsync(new CancelOrder { ClientOrderId = id, Instrument = btc.Id }, TestContext.Current.CancellationToken);
                    break;
            }

            var failure = await sink.WaitAsync<VenueCommandFailure>(f => f.ClientOrderId == id, what: reason);
            Assert.Equal(command, failure.Command);
            Assert.False(failure.FateUnknown);
            Assert.Equal(code, failure.Code);
            Assert.False(string.IsNullOrWhiteSpace(failure.Reason));
            Assert.Equal(btc.Id, failure.Instrument);
            var orders = await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.Open(OkxTradingVenue.AccountId).Count);
            Assert.Equal(0, orders);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_post_only_order_that_would_take_is_accepted_then_expired_as_OKX_does(bool webSocketOrders)
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(sink, webSocketOrders);
        var (bid, _, ask, _) = await venue.TopAsync();

        var taking = OkxTradingVenue.Limit(venue.Btc, "po1", OrderSide.Buy, ask, 1m, TimeInForce.Gtx);
        await client.SubmitAsync(taking, TestContext.Current.CancellationToken);
        var expired = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == taking.ClientOrderId && r.Status == OrderStatus.Expired, what: "post-only expired");
        Assert.Equal(TimeInForce.Gtx, expired.TimeInForce);
        Assert.Contains("post-only", expired.Reason, StringComparison.Ordinal);
        Assert.Equal(0m, expired.FilledQuantity.ToDecimal());

        var resting = OkxTradingVenue.Limit(venue.Btc, "po2", OrderSide.Buy, bid, 1m, TimeInForce.Gtx);
        await client.SubmitAsync(resting, TestContext.Current.CancellationToken);
        var accepted = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == resting.ClientOrderId && r.Status == OrderStatus.Accepted);
        Assert.Equal(TimeInForce.Gtx, accepted.TimeInForce);
        Assert.Empty(sink.All<FillReport>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_reduce_only_order_reduces_the_position_and_the_account_read_back_equals_the_venues(bool webSocketOrders)
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(sink, webSocketOrders);
        var start = UnixNanos.Now(TimeProvider.System) - UnixNanos.PerSecond * 60;

        await client.SubmitAsync(OkxTradingVenue.Market(venue.Btc, "open1", OrderSide.Buy, 3m), TestContext.Current.CancellationToken);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == ClientOrderId.Parse("open1") && r.Status == OrderStatus.Filled);
        await client.SubmitAsync(OkxTradingVenue.Market(venue.Btc, "reduce1", OrderSide.Sell, 1m, reduceOnly: true), TestContext.Current.CancellationToken);
        var reduced = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == ClientOrderId.Parse("reduce1") && r.Status == OrderStatus.Filled);
        Assert.True(reduced.ReduceOnly);
        await sink.WaitAsync<PositionStatusReport>(p => p.Instrument == venue.Btc.Id && p.Quantity == 2m, what: "position of 2");

        var (bid, _, _, _) = await venue.TopAsync();
        await client.SubmitAsync(OkxTradingVenue.Limit(venue.Btc, "rest2", OrderSide.Buy, bid - 700m, 1m), TestContext.Current.CancellationToken);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == ClientOrderId.Parse("rest2") && r.Status == OrderStatus.Accepted);

        var state = await client.QueryStateAsync(start, TestContext.Current.CancellationToken);
        var exchange = venue.Host.Exchange;
        var truth = await exchange.InvokeAsync(() => (
            Balance: exchange.Accounts.GetFuturesBalance(OkxTradingVenue.AccountId, "USDT"),
            Position: exchange.Accounts.GetPosition(OkxTradingVenue.AccountId, venue.Btc.Id),
            Open: exchange.Orders.Open(OkxTradingVenue.AccountId).Select(o => o.ClientOrderId).ToList(),
            Fills: exchange.Orders.Fills(OkxTradingVenue.AccountId).ToList()));

        var usdt = Assert.Single(state.Balances, b => b.Asset == "USDT");
        Assert.Equal(truth.Balance.WalletBalance.ToDecimal(), usdt.Total);
        Assert.Equal(truth.Balance.AvailableBalance.ToDecimal(), usdt.Free);

        var position = Assert.Single(state.Positions);
        Assert.Equal(truth.Position.Size.ToDecimal(), position.Quantity);
        Assert.Equal(truth.Position.EntryPrice.ToDecimal(), position.EntryPrice);
        Assert.Equal(truth.Position.UnrealizedPnl.ToDecimal(), position.UnrealizedPnl);
        Assert.Equal(truth.Position.LiquidationPrice.ToDecimal(), position.LiquidationPrice ?? 0m);

        Assert.Equal(truth.Open, state.OpenOrders.Select(o => o.ClientOrderId).ToList());
        Assert.Equal(
            truth.Fills.Select(f => (f.TradeId.ToString(System.Globalization.CultureInfo.InvariantCulture), f.Commission.ToDecimal(), f.Quantity.ToDecimal(), f.Price.ToDecimal())).OrderBy(f => f.Item1),
            state.Fills.Select(f => (f.TradeId, f.Fee.ToDecimal(), f.Quantity.ToDecimal(), f.Price.ToDecimal())).OrderBy(f => f.TradeId));

        // The fees in the account equal the fills' fees: wallet = initial − fees + realised PnL.
        var fees = state.Fills.Sum(f => f.Fee.ToDecimal());
        var realised = state.Fills.Sum(f => f.VenueRealizedPnl?.ToDecimal() ?? 0m);
        Assert.Equal(100_000m - fees + realised, usdt.Total);
    }

    [Fact]
    public async Task QueryOrder_finds_an_order_by_client_id_and_answers_null_for_one_the_venue_does_not_know()
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(sink);
        var (bid, _, _, _) = await venue.TopAsync();
        var order = OkxTradingVenue.Limit(venue.Btc, "q1", OrderSide.Buy, bid - 500m, 1m);
        await client.SubmitAsync(order, TestContext.Current.CancellationToken);

        var found = await client.QueryOrderAsync(venue.Btc.Id, order.ClientOrderId, TestContext.Current.CancellationToken);
        Assert.NotNull(found);
        Assert.Equal(OrderStatus.Accepted, found.Value.Status);
        Assert.Equal(order.Price, found.Value.Price);
        Assert.Null(await client.QueryOrderAsync(venue.Btc.Id, ClientOrderId.Parse("nosuch1"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CancelAll_cancels_every_working_order_of_the_side_asked()
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(sink);
        var (bid, _, ask, _) = await venue.TopAsync();
        for (var i = 0; i < 3; i++)
        {
            await client.SubmitAsync(OkxTradingVenue.Limit(venue.Btc, $"b{i}", OrderSide.Buy, bid - 100m - i, 1m), TestContext.Current.CancellationToken);
        }

        await client.SubmitAsync(OkxTradingVenue.Limit(venue.Btc, "s0", OrderSide.Sell, ask + 100m, 1m), TestContext.Current.CancellationToken);
        await client.CancelAllAsync(new CancelAllOrders { Instrument = venue.Btc.Id, Side = OrderSide.Buy }, TestContext.Current.CancellationToken);
        for (var i = 0; i < 3; i++)
        {
            var id = ClientOrderId.Parse($"b{i}");
            await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == id && r.Status == OrderStatus.Canceled);
        }

        var open = await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.Open(OkxTradingVenue.AccountId).Select(o => o.ClientOrderId.ToString()).ToList());
        Assert.Equal(["s0"], open);
    }

    [Fact]
    public async Task Commands_OKX_cannot_take_are_refused_locally_and_nothing_is_sent()
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(sink);
        await client.SubmitAsync(OkxTradingVenue.Market(venue.Btc, "bad_id-1", OrderSide.Buy, 1m), TestContext.Current.CancellationToken);
        var failure = await sink.WaitAsync<VenueCommandFailure>(f => f.ClientOrderId == ClientOrderId.Parse("bad_id-1"));
        Assert.Null(failure.Code);
        Assert.Contains("clOrdId", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.Orders(OkxTradingVenue.AccountId).Count()));
    }

    [Fact]
    public async Task A_login_OKX_refuses_fails_the_connect_with_its_code()
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        await using var client = new OkxExecutionClient(venue.Options(webSocketOrders: true) with { Passphrase = "wrong" });
        var error = await Assert.ThrowsAsync<OkxLoginException>(() => client.ConnectAsync(new RecordingSink(), TestContext.Current.CancellationToken));
        Assert.Contains("60024", error.Message, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Replace_amends_in_place_keeping_both_ids(bool webSocketOrders)
    {
        await using var venue = await OkxTradingVenue.StartAsync();
        var sink = new RecordingSink();
        var client = await venue.ConnectAsync(sink, options: venue.Options(webSocketOrders) with { AmendInPlace = true });
        var (bid, _, _, _) = await venue.TopAsync();
        var order = OkxTradingVenue.Limit(venue.Btc, "amend1", OrderSide.Buy, bid - 400m, 3m);
        await client.SubmitAsync(order, TestContext.Current.CancellationToken);
        var accepted = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.Accepted);

        var newPrice = Price.FromDecimal(bid - 300m, venue.Btc.PricePrecision);
        await client.ReplaceAsync(
            new ReplaceOrder { ClientOrderId = order.ClientOrderId, Instrument = venue.Btc.Id, Price = newPrice, Quantity = Quantity.FromDecimal(2m, venue.Btc.SizePrecision) },
            TestContext.Current.CancellationToken);

        var amended = await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Price == newPrice && r.Quantity.ToDecimal() == 2m, what: "amended");
        Assert.Equal(accepted.VenueOrderId, amended.VenueOrderId);
        Assert.Equal(OrderStatus.Accepted, amended.Status);
        Assert.Empty(sink.All<VenueCommandFailure>());
        var open = await venue.Host.Exchange.InvokeAsync(() => venue.Host.Exchange.Orders.Open(OkxTradingVenue.AccountId).Select(o => (o.ClientOrderId.ToString(), o.Last.Price.ToDecimal(), o.Last.Quantity.ToDecimal())).ToList());
        Assert.Equal([("amend1", newPrice.ToDecimal(), 2m)], open);

        // An amend the venue refuses (the order is gone) arrives as a failure with OKX's code.
        await client.CancelAsync(new CancelOrder { ClientOrderId = order.ClientOrderId, Instrument = venue.Btc.Id }, TestContext.Current.CancellationToken);
        await sink.WaitAsync<OrderStatusReport>(r => r.ClientOrderId == order.ClientOrderId && r.Status == OrderStatus.Canceled);
        await client.ReplaceAsync(new ReplaceOrder { ClientOrderId = order.ClientOrderId, Instrument = venue.Btc.Id, Price = newPrice }, TestContext.Current.CancellationToken);
        var refused = await sink.WaitAsync<VenueCommandFailure>(f => f.ClientOrderId == order.ClientOrderId, what: "amend refused");
        Assert.Equal(TradingCommandKind.Replace, refused.Command);
        Assert.False(refused.FateUnknown);
        Assert.StartsWith("51", refused.Code, StringComparison.Ordinal);
    }
}
