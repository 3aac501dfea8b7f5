using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Hosting;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Orders;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Exchange;

public sealed class PaperExchangeTests
{
    private static PaperVenueOptions Options(double speed = 0) => new()
    {
        Venue = PaperVenueKind.BinanceUsdm,
        Speed = speed,
        WarmUp = TimeSpan.FromMinutes(10),
        Credentials = [new PaperCredential("key", "secret", null, 1)],
    };

    [Fact]
    public async Task Warm_up_leaves_a_two_sided_book_trade_history_candles_and_a_mark_price()
    {
        await using var exchange = new PaperExchange(Options());
        exchange.Start();
        var state = await exchange.InvokeAsync(() =>
        {
            var market = exchange.Markets[0];
            return (Bid: market.Book.Levels.BidCount, Ask: market.Book.Levels.AskCount, Trades: market.Trades.Count,
                Candles: market.Candles.Query(CandleInterval.OneMinute, null, null, 500, exchange.Now).Count,
                market.HasMark, market.Book.UpdateId, Crossed: market.Book.Levels.IsCrossed);
        });

        Assert.True(state.Bid > 5 && state.Ask > 5, $"book {state.Bid}/{state.Ask}");
        Assert.True(state.Trades > 100, $"trades {state.Trades}");
        Assert.InRange(state.Candles, 10, 11);
        Assert.True(state.HasMark);
        Assert.False(state.Crossed);
        Assert.True(state.UpdateId > 0);
    }

    [Fact]
    public async Task A_market_order_fills_against_the_synthetic_book_and_is_remembered_with_its_fills()
    {
        await using var exchange = new PaperExchange(Options());
        exchange.Start();
        var result = await exchange.InvokeAsync(() =>
        {
            var market = exchange.Markets[0];
            var events = exchange.Submit(new SimOrderRequest(1, market.Instrument.Id, ClientOrderId.Parse("t1"), OrderSide.Buy,
                OrderType.Market, TimeInForce.Gtc, Quantity.Parse("0.010")));
            exchange.Orders.TryGet(1, ClientOrderId.Parse("t1"), out var order);
            var position = exchange.Accounts.GetPosition(1, market.Instrument.Id);
            return (events, order, position, Fills: exchange.Orders.Fills(1).ToList());
        });

        Assert.Equal(ExecutionType.New, result.events[0].ExecutionType);
        Assert.Equal(OrderStatus.Filled, result.order.Status);
        Assert.Equal(Quantity.Parse("0.010"), result.position.Size);
        Assert.Equal(0.010m, result.Fills.Sum(f => f.Quantity.ToDecimal()));
        Assert.All(result.Fills, f => Assert.Equal("USDT", f.CommissionAsset));
    }

    [Fact]
    public async Task Book_changes_are_collected_once_per_level_with_the_latest_size_best_first()
    {
        await using var exchange = new PaperExchange(Options());
        exchange.Start();
        var (before, after, changes, complete) = await exchange.InvokeAsync(() =>
        {
            var market = exchange.Markets[0];
            var from = market.Book.UpdateId;
            market.Book.Levels.TryGetBestBid(out var bid);
            var price = Price.FromRaw(bid.Price.Raw - (3 * market.Instrument.TickSize.Raw), bid.Price.Precision);
            exchange.Submit(new SimOrderRequest(1, market.Instrument.Id, ClientOrderId.Parse("b1"), OrderSide.Buy, OrderType.Limit, TimeInForce.Gtc, Quantity.Parse("0.005"), price));
            exchange.Submit(new SimOrderRequest(1, market.Instrument.Id, ClientOrderId.Parse("b2"), OrderSide.Buy, OrderType.Limit, TimeInForce.Gtc, Quantity.Parse("0.007"), price));
            var list = new List<PaperLevelChange>();
            var ok = market.Book.TryCollectChanges(from, list);
            return (from, market.Book.UpdateId, list, ok);
        });

        Assert.True(complete);
        Assert.Equal(before + 2, after);
        var change = Assert.Single(changes);
        Assert.Equal(OrderSide.Buy, change.Side);
    }

    [Fact]
    public async Task The_synthetic_market_trades_on_its_own_when_speed_is_positive_and_feeds_hear_it()
    {
        await using var exchange = new PaperExchange(Options(speed: 50));
        var feed = new FirstTradeFeed();
        exchange.Start();
        exchange.AddFeed(feed);
        var trade = await feed.Trade.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Contains(exchange.Instruments, i => i.Id == trade.Instrument);
    }

    private sealed class FirstTradeFeed : IPaperFeed
    {
        public TaskCompletionSource<TradeTick> Trade { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnTrade(PaperMarket market, in TradeTick trade) => Trade.TrySetResult(trade);
    }
}
