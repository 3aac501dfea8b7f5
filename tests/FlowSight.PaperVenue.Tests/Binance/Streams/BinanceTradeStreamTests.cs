using System.Globalization;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.PaperVenue.Hosting;
using FlowSight.Simulator.Orders;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Binance.Streams;

/// <summary>Trades, aggregate trades and klines against what the exchange recorded.</summary>
public sealed class BinanceTradeStreamTests
{
    [Fact]
    public async Task A_sweep_is_one_aggregate_trade_per_price_level_covering_its_trades()
    {
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceUsdm, speed: 0);
        await using var client = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/stream?streams=btcusdt@trade/btcusdt@aggTrade"));
        var market = PaperVenue.Binance.Streams.BinanceStreams.FeedsOf(host.Exchange).Market;
        for (var i = 0; i < 1000 && market.SubscribersOf("btcusdt@aggTrade") == 0; i++)
        {
            await host.Exchange.InvokeAsync(() => { });
        }

        // A market buy for the first three ask levels' size plus a little: it sweeps into the fourth.
        var quantity = await host.Exchange.InvokeAsync(() =>
        {
            var m = host.Exchange.Markets[0];
            var asks = new BookLevel[3];
            m.Book.Levels.CopyLevels(OrderSide.Sell, asks);
            var size = Quantity.FromRaw(asks.Sum(a => a.Size.Raw) + m.Instrument.StepSize.Raw, m.Instrument.SizePrecision);
            var events = host.Exchange.Submit(new SimOrderRequest(1, m.Instrument.Id, ClientOrderId.Parse("sweep"), OrderSide.Buy, OrderType.Market, TimeInForce.Gtc, size));
            Assert.Equal(OrderStatus.Filled, events[^1].Status);
            return size.ToDecimal();
        });

        var trades = new List<JsonElement>();
        var aggregates = new List<JsonElement>();
        while (aggregates.Sum(a => Dec(a.GetProperty("q"))) < quantity || trades.Sum(t => Dec(t.GetProperty("q"))) < quantity)
        {
            var message = await client.NextAsync();
            (message.GetProperty("stream").GetString() == "btcusdt@trade" ? trades : aggregates).Add(message.GetProperty("data"));
        }

        Assert.Equal(4, aggregates.Count);
        Assert.Equal(aggregates.Count, aggregates.Select(a => a.GetProperty("p").GetString()).Distinct().Count());
        var next = trades[0].GetProperty("t").GetInt64();
        foreach (var aggregate in aggregates)
        {
            Assert.Equal(next, aggregate.GetProperty("f").GetInt64());
            var covered = trades.Where(t => t.GetProperty("t").GetInt64() >= aggregate.GetProperty("f").GetInt64() && t.GetProperty("t").GetInt64() <= aggregate.GetProperty("l").GetInt64()).ToList();
            Assert.All(covered, t => Assert.Equal(aggregate.GetProperty("p").GetString(), t.GetProperty("p").GetString()));
            Assert.Equal(covered.Sum(t => Dec(t.GetProperty("q"))), Dec(aggregate.GetProperty("q")));
            Assert.False(aggregate.GetProperty("m").GetBoolean()); // the buyer took
            next = aggregate.GetProperty("l").GetInt64() + 1;
        }

        Assert.Equal(trades.Count, (int)(next - trades[0].GetProperty("t").GetInt64()));
        Assert.Equal(1, aggregates[1].GetProperty("a").GetInt64() - aggregates[0].GetProperty("a").GetInt64());
    }

    [Fact]
    public async Task A_kline_is_pushed_on_trades_and_once_more_closed_when_its_minute_ends()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 16, 0, 10, TimeSpan.Zero));
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceUsdm, speed: 1, time: time);
        await using var client = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/ws/btcusdt@kline_1m"));
        var market = PaperVenue.Binance.Streams.BinanceStreams.FeedsOf(host.Exchange).Market;
        for (var i = 0; i < 1000 && market.SubscribersOf("btcusdt@kline_1m") == 0; i++)
        {
            await host.Exchange.InvokeAsync(() => { });
        }

        time.Advance(TimeSpan.FromSeconds(20));
        var open = await client.NextMatchingAsync(k => !k.GetProperty("k").GetProperty("x").GetBoolean());
        var start = open.GetProperty("k").GetProperty("t").GetInt64();
        Assert.Equal(0, start % 60_000);
        Assert.Equal(start + 59_999, open.GetProperty("k").GetProperty("T").GetInt64());

        time.Advance(TimeSpan.FromSeconds(60));
        var closed = await client.NextMatchingAsync(k => k.GetProperty("k").GetProperty("x").GetBoolean());
        var k = closed.GetProperty("k");
        Assert.Equal(start, k.GetProperty("t").GetInt64());
        var candle = await host.Exchange.InvokeAsync(() =>
            host.Exchange.Markets[0].Candles.Query(CandleInterval.OneMinute, start * 1_000_000, start * 1_000_000, 1, host.Exchange.Now)[0]);
        Assert.Equal(candle.Close.ToDecimal(), Dec(k.GetProperty("c")));
        Assert.Equal(candle.High.ToDecimal(), Dec(k.GetProperty("h")));
        Assert.Equal(candle.Volume.ToDecimal(), Dec(k.GetProperty("v")));
        Assert.Equal(candle.TradeCount, k.GetProperty("n").GetInt64());
    }

    private static decimal Dec(JsonElement value) => decimal.Parse(value.GetString()!, CultureInfo.InvariantCulture);
}
