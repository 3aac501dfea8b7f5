using FlowSight.Core;

namespace FlowSight.Venues.Binance.Rest;

/// <summary>
/// Asks for open-interest statistics (<c>/futures/data/openInterestHist</c>; Binance keeps the last 30 days). On COIN-M
/// the endpoint is per pair and contract type, so only perpetual symbols (<c>BTCUSD_PERP</c>) are accepted there.
/// </summary>
/// <param name="Symbol">Binance's symbol, e.g. <c>BTCUSDT</c> or <c>BTCUSD_PERP</c>.</param>
/// <param name="Period">One of 5m, 15m, 30m, 1h, 2h, 4h, 6h, 12h, 1d.</param>
public sealed record OpenInterestHistoryRequest(string Symbol, CandleInterval Period)
{
    /// <summary>The first time wanted, Unix nanoseconds; null for the latest.</summary>
    public long? StartTime { get; init; }

    /// <summary>The last time wanted, Unix nanoseconds; null for none.</summary>
    public long? EndTime { get; init; }

    /// <summary>The most entries, up to 500; null for Binance's default (30).</summary>
    public int? Limit { get; init; }
}
