using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Candles;
using FlowSight.TestKit;
using Xunit;

namespace FlowSight.Engine.Tests.Candles;

/// <summary>Trades to candles: UTC-aligned boundaries, OHLCV arithmetic, open/close events, CloseDue, late trades, allocation.</summary>
public sealed class CandleAggregatorTests
{
    private static readonly InstrumentId Btc = InstrumentId.Parse("BTCUSDT-PERP.BINANCE");
    private static readonly InstrumentId Eth = InstrumentId.Parse("ETHUSDT-PERP.BINANCE");
    private const long Second = 1_000_000_000L;
    private const long Minute = 60 * Second;

    // 2026-11-24 03:59:59 UTC: one second before a 4h boundary (04:00), in the middle of the UTC day.
    private static readonly long AlmostFour = new DateTimeOffset(2026, 11, 24, 3, 59, 59, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000L;
    private static readonly long Midnight = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000L;

    private readonly EventBus _bus = new();
    private readonly MemoryKlineStore _store = new();

    private static TradeTick Trade(long time, decimal price, decimal size, InstrumentId? id = null) =>
        new(id ?? Btc, Price.FromDecimal(price, 2), Quantity.FromDecimal(size, 3), AggressorSide.Buyer, 1, time, time + 1000);

    private Candle Last(CandleInterval interval, InstrumentId? id = null)
    {
        Assert.True(_store.TryGetLast(id ?? Btc, interval, out var candle), $"no {interval} candle");
        return candle;
    }

    [Fact]
    public void Candles_are_aligned_to_UTC_interval_boundaries()
    {
        using var candles = new CandleAggregator(_store, _bus);
        candles.Add(Trade(AlmostFour + 999_000_000, 100m, 1m)); // 03:59:59.999
        candles.Add(Trade(AlmostFour + Second, 101m, 1m));       // 04:00:00.000

        var fourHours = 4 * 60 * Minute;
        Assert.Equal(AlmostFour + Second, Last(CandleInterval.OneSecond).OpenTime);
        Assert.Equal(AlmostFour + Second, Last(CandleInterval.OneMinute).OpenTime);
        Assert.Equal(AlmostFour + Second, Last(CandleInterval.FiveMinutes).OpenTime);
        Assert.Equal(AlmostFour + Second, Last(CandleInterval.FifteenMinutes).OpenTime);
        Assert.Equal(AlmostFour + Second, Last(CandleInterval.OneHour).OpenTime);
        Assert.Equal(Midnight + fourHours, Last(CandleInterval.FourHours).OpenTime);
        Assert.Equal(Midnight + (2 * fourHours), Last(CandleInterval.FourHours).CloseTime);
        Assert.Equal(Midnight, Last(CandleInterval.OneDay).OpenTime);
        Assert.Equal(Midnight + (24 * 60 * Minute), Last(CandleInterval.OneDay).CloseTime);

        // Both trades are in one day candle; every shorter interval has two candles, the first closed.
        Assert.Equal(2, Last(CandleInterval.OneDay).TradeCount);
        Assert.Equal(2, _store.Count(Btc, CandleInterval.OneHour));
        var hours = new Candle[2];
        _store.CopyLatest(Btc, CandleInterval.OneHour, hours);
        Assert.True(hours[0].IsClosed);
        Assert.Equal(AlmostFour - (59 * Minute) - (59 * Second), hours[0].OpenTime);
        Assert.False(hours[1].IsClosed);
    }

    [Fact]
    public void A_candle_holds_open_high_low_close_volume_quote_volume_and_trade_count()
    {
        using var candles = new CandleAggregator(_store, _bus, new CandleAggregatorOptions { Intervals = [CandleInterval.OneMinute] });
        var t = Midnight;
        candles.Add(Trade(t + 1, 100.50m, 0.5m));
        candles.Add(Trade(t + 2, 102.25m, 0.125m), tradeCount: 3);
        candles.Add(Trade(t + 3, 99.75m, 2m));
        candles.Add(Trade(t + Minute - 1, 101m, 0.001m));

        var c = Last(CandleInterval.OneMinute);
        Assert.Equal(Btc, c.Instrument);
        Assert.Equal(CandleInterval.OneMinute, c.Interval);
        Assert.Equal((t, t + Minute), (c.OpenTime, c.CloseTime));
        Assert.Equal(100.50m, c.Open.ToDecimal());
        Assert.Equal(102.25m, c.High.ToDecimal());
        Assert.Equal(99.75m, c.Low.ToDecimal());
        Assert.Equal(101m, c.Close.ToDecimal());
        Assert.Equal(2.626m, c.Volume.ToDecimal());
        Assert.Equal((100.50m * 0.5m) + (102.25m * 0.125m) + (99.75m * 2m) + (101m * 0.001m), c.QuoteVolume.ToDecimal());
        Assert.Equal(6, c.TradeCount);
        Assert.False(c.IsClosed);
        Assert.Equal(t + Minute - 1, c.EventTime);
    }

    [Fact]
    public void The_bus_gets_an_open_event_when_a_candle_opens_and_a_closed_event_when_it_closes()
    {
        var events = new CandleEvents(_bus);
        using var candles = new CandleAggregator(_store, _bus, new CandleAggregatorOptions { Intervals = [CandleInterval.OneSecond, CandleInterval.OneMinute] });

        candles.Add(Trade(Midnight + 100, 10m, 1m));
        Assert.Equal([(CandleInterval.OneSecond, false), (CandleInterval.OneMinute, false)], events.All.Select(e => (e.Interval, e.IsClosed)));

        candles.Add(Trade(Midnight + 200, 11m, 1m)); // same second: updates only, no event
        Assert.Equal(2, events.All.Count);

        candles.Add(Trade(Midnight + Second + 5, 12m, 1m)); // next second: 1s closes, a new 1s opens
        Assert.Equal([(CandleInterval.OneSecond, true), (CandleInterval.OneSecond, false)], events.All.Skip(2).Select(e => (e.Interval, e.IsClosed)));
        var closed = events.All[2];
        Assert.Equal((10m, 11m, 2L), (closed.Open.ToDecimal(), closed.Close.ToDecimal(), closed.TradeCount));
        Assert.Equal(Midnight + Second, events.All[3].OpenTime);
    }

    [Fact]
    public void Trades_published_on_the_bus_reach_the_aggregator_until_it_is_disposed()
    {
        var candles = new CandleAggregator(_store, _bus, new CandleAggregatorOptions { Intervals = [CandleInterval.OneMinute] });
        _bus.Publish(Trade(Midnight, 10m, 1m));
        _bus.Publish(Trade(Midnight + 1, 10m, 1m, Eth));
        Assert.Equal(1, Last(CandleInterval.OneMinute).TradeCount);
        Assert.Equal(1, Last(CandleInterval.OneMinute, Eth).TradeCount);

        candles.Dispose();
        _bus.Publish(Trade(Midnight + 2, 10m, 1m));
        Assert.Equal(1, Last(CandleInterval.OneMinute).TradeCount);
    }

    [Fact]
    public void CloseDue_closes_candles_whose_interval_ended_without_a_trade_once()
    {
        var events = new CandleEvents(_bus);
        using var candles = new CandleAggregator(_store, _bus, new CandleAggregatorOptions { Intervals = [CandleInterval.OneSecond, CandleInterval.OneMinute] });
        candles.Add(Trade(Midnight + 10, 10m, 1m));
        candles.Add(Trade(Midnight + 20, 10m, 1m, Eth));
        var version = _store.GetVersion(Btc, CandleInterval.OneMinute);
        events.All.Clear();

        candles.CloseDue(Midnight + Second - 1); // nothing has ended yet
        Assert.Empty(events.All);

        candles.CloseDue(Midnight + Second);
        Assert.Equal(2, events.All.Count);
        Assert.All(events.All, e => Assert.True(e.IsClosed && e.Interval == CandleInterval.OneSecond));
        Assert.True(Last(CandleInterval.OneSecond).IsClosed);
        Assert.True(Last(CandleInterval.OneSecond, Eth).IsClosed);
        Assert.False(Last(CandleInterval.OneMinute).IsClosed);
        Assert.Equal(version, _store.GetVersion(Btc, CandleInterval.OneMinute));

        candles.CloseDue(Midnight + Minute + 5);
        Assert.Equal(4, events.All.Count);
        Assert.True(Last(CandleInterval.OneMinute).IsClosed);
        Assert.True(_store.GetVersion(Btc, CandleInterval.OneMinute) > version);

        candles.CloseDue(Midnight + (10 * Minute));
        Assert.Equal(4, events.All.Count); // closed once

        // The next trade opens a new candle; no empty candles fill the gap.
        candles.Add(Trade(Midnight + (10 * Minute) + 1, 11m, 1m));
        Assert.Equal(2, _store.Count(Btc, CandleInterval.OneMinute));
        Assert.Equal(Midnight + (10 * Minute), Last(CandleInterval.OneMinute).OpenTime);
    }

    [Fact]
    public void A_trade_older_than_the_current_candle_does_not_change_a_closed_candle()
    {
        using var candles = new CandleAggregator(_store, _bus, new CandleAggregatorOptions { Intervals = [CandleInterval.OneSecond, CandleInterval.OneMinute] });
        candles.Add(Trade(Midnight + Second, 10m, 1m));
        candles.Add(Trade(Midnight + (2 * Second), 10m, 1m));
        candles.Add(Trade(Midnight + Second + 1, 99m, 1m)); // late for 1s (its candle closed), in time for 1m

        Assert.Equal(1, candles.LateTrades);
        var seconds = new Candle[2];
        _store.CopyLatest(Btc, CandleInterval.OneSecond, seconds);
        Assert.Equal(10m, seconds[0].High.ToDecimal());
        Assert.Equal(3, Last(CandleInterval.OneMinute).TradeCount);

        candles.CloseDue(Midnight + (5 * Second));
        candles.Add(Trade(Midnight + (2 * Second) + 1, 99m, 1m)); // its 1s candle was closed by CloseDue
        Assert.Equal(2, candles.LateTrades);
        Assert.Equal(1, Last(CandleInterval.OneSecond).TradeCount);
    }

    [Fact]
    public void A_running_candle_seeded_from_REST_is_continued_and_closed_history_is_not_overwritten()
    {
        using var candles = new CandleAggregator(_store, _bus, new CandleAggregatorOptions { Intervals = [CandleInterval.OneMinute] });
        static Candle Rest(long open, decimal o, decimal h, decimal l, decimal c, bool closed) => new(Btc, CandleInterval.OneMinute, open, open + Minute,
            Price.FromDecimal(o, 2), Price.FromDecimal(h, 2), Price.FromDecimal(l, 2), Price.FromDecimal(c, 2),
            Quantity.FromDecimal(10m, 3), Money.FromDecimal(1000m, 5), 50, closed, open, open);
        _store.Seed([Rest(Midnight - Minute, 95m, 99m, 94m, 98m, closed: true), Rest(Midnight, 100m, 105m, 99m, 101m, closed: false)]);

        candles.Add(Trade(Midnight - 1, 50m, 1m)); // the venue's history holds that minute closed: late
        Assert.Equal(1, candles.LateTrades);
        var history = new Candle[2];
        _store.CopyLatest(Btc, CandleInterval.OneMinute, history);
        Assert.Equal(95m, history[0].Open.ToDecimal());

        candles.Add(Trade(Midnight + 5, 106m, 1m));
        var c = Last(CandleInterval.OneMinute);
        Assert.Equal((100m, 106m, 99m, 106m), (c.Open.ToDecimal(), c.High.ToDecimal(), c.Low.ToDecimal(), c.Close.ToDecimal()));
        Assert.Equal((11m, 51L, 1106m), (c.Volume.ToDecimal(), c.TradeCount, c.QuoteVolume.ToDecimal()));
        Assert.Equal(2, _store.Count(Btc, CandleInterval.OneMinute));

        candles.CloseDue(Midnight + Minute);
        Assert.True(Last(CandleInterval.OneMinute).IsClosed);
        Assert.Equal(100m, Last(CandleInterval.OneMinute).Open.ToDecimal());
    }

    [Fact]
    public void A_seeded_running_candle_whose_interval_is_over_closes_when_the_next_one_opens()
    {
        var events = new CandleEvents(_bus);
        using var candles = new CandleAggregator(_store, _bus, new CandleAggregatorOptions { Intervals = [CandleInterval.OneMinute] });
        var px = Price.FromDecimal(100m, 2);
        _store.Seed([new Candle(Btc, CandleInterval.OneMinute, Midnight, Midnight + Minute, px, px, px, px, Quantity.FromDecimal(1m, 3), Money.FromDecimal(100m, 5), 1, false, Midnight, Midnight)]);

        candles.Add(Trade(Midnight + (3 * Minute), 101m, 1m));

        var all = new Candle[2];
        Assert.Equal(2, _store.CopyLatest(Btc, CandleInterval.OneMinute, all));
        Assert.True(all[0].IsClosed);
        Assert.Equal(100m, all[0].Close.ToDecimal());
        Assert.Equal([(Midnight, true), (Midnight + (3 * Minute), false)], events.All.Select(e => (e.OpenTime, e.IsClosed)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_interval_equals_a_plain_group_by_of_random_trades(int seed)
    {
        var random = new Random(seed);
        var trades = new List<(TradeTick Trade, long Count)>();
        var time = Midnight - (3 * 60 * Minute) + random.NextInt64(60 * Minute);
        for (var i = 0; i < 3_000; i++)
        {
            // Bursts and pauses: mostly milliseconds apart, sometimes minutes or hours.
            time += random.Next(10) switch { 0 => random.NextInt64(2 * 60 * Minute), 1 => random.NextInt64(Minute), _ => random.NextInt64(50_000_000) };
            var id = random.Next(4) == 0 ? Eth : Btc;
            var trade = new TradeTick(id, Price.FromRaw(random.Next(9_000_000, 9_100_000), 2), Quantity.FromRaw(random.Next(1, 100_000), 3),
                AggressorSide.Buyer, i, time, time);
            trades.Add((trade, random.Next(1, 4)));
        }

        var store = new MemoryKlineStore(new MemoryKlineStoreOptions { MaxCandlesPerSeries = 10_000 });
        using var candles = new CandleAggregator(store, _bus);
        foreach (var (trade, count) in trades)
        {
            candles.Add(trade, count);
        }

        candles.CloseDue(time + (2 * 24 * 60 * Minute));
        foreach (var interval in new CandleAggregatorOptions().Intervals)
        {
            var length = interval.ToNanoseconds();
            foreach (var id in new[] { Btc, Eth })
            {
                var expected = trades.Where(t => t.Trade.Instrument == id).GroupBy(t => t.Trade.EventTime / length * length).Select(g => (
                    Open: g.Key,
                    O: g.First().Trade.Price.ToDecimal(),
                    H: g.Max(t => t.Trade.Price.ToDecimal()),
                    L: g.Min(t => t.Trade.Price.ToDecimal()),
                    C: g.Last().Trade.Price.ToDecimal(),
                    V: g.Sum(t => t.Trade.Size.ToDecimal()),
                    Q: g.Sum(t => t.Trade.Price.ToDecimal() * t.Trade.Size.ToDecimal()),
                    N: g.Sum(t => t.Count),
                    Closed: true)).ToList();
                var stored = new Candle[store.Count(id, interval)];
                store.CopyLatest(id, interval, stored);
                var actual = stored.Select(c => (c.OpenTime, c.Open.ToDecimal(), c.High.ToDecimal(), c.Low.ToDecimal(), c.Close.ToDecimal(),
                    c.Volume.ToDecimal(), c.QuoteVolume.ToDecimal(), c.TradeCount, c.IsClosed)).ToList();
                Assert.Equal(expected, actual);
            }
        }

        Assert.Equal(0, candles.LateTrades);
    }

    [Fact]
    public void Adding_trades_allocates_nothing_in_steady_state()
    {
        using var candles = new CandleAggregator(_store, _bus);
        var time = Midnight;
        var trade = Trade(time, 100m, 1m);
        void Round()
        {
            for (var i = 0; i < 2_000; i++)
            {
                time += 7_000_000; // 7 ms: 1s candles close and open every ~143 trades
                candles.Add(trade with { EventTime = time, Price = Price.FromRaw(10_000 + (i % 50), 2) }, 2);
            }

            candles.CloseDue(time + Second);
        }

        Assert.Equal(0, Allocations.SteadyState(Round));
        Assert.True(_store.Count(Btc, CandleInterval.OneSecond) > 20, "1s candles closed and opened during the rounds");
    }

    [Fact]
    public void Intervals_without_a_fixed_length_or_repeated_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new CandleAggregator(_store, _bus, new CandleAggregatorOptions { Intervals = [CandleInterval.OneMonth] }));
        Assert.Throws<ArgumentException>(() => new CandleAggregator(_store, _bus, new CandleAggregatorOptions { Intervals = [CandleInterval.OneMinute, CandleInterval.OneMinute] }));
        Assert.Throws<ArgumentException>(() => new CandleAggregator(_store, _bus, new CandleAggregatorOptions { Intervals = [] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CandleAggregator(_store, _bus).Add(Trade(Midnight, 1m, 1m), 0));
    }
}
