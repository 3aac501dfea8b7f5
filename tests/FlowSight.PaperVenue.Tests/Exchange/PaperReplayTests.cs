using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Exchange.Replay;
using FlowSight.PaperVenue.Hosting;
using FlowSight.Simulator.Orders;
using FlowSight.TestKit;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Exchange;

/// <summary>`flowsight sim --replay`: a recorded Binance session as the paper venue's market, along the exchange clock.</summary>
public sealed class PaperReplayTests
{
    private const string Recording = "recordings/hftbacktest/binance-usdm/btcusdt_20240808.gz";

    private static PaperVenueOptions Options() => new()
    {
        Venue = PaperVenueKind.BinanceUsdm,
        ReplayFile = SharedData.Require(Recording),
        Speed = 1,
        Credentials = [new PaperCredential("key", "secret", null, 1)],
    };

    [Fact]
    public async Task The_recording_lists_its_own_symbols_and_opens_at_recorded_time_with_a_two_sided_book()
    {
        var time = new FakeTimeProvider();
        await using var exchange = new PaperExchange(Options(), time);
        exchange.Start();

        Assert.Equal(["BTCUSDT"], exchange.Markets.Select(m => m.Symbol));
        var source = Assert.IsType<ReplayMarketSource>(exchange.Markets[0].Source);
        Assert.InRange(exchange.Now, source.ClockStart!.Value, source.ClockStart.Value + 60_000_000_000L);
        var (bid, ask) = await exchange.InvokeAsync(() => (source.Market!.TryGetBestBid(out _), source.Market.TryGetBestAsk(out _)));
        Assert.True(bid && ask, "the replayed market opened before its book had both sides");
        Assert.True(exchange.Now < new DateTimeOffset(2024, 8, 9, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000L);
    }

    [Fact]
    public async Task As_the_clock_moves_the_published_book_follows_the_recorded_book_and_trades_print()
    {
        var time = new FakeTimeProvider();
        await using var exchange = new PaperExchange(Options(), time);
        exchange.Start();
        time.Advance(TimeSpan.FromSeconds(90));

        var state = await exchange.InvokeAsync(() =>
        {
            var market = exchange.Markets[0];
            var recorded = ((ReplayMarketSource)market.Source).Market!.RecordedBook;
            recorded.TryGetBestBid(out var recordedBid);
            recorded.TryGetBestAsk(out var recordedAsk);
            market.Book.Levels.TryGetBestBid(out var bid);
            market.Book.Levels.TryGetBestAsk(out var ask);
            return (bid, ask, recordedBid, recordedAsk, Trades: market.Trades.Count, market.HasMark, Crossed: market.Book.Levels.IsCrossed);
        });

        Assert.True(state.Trades > 0);
        Assert.False(state.Crossed);
        Assert.Equal(state.recordedBid.Price, state.bid.Price);
        Assert.Equal(state.recordedAsk.Price, state.ask.Price);
        Assert.Equal(state.recordedBid.Size, state.bid.Size);
        Assert.True(state.HasMark);
    }

    [Fact]
    public async Task A_market_order_on_the_replayed_book_fills_at_the_recorded_prices()
    {
        var time = new FakeTimeProvider();
        await using var exchange = new PaperExchange(Options(), time);
        exchange.Start();
        time.Advance(TimeSpan.FromSeconds(30));

        var (events, bestAsk) = await exchange.InvokeAsync(() =>
        {
            var market = exchange.Markets[0];
            market.Book.Levels.TryGetBestAsk(out var ask);
            var result = exchange.Submit(new SimOrderRequest(1, market.Instrument.Id, ClientOrderId.Parse("r1"), OrderSide.Buy,
                OrderType.Market, TimeInForce.Gtc, Quantity.Parse("0.002")));
            return (result, ask);
        });

        Assert.Equal(ExecutionType.New, events[0].ExecutionType);
        var fill = Assert.Single(events, e => e.ExecutionType == ExecutionType.Trade);
        Assert.Equal(bestAsk.Price, fill.LastPrice);
        Assert.Equal(OrderStatus.Filled, fill.Status);
    }
}
