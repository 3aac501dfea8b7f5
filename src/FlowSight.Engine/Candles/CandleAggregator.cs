using FlowSight.Core;
using FlowSight.Engine.Bus;

namespace FlowSight.Engine.Candles;

/// <summary>
/// Builds candles from trades on the engine thread, for every configured interval, aligned to UTC interval
/// boundaries (a candle covers [OpenTime, OpenTime + length) with OpenTime a multiple of the length since the Unix
/// epoch, so 1d starts at 00:00 UTC and 4h at 00/04/08… UTC, as Binance and OKX do). A candle opens with the first
/// trade of its interval and closes with the first trade of a later interval or, when no trade comes, at
/// <see cref="CloseDue"/>. Every change is written to the <see cref="MemoryKlineStore"/>; the bus gets a
/// <see cref="Candle"/> with <c>IsClosed=false</c> when a candle opens and one with <c>IsClosed=true</c> when it
/// closes (not on every trade: readers that want the running candle poll the store by version).
/// A candle opening over a running candle seeded from REST (same open time, not closed) continues it; a trade for an
/// interval the store already holds closed, or older than the newest stored candle, is late; a seeded running candle
/// of an earlier interval is closed when the next one opens.
/// Intervals without trades produce no candle. A trade older than its interval's current candle is not counted
/// (<see cref="LateTrades"/>): a closed candle never changes. Nothing is allocated per trade once an instrument has
/// traded and its series rings exist.
/// </summary>
public sealed class CandleAggregator : IEventHandler<TradeTick>, IDisposable
{
    private readonly MemoryKlineStore _store;
    private readonly EventBus _bus;
    private readonly CandleInterval[] _intervals;
    private readonly long[] _lengths;
    private readonly Dictionary<InstrumentId, Builder[]> _byInstrument = [];
    private readonly List<Builder[]> _all = [];
    private readonly IDisposable _subscription;

    /// <summary>Creates the aggregator and subscribes it to every <see cref="TradeTick"/> on <paramref name="bus"/>.</summary>
    /// <exception cref="ArgumentException">No intervals, a repeated interval, or one without a fixed length (1M).</exception>
    public CandleAggregator(MemoryKlineStore store, EventBus bus, CandleAggregatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(bus);
        options ??= new CandleAggregatorOptions();
        if (options.Intervals is null || options.Intervals.Count == 0)
        {
            throw new ArgumentException("At least one candle interval is needed.", nameof(options));
        }

        if (options.Intervals.Distinct().Count() != options.Intervals.Count)
        {
            throw new ArgumentException("Candle intervals repeat: " + string.Join(",", options.Intervals.Select(i => i.ToCode())), nameof(options));
        }

        if (options.Intervals.Contains(CandleInterval.OneMonth))
        {
            throw new ArgumentException("1M candles have no fixed length and are not aggregated; seed them from the venue.", nameof(options));
        }

        _store = store;
        _bus = bus;
        _intervals = [.. options.Intervals];
        _lengths = [.. _intervals.Select(i => i.ToNanoseconds())];
        _subscription = bus.Subscribe<TradeTick>("candles", this);
    }

    /// <summary>The store candles are written to.</summary>
    public MemoryKlineStore Store => _store;

    /// <summary>Trades counted (each <see cref="Add"/> once, whatever its trade count).</summary>
    public long Trades { get; private set; }

    /// <summary>Per-interval updates skipped because the trade was older than that interval's current candle, or its interval is already closed in the store.</summary>
    public long LateTrades { get; private set; }

    /// <inheritdoc/>
    public void Handle(in TradeTick evt) => Add(evt);

    /// <summary>
    /// Adds one trade to every interval's candle. <paramref name="tradeCount"/> is how many venue trades it stands for
    /// (a Binance <c>aggTrade</c> carries <c>l - f + 1</c>), so that <see cref="Candle.TradeCount"/> matches the venue's.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tradeCount"/> is below 1.</exception>
    public void Add(in TradeTick trade, long tradeCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tradeCount, 1);
        if (!_byInstrument.TryGetValue(trade.Instrument, out var builders))
        {
            builders = Create(trade.Instrument);
        }

        Trades++;
        var time = trade.EventTime;
        var price = trade.Price;
        var size = trade.Size;
        var notional = price.Notional(size, (byte)Math.Min(Money.MaxPrecision, price.Precision + size.Precision), RoundingMode.ToEven);
        for (var i = 0; i < builders.Length; i++)
        {
            ref var b = ref builders[i];
            if (b.Active && time >= b.Current.OpenTime && time < b.Current.CloseTime)
            {
                // The common case: the trade falls in the running candle (no division needed to know it).
                ref readonly var c = ref b.Current;
                b.Current = c with
                {
                    High = price > c.High ? price : c.High,
                    Low = price < c.Low ? price : c.Low,
                    Close = price,
                    Volume = c.Volume + size,
                    QuoteVolume = c.QuoteVolume + notional,
                    TradeCount = c.TradeCount + tradeCount,
                    EventTime = time,
                    ReceiveTime = trade.ReceiveTime,
                };
                _store.UpsertCached(ref b.Series, in b.Current);
                continue;
            }

            var length = _lengths[i];
            var rem = time % length;
            var openTime = time - (rem < 0 ? rem + length : rem);
            if (b.Active)
            {
                if (openTime < b.Current.OpenTime)
                {
                    LateTrades++;
                    continue;
                }

                Close(ref b, trade.ReceiveTime);
            }
            else if (b.HasClosed && openTime <= b.LastClosedOpenTime)
            {
                LateTrades++;
                continue;
            }

            b.Current = new Candle(trade.Instrument, _intervals[i], openTime, openTime + length, price, price, price, price,
                size, notional, tradeCount, IsClosed: false, time, trade.ReceiveTime);
            var stored = _store.Probe(ref b.Series, new CandleSeriesKey(trade.Instrument, _intervals[i]), openTime, out var seeded);
            if (stored == 2)
            {
                // The store (the venue's history) already holds this interval closed, or newer ones: the trade is late.
                b.HasClosed = true;
                b.LastClosedOpenTime = openTime;
                LateTrades++;
                continue;
            }

            if (stored == 3)
            {
                // A running candle seeded from REST whose interval is over: nothing else would close it.
                var over = seeded with { IsClosed = true, ReceiveTime = trade.ReceiveTime };
                _store.UpsertCached(ref b.Series, in over);
                _bus.Publish(in over);
            }
            else if (stored == 1)
            {
                // A running candle seeded from REST: continue it, so the chart keeps the venue's open and range
                // instead of restarting the candle from our first trade.
                b.Current = b.Current with
                {
                    Open = seeded.Open,
                    High = seeded.High > price ? seeded.High : price,
                    Low = seeded.Low < price ? seeded.Low : price,
                    Volume = seeded.Volume + size,
                    QuoteVolume = seeded.QuoteVolume + notional,
                    TradeCount = seeded.TradeCount + tradeCount,
                };
            }

            b.Active = true;
            _store.UpsertCached(ref b.Series, in b.Current);
            _bus.Publish(in b.Current);
        }
    }

    /// <summary>
    /// Closes every open candle whose interval ended at or before <paramref name="nowNanos"/> (Unix nanoseconds, the
    /// venue's clock as far as we know it): call it from an engine timer so candles close without waiting for the
    /// next trade.
    /// </summary>
    public void CloseDue(long nowNanos)
    {
        foreach (var builders in _all)
        {
            for (var i = 0; i < builders.Length; i++)
            {
                ref var b = ref builders[i];
                if (b.Active && b.Current.CloseTime <= nowNanos)
                {
                    Close(ref b, nowNanos);
                }
            }
        }
    }

    /// <summary>Stops receiving trades from the bus.</summary>
    public void Dispose() => _subscription.Dispose();

    private void Close(ref Builder b, long receiveTime)
    {
        b.Current = b.Current with { IsClosed = true, ReceiveTime = receiveTime };
        b.Active = false;
        b.HasClosed = true;
        b.LastClosedOpenTime = b.Current.OpenTime;
        _store.UpsertCached(ref b.Series, in b.Current);
        _bus.Publish(in b.Current);
    }

    private Builder[] Create(InstrumentId instrument)
    {
        var builders = new Builder[_intervals.Length];
        _byInstrument.Add(instrument, builders);
        _all.Add(builders);
        return builders;
    }

    /// <summary>One interval's running candle for one instrument.</summary>
    private struct Builder
    {
        public Candle Current;
        public bool Active;
        public bool HasClosed;
        public long LastClosedOpenTime;
        public CandleSeries? Series;
    }
}
