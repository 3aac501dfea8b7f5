using FlowSight.Core;

namespace FlowSight.Venues.Binance.Rest;

/// <summary>The outcome of a <see cref="KlineBackfillRequest"/>.</summary>
/// <param name="Candles">Every candle returned, by open time, without duplicates.</param>
/// <param name="Gaps">Where candle intervals are missing between, before or after the candles returned.</param>
/// <param name="EmptyRanges">The page ranges for which Binance returned no candle at all.</param>
/// <param name="Pages">How many requests the backfill took.</param>
public sealed record KlineBackfill(IReadOnlyList<Candle> Candles, IReadOnlyList<KlineGap> Gaps, IReadOnlyList<KlineRange> EmptyRanges, int Pages)
{
    /// <summary>True when Binance returned no candle for the whole range.</summary>
    public bool VenueReturnedNone => Candles.Count == 0;

    /// <summary>True when no candle interval is missing.</summary>
    public bool IsComplete => Gaps.Count == 0;
}
