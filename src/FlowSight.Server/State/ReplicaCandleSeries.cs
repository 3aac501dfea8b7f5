using FlowSight.Core;

namespace FlowSight.Server.State;

/// <summary>
/// The replica's copy of one candle series (instrument × interval): the store's version it was copied at, the raw
/// candles and their views, so a flush rebuilds only the views of candles that changed (usually the open one).
/// </summary>
internal sealed class ReplicaCandleSeries
{
    private Candle[] _raw = [];
    private CandleView[] _views = [];

    /// <summary>The store's version of the series when it was last copied (0: never).</summary>
    public long StoreVersion { get; set; }

    /// <summary>The latest views, oldest first; replaced, never changed, so readers on any thread may hold it.</summary>
    public CandleView[] Views => Volatile.Read(ref _views);

    /// <summary>Takes <paramref name="latest"/> (oldest first) as the series' new content (engine thread).</summary>
    public void Update(ReadOnlySpan<Candle> latest)
    {
        var previousRaw = _raw;
        var previousViews = _views;

        // Candles are keyed by open time: find where the new first candle sat before (the window slides by appends).
        var offset = -1;
        if (latest.Length > 0)
        {
            for (var j = 0; j < previousRaw.Length; j++)
            {
                if (previousRaw[j].OpenTime == latest[0].OpenTime)
                {
                    offset = j;
                    break;
                }
            }
        }

        var raw = latest.ToArray();
        var views = new CandleView[latest.Length];
        for (var i = 0; i < latest.Length; i++)
        {
            var j = offset < 0 ? -1 : offset + i;
            views[i] = j >= 0 && j < previousRaw.Length && previousRaw[j] == latest[i] ? previousViews[j] : ToView(in latest[i]);
        }

        _raw = raw;
        Volatile.Write(ref _views, views);
    }

    private static CandleView ToView(in Candle candle) => new(
        ViewText.Millis(candle.OpenTime),
        candle.Open.ToDecimal(),
        candle.High.ToDecimal(),
        candle.Low.ToDecimal(),
        candle.Close.ToDecimal(),
        candle.Volume.ToDecimal(),
        candle.TradeCount,
        candle.IsClosed);
}
