using FlowSight.Core;

namespace FlowSight.PaperVenue.Exchange;

/// <summary>
/// One instrument's trade history as one-minute candles (the last 7 days), from which candles of any interval from
/// 1m to 1d are aggregated on request, aligned to UTC as the venues align them. Exchange thread only.
/// </summary>
public sealed class PaperCandles
{
    private const long Minute = 60_000_000_000L;
    private readonly Slot[] _slots;
    private readonly Instrument _instrument;
    private long _firstMinute = long.MaxValue;
    private long _lastMinute = long.MinValue;

    /// <summary>Keeps <paramref name="minutes"/> one-minute candles (default: 7 days).</summary>
    public PaperCandles(Instrument instrument, int minutes = 7 * 24 * 60)
    {
        _instrument = instrument ?? throw new ArgumentNullException(nameof(instrument));
        _slots = new Slot[minutes];
    }

    /// <summary>True once a trade was recorded.</summary>
    public bool HasTrades => _lastMinute != long.MinValue;

    /// <summary>Records a trade.</summary>
    public void Add(in TradeTick trade)
    {
        var minute = Math.DivRem(trade.EventTime, Minute, out var rem) - (rem < 0 ? 1 : 0);
        ref var slot = ref _slots[(int)(minute % _slots.Length)];
        var quote = trade.Price.ToDecimal() * trade.Size.ToDecimal() * _instrument.ContractMultiplier;
        var takerBuy = trade.Aggressor == AggressorSide.Buyer;
        if (slot.Minute != minute || slot.Trades == 0)
        {
            slot = new Slot
            {
                Minute = minute,
                Open = trade.Price,
                High = trade.Price,
                Low = trade.Price,
                Close = trade.Price,
                Volume = trade.Size.Raw,
                Quote = quote,
                Trades = 1,
                TakerBuyVolume = takerBuy ? trade.Size.Raw : 0,
                TakerBuyQuote = takerBuy ? quote : 0m,
            };
        }
        else
        {
            if (trade.Price > slot.High)
            {
                slot.High = trade.Price;
            }

            if (trade.Price < slot.Low)
            {
                slot.Low = trade.Price;
            }

            slot.Close = trade.Price;
            slot.Volume += trade.Size.Raw;
            slot.Quote += quote;
            slot.Trades++;
            if (takerBuy)
            {
                slot.TakerBuyVolume += trade.Size.Raw;
                slot.TakerBuyQuote += quote;
            }
        }

        _firstMinute = Math.Min(_firstMinute, minute);
        _lastMinute = Math.Max(_lastMinute, minute);
    }

    /// <summary>
    /// Candles of <paramref name="interval"/> (1m to 1d) whose open time lies in [<paramref name="start"/>,
    /// <paramref name="end"/>] (Unix ns; null: unbounded), the most recent <paramref name="limit"/> of them when only
    /// <paramref name="end"/> or neither is given, otherwise the first <paramref name="limit"/> from
    /// <paramref name="start"/>; oldest first, ending with the candle in progress at <paramref name="now"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An interval below one minute or above one day.</exception>
    public List<PaperCandle> Query(CandleInterval interval, long? start, long? end, int limit, long now)
    {
        var length = interval.ToNanoseconds();
        if (length < Minute || length > 1440 * Minute)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "Candles from 1m to 1d are kept.");
        }

        var result = new List<PaperCandle>();
        if (!HasTrades || limit <= 0)
        {
            return result;
        }

        var oldest = Math.Max(_firstMinute, (now / Minute) - _slots.Length + 1) * Minute;
        var first = Align(oldest, length);
        var last = Align(now, length);
        if (end is { } e)
        {
            last = Math.Min(last, Align(e, length));
        }

        if (start is { } s)
        {
            first = Math.Max(first, Align(s, length) + (Align(s, length) < s ? length : 0));
            if ((last - first) / length + 1 > limit)
            {
                last = first + ((limit - 1) * length);
            }
        }
        else if ((last - first) / length + 1 > limit)
        {
            first = last - ((limit - 1) * length);
        }

        var previousClose = CloseBefore(first);
        for (var open = first; open <= last; open += length)
        {
            var candle = Aggregate(open, length, previousClose);
            if (candle.TradeCount > 0 || previousClose.Raw != 0)
            {
                result.Add(candle);
                previousClose = candle.Close;
            }
        }

        return result;
    }

    /// <summary>The candle of <paramref name="interval"/> in progress at <paramref name="now"/>, if any trade happened yet.</summary>
    public bool TryGetCurrent(CandleInterval interval, long now, out PaperCandle candle)
    {
        var list = Query(interval, null, null, 1, now);
        candle = list.Count > 0 ? list[^1] : default;
        return list.Count > 0;
    }

    private static long Align(long time, long length) => time - (((time % length) + length) % length);

    private Price CloseBefore(long time)
    {
        for (var minute = (time / Minute) - 1; minute >= _firstMinute && minute > (time / Minute) - _slots.Length; minute--)
        {
            ref readonly var slot = ref _slots[(int)(minute % _slots.Length)];
            if (slot.Minute == minute && slot.Trades > 0)
            {
                return slot.Close;
            }
        }

        return default;
    }

    private PaperCandle Aggregate(long open, long length, Price previousClose)
    {
        Price o = default, h = default, l = default, c = previousClose;
        long volume = 0, trades = 0, takerBuy = 0;
        decimal quote = 0m, takerBuyQuote = 0m;
        for (var minute = open / Minute; minute < (open + length) / Minute; minute++)
        {
            ref readonly var slot = ref _slots[(int)(minute % _slots.Length)];
            if (slot.Minute != minute || slot.Trades == 0)
            {
                continue;
            }

            if (trades == 0)
            {
                o = slot.Open;
                h = slot.High;
                l = slot.Low;
            }
            else
            {
                h = slot.High > h ? slot.High : h;
                l = slot.Low < l ? slot.Low : l;
            }

            c = slot.Close;
            volume += slot.Volume;
            quote += slot.Quote;
            trades += slot.Trades;
            takerBuy += slot.TakerBuyVolume;
            takerBuyQuote += slot.TakerBuyQuote;
        }

        if (trades == 0)
        {
            o = h = l = c = previousClose;
        }

        var size = _instrument.SizePrecision;
        return new PaperCandle(open, open + length, o, h, l, c, Quantity.FromRaw(volume, size), quote, trades,
            Quantity.FromRaw(takerBuy, size), takerBuyQuote);
    }

    private struct Slot
    {
        public long Minute;
        public Price Open;
        public Price High;
        public Price Low;
        public Price Close;
        public long Volume;
        public decimal Quote;
        public long Trades;
        public long TakerBuyVolume;
        public decimal TakerBuyQuote;
    }
}
