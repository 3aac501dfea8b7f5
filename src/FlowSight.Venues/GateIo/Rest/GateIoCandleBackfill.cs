using FlowSight.Core;
using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.GateIo.Rest;

/// <summary>The outcome of a <see cref="GateIoCandleBackfillRequest"/>.</summary>
/// <param name="Candles">Every candle returned in the range, oldest first, without duplicates.</param>
/// <param name="Gaps">Where candle intervals are missing between, before or after the candles returned.</param>
/// <param name="Pages">How many requests the backfill took.</param>
/// <param name="UnclosedDropped">Still-forming candles left out.</param>
public sealed record GateIoCandleBackfill(IReadOnlyList<Candle> Candles, IReadOnlyList<CandleGap> Gaps, int Pages, int UnclosedDropped)
{
    /// <summary>True when no candle interval is missing.</summary>
    public bool IsComplete => Gaps.Count == 0;
}
