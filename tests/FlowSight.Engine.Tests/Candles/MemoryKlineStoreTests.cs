using FlowSight.Core;
using FlowSight.Engine.Candles;
using Xunit;

namespace FlowSight.Engine.Tests.Candles;

/// <summary>The bounded candle store: ordering, replacement, per-series limit, LRU series eviction, seeding, versions.</summary>
public sealed class MemoryKlineStoreTests
{
    private static readonly InstrumentId Btc = InstrumentId.Parse("BTCUSDT-PERP.BINANCE");
    private static readonly InstrumentId Eth = InstrumentId.Parse("ETHUSDT-PERP.BINANCE");
    private const long Minute = 60_000_000_000L;
    private const long T0 = 1_764_000_000L * 1_000_000_000L; // a whole minute (and day) in 2025

    internal static Candle Bar(InstrumentId id, long minute, decimal close, bool closed = true, CandleInterval interval = CandleInterval.OneMinute, long trades = 1)
    {
        var length = interval.ToNanoseconds();
        var open = T0 + (minute * length);
        var px = Price.FromDecimal(close, 2);
        return new Candle(id, interval, open, open + length, px, px, px, px, Quantity.FromDecimal(1m, 3), Money.FromDecimal(close, 5),
            trades, closed, open, open);
    }

    private static Candle[] Latest(MemoryKlineStore store, InstrumentId id, int n = 100, CandleInterval interval = CandleInterval.OneMinute)
    {
        var buffer = new Candle[n];
        var count = store.CopyLatest(id, interval, buffer);
        return buffer[..count];
    }

    [Fact]
    public void Upsert_replaces_the_same_open_time_and_appends_newer_ones_oldest_first()
    {
        var store = new MemoryKlineStore();
        store.Upsert(Bar(Btc, 0, 100m, closed: false));
        store.Upsert(Bar(Btc, 0, 101m));
        store.Upsert(Bar(Btc, 1, 102m, closed: false));

        Assert.Equal(2, store.Count(Btc, CandleInterval.OneMinute));
        Assert.Equal([101m, 102m], Latest(store, Btc).Select(c => c.Close.ToDecimal()));
        Assert.True(store.TryGetLast(Btc, CandleInterval.OneMinute, out var last));
        Assert.Equal(T0 + Minute, last.OpenTime);
        Assert.False(last.IsClosed);
        Assert.False(store.TryGetLast(Btc, CandleInterval.FiveMinutes, out _));
        Assert.Equal(0, store.Count(Eth, CandleInterval.OneMinute));
    }

    [Fact]
    public void An_older_candle_is_inserted_in_open_time_order()
    {
        var store = new MemoryKlineStore();
        store.Upsert(Bar(Btc, 0, 100m));
        store.Upsert(Bar(Btc, 3, 103m));
        store.Upsert(Bar(Btc, 1, 101m));
        store.Upsert(Bar(Btc, 1, 111m));

        Assert.Equal([0L, 1, 3], Latest(store, Btc).Select(c => (c.OpenTime - T0) / Minute));
        Assert.Equal(111m, Latest(store, Btc)[1].Close.ToDecimal());
    }

    [Fact]
    public void A_full_series_drops_its_oldest_candles_and_CopyLatest_returns_the_newest_oldest_first()
    {
        var store = new MemoryKlineStore(new MemoryKlineStoreOptions { MaxCandlesPerSeries = 5 });
        for (var m = 0; m < 12; m++)
        {
            store.Upsert(Bar(Btc, m, 100m + m));
        }

        Assert.Equal(5, store.Count(Btc, CandleInterval.OneMinute));
        Assert.Equal([7L, 8, 9, 10, 11], Latest(store, Btc).Select(c => (c.OpenTime - T0) / Minute));
        Assert.Equal([10L, 11], Latest(store, Btc, 2).Select(c => (c.OpenTime - T0) / Minute));

        // An insertion into a full series drops the oldest; one older than everything kept is refused.
        store.Upsert(Bar(Btc, 8, 208m));
        store.Upsert(Bar(Btc, 2, 202m));
        Assert.Equal([7L, 8, 9, 10, 11], Latest(store, Btc).Select(c => (c.OpenTime - T0) / Minute));
        Assert.Equal(208m, Latest(store, Btc)[1].Close.ToDecimal());
    }

    [Fact]
    public void Inserting_into_a_full_wrapped_ring_keeps_order()
    {
        var store = new MemoryKlineStore(new MemoryKlineStoreOptions { MaxCandlesPerSeries = 4 });
        foreach (var m in new[] { 0, 2, 4, 6, 8, 10 })
        {
            store.Upsert(Bar(Btc, m, m));
        }

        store.Upsert(Bar(Btc, 7, 7m)); // 4 6 8 10 -> 6 7 8 10
        store.Upsert(Bar(Btc, 9, 9m)); // -> 7 8 9 10
        Assert.Equal([7L, 8, 9, 10], Latest(store, Btc).Select(c => (c.OpenTime - T0) / Minute));
    }

    [Fact]
    public void Creating_a_series_beyond_the_limit_evicts_the_least_recently_written_one()
    {
        var store = new MemoryKlineStore(new MemoryKlineStoreOptions { MaxSeries = 2 });
        store.Upsert(Bar(Btc, 0, 1m));
        store.Upsert(Bar(Eth, 0, 2m));
        store.Upsert(Bar(Btc, 1, 3m)); // BTC 1m is now the most recently written
        var ethVersion = store.GetVersion(Eth, CandleInterval.OneMinute);

        store.Upsert(Bar(Btc, 0, 4m, interval: CandleInterval.FiveMinutes));

        Assert.Equal(
            new[] { new CandleSeriesKey(Btc, CandleInterval.OneMinute), new CandleSeriesKey(Btc, CandleInterval.FiveMinutes) }.ToHashSet(),
            store.SeriesKeys().ToHashSet());
        Assert.Equal(0, store.Count(Eth, CandleInterval.OneMinute));
        Assert.False(store.TryGetLast(Eth, CandleInterval.OneMinute, out _));
        Assert.Equal(1, store.Evictions);
        Assert.True(store.GetVersion(Eth, CandleInterval.OneMinute) > ethVersion, "eviction is a change");

        store.Upsert(Bar(Eth, 5, 5m)); // comes back, evicting BTC 1m (the least recently written now)
        Assert.Equal(1, store.Count(Eth, CandleInterval.OneMinute));
        Assert.Equal(0, store.Count(Btc, CandleInterval.OneMinute));
        Assert.Equal(1, store.Count(Btc, CandleInterval.FiveMinutes));
    }

    [Fact]
    public void Versions_grow_on_every_change_and_only_for_the_changed_series()
    {
        var store = new MemoryKlineStore();
        Assert.Equal(0, store.GetVersion(Btc, CandleInterval.OneMinute));
        store.Upsert(Bar(Btc, 0, 1m, closed: false));
        var v1 = store.GetVersion(Btc, CandleInterval.OneMinute);
        store.Upsert(Bar(Btc, 0, 2m, closed: false));
        var v2 = store.GetVersion(Btc, CandleInterval.OneMinute);
        store.Upsert(Bar(Eth, 0, 1m));
        Assert.Equal(v2, store.GetVersion(Btc, CandleInterval.OneMinute));
        store.Seed([Bar(Btc, -1, 0.5m)]);
        var v3 = store.GetVersion(Btc, CandleInterval.OneMinute);

        Assert.True(v1 > 0);
        Assert.True(v2 > v1);
        Assert.True(v3 > v2);

        store.Seed([Bar(Btc, 0, 9m, closed: false)]); // ignored: no change, no bump
        Assert.Equal(v3, store.GetVersion(Btc, CandleInterval.OneMinute));
    }

    [Fact]
    public void Seed_merges_history_under_live_candles_and_only_a_closed_candle_of_the_same_open_time_replaces_one()
    {
        var store = new MemoryKlineStore();
        store.Upsert(Bar(Btc, 3, 300m, closed: true));   // live, closed but started mid-minute
        store.Upsert(Bar(Btc, 4, 400m, closed: false));  // live, running

        var added = store.Seed(
        [
            Bar(Btc, 4, 44m, closed: false), // REST's running candle: older data than ours, ignored
            Bar(Btc, 0, 10m),
            Bar(Btc, 2, 20m),
            Bar(Btc, 1, 11m),
            Bar(Btc, 3, 33m, closed: true),  // the venue's complete candle replaces our partial one
        ]);

        Assert.Equal(4, added);
        var all = Latest(store, Btc);
        Assert.Equal([0L, 1, 2, 3, 4], all.Select(c => (c.OpenTime - T0) / Minute));
        Assert.Equal([10m, 11m, 20m, 33m, 400m], all.Select(c => c.Close.ToDecimal()));
        Assert.False(all[^1].IsClosed);

        // Nothing changes on a repeat.
        Assert.Equal(0, store.Seed([Bar(Btc, 0, 10m), Bar(Btc, 3, 33m, closed: true)]));
    }

    [Fact]
    public void Seed_into_a_full_series_keeps_the_newest()
    {
        var store = new MemoryKlineStore(new MemoryKlineStoreOptions { MaxCandlesPerSeries = 3 });
        store.Upsert(Bar(Btc, 10, 10m, closed: false));
        var added = store.Seed(Enumerable.Range(0, 10).Select(m => Bar(Btc, m, m)));

        Assert.Equal([8L, 9, 10], Latest(store, Btc).Select(c => (c.OpenTime - T0) / Minute));
        Assert.Equal(10m, Latest(store, Btc)[^1].Close.ToDecimal());
        Assert.Equal(2, added);
    }

    [Fact]
    public void Limits_below_one_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryKlineStore(new MemoryKlineStoreOptions { MaxSeries = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryKlineStore(new MemoryKlineStoreOptions { MaxCandlesPerSeries = 0 }));
    }
}
