using FlowSight.Core;

namespace FlowSight.Engine.Candles;

/// <summary>
/// Candles in memory, per instrument and interval, bounded twice: each series keeps at most
/// <see cref="MemoryKlineStoreOptions.MaxCandlesPerSeries"/> (a preallocated ring: the oldest go first), and the store
/// keeps at most <see cref="MemoryKlineStoreOptions.MaxSeries"/> series (creating one more evicts the series written
/// least recently; reads don't count as use, so a reader polling every series cannot pin them all).
/// Live candles (from <see cref="CandleAggregator"/>) arrive through <see cref="Upsert"/>, REST history through
/// <see cref="Seed"/>. Engine thread only: no locks; readers on other threads go through the state replica.
/// </summary>
public sealed class MemoryKlineStore
{
    private readonly MemoryKlineStoreOptions _options;
    private readonly Dictionary<CandleSeriesKey, CandleSeries> _series = [];
    private readonly Dictionary<CandleSeriesKey, long> _evictedVersions = [];
    private long _version;
    private long _clock;

    /// <summary>Creates a store.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is below 1.</exception>
    public MemoryKlineStore(MemoryKlineStoreOptions? options = null)
    {
        _options = options ?? new MemoryKlineStoreOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxCandlesPerSeries, 1, "options.MaxCandlesPerSeries");
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxSeries, 1, "options.MaxSeries");
    }

    /// <summary>The limits.</summary>
    public MemoryKlineStoreOptions Options => _options;

    /// <summary>How many series were evicted to make room for new ones.</summary>
    public long Evictions { get; private set; }

    /// <summary>
    /// Stores a candle: one with the same open time replaces the stored one, a newer one is appended (dropping the
    /// oldest when the series is full), an older one is inserted in order (unless the series is full and it is older
    /// than every kept candle).
    /// </summary>
    public void Upsert(in Candle candle)
    {
        var series = GetOrCreate(new CandleSeriesKey(candle.Instrument, candle.Interval));
        Write(series, candle);
    }

    /// <summary>
    /// Merges REST history under the live candles: a missing candle is added; a candle already stored (live) is only
    /// replaced by a <em>closed</em> history candle of the same open time (the venue's complete candle beats our own,
    /// which may have started mid-interval); an open history candle never overwrites a stored one. History older than
    /// a full series' oldest candle is ignored. Returns how many candles were added or replaced.
    /// </summary>
    public int Seed(IEnumerable<Candle> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var sorted = history.ToArray();
        // Newest first: once a full series' oldest slot is reached, older history is refused instead of being
        // inserted and pushed out again.
        Array.Sort(sorted, static (a, b) => b.OpenTime.CompareTo(a.OpenTime));
        var stored = 0;
        foreach (var candle in sorted)
        {
            var series = GetOrCreate(new CandleSeriesKey(candle.Instrument, candle.Interval));
            var index = series.Count == 0 ? ~0 : series.Find(candle.OpenTime);
            bool changed;
            if (index >= 0)
            {
                changed = candle.IsClosed && !series[index].Equals(candle);
                if (changed)
                {
                    series[index] = candle;
                }
            }
            else
            {
                changed = series.Insert(~index, candle);
            }

            if (changed)
            {
                Touch(series);
                stored++;
            }
        }

        return stored;
    }

    /// <summary>The newest candle of a series.</summary>
    public bool TryGetLast(InstrumentId instrument, CandleInterval interval, out Candle candle)
    {
        if (_series.TryGetValue(new CandleSeriesKey(instrument, interval), out var series) && series.Count > 0)
        {
            candle = series.Newest;
            return true;
        }

        candle = default;
        return false;
    }

    /// <summary>Copies the newest candles of a series into <paramref name="destination"/>, oldest first; returns how many.</summary>
    public int CopyLatest(InstrumentId instrument, CandleInterval interval, Span<Candle> destination) =>
        _series.TryGetValue(new CandleSeriesKey(instrument, interval), out var series) ? series.CopyLatest(destination) : 0;

    /// <summary>How many candles a series holds (0 when unknown or evicted).</summary>
    public int Count(InstrumentId instrument, CandleInterval interval) =>
        _series.TryGetValue(new CandleSeriesKey(instrument, interval), out var series) ? series.Count : 0;

    /// <summary>
    /// A number that grows on every change of the series (including its eviction); 0 for a series never stored.
    /// Readers compare it with the value they saw last to skip unchanged series.
    /// </summary>
    public long GetVersion(InstrumentId instrument, CandleInterval interval)
    {
        var key = new CandleSeriesKey(instrument, interval);
        if (_series.TryGetValue(key, out var series))
        {
            return series.Version;
        }

        return _evictedVersions.GetValueOrDefault(key);
    }

    /// <summary>The series currently held.</summary>
    public IReadOnlyList<CandleSeriesKey> SeriesKeys() => [.. _series.Keys];

    /// <summary>Writes into a series the caller cached, looking it up again if it was evicted (the aggregator's
    /// per-trade path: no dictionary lookup while the series lives).</summary>
    internal void UpsertCached(ref CandleSeries? cached, in Candle candle)
    {
        if (cached is null || cached.Evicted)
        {
            cached = GetOrCreate(new CandleSeriesKey(candle.Instrument, candle.Interval));
        }

        Write(cached, candle);
    }

    /// <summary>
    /// What the store holds at <paramref name="openTime"/> for the aggregator opening a candle there, through its
    /// cached series reference (refreshed when evicted; never creates a series): 0 nothing there or newer,
    /// 1 a running candle there (returned), 2 a closed candle there or a newer candle (the interval is history),
    /// 3 nothing there but the newest candle is an older running one (returned: a seeded candle now over).
    /// </summary>
    internal int Probe(ref CandleSeries? cached, in CandleSeriesKey key, long openTime, out Candle candle)
    {
        candle = default;
        if ((cached is null || cached.Evicted) && !_series.TryGetValue(key, out cached))
        {
            return 0;
        }

        if (cached.Count == 0)
        {
            return 0;
        }

        if (cached.Newest.OpenTime < openTime)
        {
            candle = cached.Newest;
            return candle.IsClosed ? 0 : 3;
        }

        var index = cached.Find(openTime);
        if (index < 0 || cached[index].IsClosed)
        {
            return 2;
        }

        candle = cached[index];
        return 1;
    }

    private void Write(CandleSeries series, in Candle candle)
    {
        if (series.Count == 0 || candle.OpenTime > series.Newest.OpenTime)
        {
            series.Append(candle);
        }
        else if (candle.OpenTime == series.Newest.OpenTime)
        {
            series.Newest = candle;
        }
        else
        {
            var index = series.Find(candle.OpenTime);
            if (index >= 0)
            {
                series[index] = candle;
            }
            else if (!series.Insert(~index, candle))
            {
                return;
            }
        }

        Touch(series);
    }

    private void Touch(CandleSeries series)
    {
        series.Version = ++_version;
        series.LastUsed = ++_clock;
    }

    private CandleSeries GetOrCreate(CandleSeriesKey key)
    {
        if (_series.TryGetValue(key, out var series))
        {
            return series;
        }

        if (_series.Count >= _options.MaxSeries)
        {
            Evict();
        }

        series = new CandleSeries(key, _options.MaxCandlesPerSeries);
        _series.Add(key, series);
        _evictedVersions.Remove(key);
        return series;
    }

    private void Evict()
    {
        CandleSeries? oldest = null;
        foreach (var series in _series.Values)
        {
            if (oldest is null || series.LastUsed < oldest.LastUsed)
            {
                oldest = series;
            }
        }

        if (oldest is not null)
        {
            _series.Remove(oldest.Key);
            oldest.Evicted = true;
            _evictedVersions[oldest.Key] = ++_version;
            Evictions++;
        }
    }
}
