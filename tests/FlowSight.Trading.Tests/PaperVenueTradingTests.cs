using FlowSight.Core;
using FlowSight.PaperVenue.Hosting;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FlowSight.Trading.Tests;

/// <summary>
/// End to end on every paper venue protocol: commands go through the trading node (risk → execution → FlowSight's
/// venue client → the venue's own wire protocol), and what comes back (order events, positions, fees, PnL) equals the
/// venue's own account to the unit.
/// </summary>
public sealed class PaperVenueTradingTests
{
    public static TheoryData<PaperVenueKind> Venues => new() { PaperVenueKind.BinanceUsdm, PaperVenueKind.BinanceSpot, PaperVenueKind.Okx };

    public static TheoryData<PaperVenueKind> Derivatives => new() { PaperVenueKind.BinanceUsdm, PaperVenueKind.Okx };

    private static async Task<(BookLevel Bid, BookLevel Ask)> TopAsync(PaperTradingStack stack) =>
        await stack.AtVenueAsync(exchange =>
        {
            var market = exchange.Markets[0].Market;
            market.TryGetBestBid(out var bid);
            market.TryGetBestAsk(out var ask);
            return (bid, ask);
        });

    private static SubmitOrder Order(PaperTradingStack stack, OrderSide side, OrderType type, decimal quantity, Price? price = null, TimeInForce tif = TimeInForce.Gtc, bool reduceOnly = false) => new()
    {
        ClientOrderId = stack.Node.Ids.Next(),
        Instrument = stack.Instrument.Id,
        Side = side,
        Type = type,
        Quantity = Quantity.FromDecimal(quantity, stack.Instrument.SizePrecision),
        Price = price,
        TimeInForce = tif,
        ReduceOnly = reduceOnly,
    };

    private static async Task SubmitApprovedAsync(PaperTradingStack stack, SubmitOrder order)
    {
        var (decision, _) = await stack.Node.SubmitAsync(order);
        Assert.True(decision.Approved, decision.ToString());
    }

    /// <summary>The smallest quantity worth twice the minimum notional (and at least the minimum quantity).</summary>
    private static async Task<decimal> LotAsync(PaperTradingStack stack)
    {
        var instrument = stack.Instrument;
        var step = instrument.StepSize.ToDecimal();
        var price = (await TopAsync(stack)).Ask.Price.ToDecimal();
        var notional = instrument.MinNotional.ToDecimal() * 2;
        var byNotional = price > 0 ? Math.Ceiling(notional / (price * instrument.ContractMultiplier) / step) * step : step;
        return Math.Max(Math.Max(instrument.MinQuantity.ToDecimal(), step), byNotional);
    }

    private static Price Ticks(Price price, Instrument instrument, int ticks) =>
        Price.FromDecimal(price.ToDecimal() + (ticks * instrument.TickSize.ToDecimal()), instrument.PricePrecision);

    [Theory]
    [MemberData(nameof(Venues))]
    public async Task A_market_order_fills_and_the_position_fees_and_balances_equal_the_venues_account(PaperVenueKind kind)
    {
        await using var stack = await PaperTradingStack.StartAsync(kind);
        var lot = await LotAsync(stack);
        var order = Order(stack, OrderSide.Buy, OrderType.Market, lot * 3);

        // Wait for the whole quantity, not leaves = 0: when the venue's FILLED status overtakes a fill (the REST reply
        // or the user stream), the fills that follow already carry leaves 0 while still adding up.
        var filled = await stack.NextAsync<OrderFilled>(
            f => f.ClientOrderId == order.ClientOrderId && f.FilledQuantity.ToDecimal() == order.Quantity.ToDecimal(),
            async () => Assert.True((await stack.Node.SubmitAsync(order)).Decision.Approved));

        var venueFills = await stack.AtVenueAsync(x => x.Orders.Fills(PaperTradingStack.AccountId).ToList());
        Assert.Equal(venueFills.Sum(f => f.Quantity.ToDecimal()), filled.FilledQuantity.ToDecimal());
        var venueFees = venueFills.Sum(f => f.Commission.ToDecimal());
        var feeAsset = venueFills[0].CommissionAsset ?? stack.Instrument.QuoteAsset;
        var (ourFees, ourPosition, ourBase, ourQuote) = await stack.Node.InvokeAsync(n =>
            (n.Portfolio.Fees(feeAsset), n.Portfolio.NetPosition(stack.Instrument.Id), n.Portfolio.Balance(stack.Instrument.BaseAsset), n.Portfolio.Balance(stack.Instrument.QuoteAsset)));
        Assert.Equal(venueFees, ourFees);
        if (kind == PaperVenueKind.BinanceSpot)
        {
            var (venueBase, venueQuote) = await stack.AtVenueAsync(x => (
                x.Accounts.GetSpotBalance(PaperTradingStack.AccountId, stack.Instrument.BaseAsset),
                x.Accounts.GetSpotBalance(PaperTradingStack.AccountId, stack.Instrument.QuoteAsset)));
            Assert.Equal(venueBase.Free.ToDecimal() + venueBase.Locked.ToDecimal(), ourBase);
            Assert.Equal(venueQuote.Free.ToDecimal() + venueQuote.Locked.ToDecimal(), ourQuote);
        }
        else
        {
            var venuePosition = await stack.AtVenueAsync(x => x.Accounts.GetPosition(PaperTradingStack.AccountId, stack.Instrument.Id));
            Assert.Equal(venuePosition.Size.ToDecimal(), ourPosition);
            var ours = await stack.Node.InvokeAsync(n => n.Portfolio.GetPosition(stack.Instrument.Id));
            Assert.Equal(venuePosition.EntryPrice.ToDecimal(), ours.AverageEntryPrice);
            var wallet = await stack.AtVenueAsync(x => x.Accounts.GetFuturesBalance(PaperTradingStack.AccountId, stack.Instrument.SettleAsset));
            Assert.Equal(wallet.WalletBalance.ToDecimal(), await stack.Node.InvokeAsync(n => n.Portfolio.Balance(stack.Instrument.SettleAsset)));
        }
    }

    [Theory]
    [MemberData(nameof(Venues))]
    public async Task A_resting_limit_order_is_accepted_replaced_and_canceled(PaperVenueKind kind)
    {
        await using var stack = await PaperTradingStack.StartAsync(kind);
        var lot = await LotAsync(stack);
        var (bid, _) = await TopAsync(stack);
        var order = Order(stack, OrderSide.Buy, OrderType.Limit, lot, Ticks(bid.Price, stack.Instrument, -20));

        var accepted = await stack.NextAsync<OrderAccepted>(a => a.ClientOrderId == order.ClientOrderId, () => SubmitApprovedAsync(stack, order));
        Assert.False(accepted.VenueOrderId.IsDefault);

        var newPrice = Ticks(bid.Price, stack.Instrument, -30);
        var replaced = await stack.NextAsync<OrderReplaced>(
            _ => true,
            () => stack.Node.ReplaceAsync(new ReplaceOrder { ClientOrderId = order.ClientOrderId, Instrument = order.Instrument, VenueOrderId = accepted.VenueOrderId, Price = newPrice }));
        Assert.Equal(newPrice, replaced.Price);
        var atVenue = await stack.AtVenueAsync(x => x.Orders.Open(PaperTradingStack.AccountId).Single());
        Assert.Equal(replaced.VenueOrderId.ToString(), atVenue.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await stack.NextAsync<OrderCanceled>(
            c => c.ClientOrderId == replaced.ClientOrderId,
            () => stack.Node.CancelAsync(new CancelOrder { ClientOrderId = replaced.ClientOrderId, Instrument = order.Instrument }));
        Assert.Empty(await stack.AtVenueAsync(x => x.Orders.Open(PaperTradingStack.AccountId)));
        Assert.Equal(0, await stack.Node.InvokeAsync(n => n.Orders.TotalOpenOrderCount));
    }

    [Theory]
    [MemberData(nameof(Venues))]
    public async Task A_limit_order_through_the_top_level_fills_partially_and_rests(PaperVenueKind kind)
    {
        await using var stack = await PaperTradingStack.StartAsync(kind);
        var lot = await LotAsync(stack);
        var (_, ask) = await TopAsync(stack);
        var quantity = ask.Size.ToDecimal() + lot;
        var order = Order(stack, OrderSide.Buy, OrderType.Limit, quantity, ask.Price);

        var partial = await stack.NextAsync<OrderFilled>(f => f.ClientOrderId == order.ClientOrderId && f.FilledQuantity == ask.Size, () => SubmitApprovedAsync(stack, order));
        Assert.Equal(lot, partial.LeavesQuantity.ToDecimal());
        Assert.Equal(ask.Price, partial.LastPrice);
        var (status, open) = await stack.Node.InvokeAsync(n => (n.Orders.TryGetOpen(order.ClientOrderId, out var s, out _, out _, out var leaves) ? s : OrderStatus.Initialized, n.Orders.TotalOpenOrderCount));
        Assert.Equal(OrderStatus.PartiallyFilled, status);
        Assert.Equal(1, open);
    }

    [Theory]
    [MemberData(nameof(Venues))]
    public async Task A_post_only_order_that_would_take_never_trades(PaperVenueKind kind)
    {
        await using var stack = await PaperTradingStack.StartAsync(kind);
        var lot = await LotAsync(stack);
        var (_, ask) = await TopAsync(stack);
        var order = Order(stack, OrderSide.Buy, OrderType.Limit, lot, ask.Price, TimeInForce.Gtx);

        await using var rejected = await stack.WatchAsync<OrderRejected>(r => r.ClientOrderId == order.ClientOrderId);
        await using var expired = await stack.WatchAsync<OrderExpired>(e => e.ClientOrderId == order.ClientOrderId);
        await SubmitApprovedAsync(stack, order);
        await await Task.WhenAny(rejected.Task, expired.Task);
        Assert.Empty(await stack.AtVenueAsync(x => x.Orders.Fills(PaperTradingStack.AccountId).ToList()));
    }

    [Theory]
    [MemberData(nameof(Derivatives))]
    public async Task A_reduce_only_order_that_would_open_a_position_is_rejected_by_the_venue_with_its_code(PaperVenueKind kind)
    {
        await using var stack = await PaperTradingStack.StartAsync(kind);
        var lot = await LotAsync(stack);
        var order = Order(stack, OrderSide.Sell, OrderType.Market, lot, reduceOnly: true);

        var rejected = await stack.NextAsync<OrderRejected>(r => r.ClientOrderId == order.ClientOrderId, () => SubmitApprovedAsync(stack, order));
        Assert.False(string.IsNullOrEmpty(rejected.Code));
        Assert.Equal(0m, (await stack.AtVenueAsync(x => x.Accounts.GetPosition(PaperTradingStack.AccountId, stack.Instrument.Id))).Size.ToDecimal());
    }

    [Theory]
    [MemberData(nameof(Venues))]
    public async Task An_order_beyond_the_accounts_means_is_rejected_by_the_venue(PaperVenueKind kind)
    {
        await using var stack = await PaperTradingStack.StartAsync(kind);
        var (_, ask) = await TopAsync(stack);

        // Five million USDT of notional: fifty times the account's 100,000 USDT, beyond it at any default leverage.
        var instrument = stack.Instrument;
        var step = instrument.StepSize.ToDecimal();
        var size = Math.Floor(5_000_000m / (ask.Price.ToDecimal() * instrument.ContractMultiplier) / step) * step;
        if (instrument.MaxQuantity is { } max)
        {
            size = Math.Min(size, max.ToDecimal());
        }

        var order = Order(stack, OrderSide.Buy, OrderType.Limit, size, Ticks(ask.Price, instrument, -50));

        var rejected = await stack.NextAsync<OrderRejected>(r => r.ClientOrderId == order.ClientOrderId, () => SubmitApprovedAsync(stack, order));
        Assert.False(string.IsNullOrEmpty(rejected.Reason));
        Assert.Empty(await stack.AtVenueAsync(x => x.Orders.Open(PaperTradingStack.AccountId)));
    }

    [Theory]
    [MemberData(nameof(Venues))]
    public async Task An_order_off_the_tick_is_denied_by_risk_and_never_reaches_the_venue(PaperVenueKind kind)
    {
        await using var stack = await PaperTradingStack.StartAsync(kind);
        var lot = await LotAsync(stack);
        var (bid, _) = await TopAsync(stack);
        var offTick = Price.FromDecimal(bid.Price.ToDecimal() - (stack.Instrument.TickSize.ToDecimal() / 2), (byte)(stack.Instrument.PricePrecision + 1));
        var order = Order(stack, OrderSide.Buy, OrderType.Limit, lot, offTick);

        var denied = await stack.NextAsync<OrderDenied>(d => d.ClientOrderId == order.ClientOrderId, () => stack.Node.SubmitAsync(order));
        Assert.Contains("tick", denied.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await stack.AtVenueAsync(x => x.Orders.Orders(PaperTradingStack.AccountId).ToList()));
    }

    [Theory]
    [MemberData(nameof(Derivatives))]
    public async Task Funding_and_pnl_through_a_funding_time_equal_the_venues_account_to_the_unit(PaperVenueKind kind)
    {
        // Ten seconds before the 16:00 UTC funding time on the venue's (fake) clock, market running at speed 1. Binance's
        // mark update carries the funding rate and time; OKX's comes on the funding-rate channel.
        var funding = new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(funding.AddSeconds(-10));
        await using var stack = await PaperTradingStack.StartAsync(kind, speed: 1, venueTime: time);
        var lot = await LotAsync(stack);
        var order = Order(stack, OrderSide.Buy, OrderType.Market, lot * 5);
        await stack.NextAsync<OrderFilled>(f => f.ClientOrderId == order.ClientOrderId && f.FilledQuantity.ToDecimal() == order.Quantity.ToDecimal(), () => SubmitApprovedAsync(stack, order));

        var fundingNs = funding.ToUnixTimeMilliseconds() * 1_000_000L;
        await stack.NextAsync<MarkPrice>(
            m => m.EventTime >= fundingNs,
            () =>
            {
                time.Advance(TimeSpan.FromSeconds(20));
                return Task.CompletedTask;
            });

        var (wallet, position) = await stack.AtVenueAsync(x => (
            x.Accounts.GetFuturesBalance(PaperTradingStack.AccountId, "USDT"),
            x.Accounts.GetPosition(PaperTradingStack.AccountId, stack.Instrument.Id)));
        var (balance, paid, ours) = await stack.Node.InvokeAsync(n => (n.Portfolio.Balance("USDT"), n.Portfolio.TotalFunding, n.Portfolio.GetPosition(stack.Instrument.Id)));
        Assert.NotEqual(0m, paid);
        Assert.Equal(wallet.WalletBalance.ToDecimal(), balance);
        Assert.Equal(position.Size.ToDecimal(), ours.Quantity);
        Assert.Equal(position.EntryPrice.ToDecimal(), ours.AverageEntryPrice);
        Assert.Equal(position.UnrealizedPnl.ToDecimal(), ours.UnrealizedPnl);

        // The venue's snapshot agrees with what was settled locally: nothing left for reconciliation to correct.
        await stack.Node.Execution.ReconcileAsync(stack.Instrument.Id.Venue, TestContext.Current.CancellationToken);
        Assert.Equal(0, await stack.Node.InvokeAsync(n => n.Portfolio.BalanceCorrections));
    }
}
