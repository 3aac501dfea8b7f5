using FlowSight.Core;
using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.Okx.Rest;

/// <summary>The outcome of an <see cref="OkxCandleBackfillRequest"/>.</summary>
/// <param name="Candles">Every candle returned in the range, oldest first, without duplicates.</param>
/// <param name="Gaps">Where candle intervals are missing between, before or after the candles returned.</param>
/// <param name="Pages">How many requests the backfill took.</param>
/// <param name="UnconfirmedDropped">Still-forming candles (<c>confirm</c> = 0) left out.</param>
public sealed record OkxCandleBackfill(IReadOnlyList<Candle> Candles, IReadOnlyList<CandleGap> Gaps, int Pages, int UnconfirmedDropped)
{
    /// <summary>True when no candle interval is missing.</summary>
    public bool IsComplete => Gaps.Count == 0;
}
