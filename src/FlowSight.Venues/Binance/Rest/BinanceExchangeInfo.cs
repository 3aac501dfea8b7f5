using FlowSight.Core;
using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.Binance.Rest;

/// <summary>A market's <c>exchangeInfo</c>: its symbols as instrument specs and its declared rate limits.</summary>
/// <param name="Market">The market it describes.</param>
/// <param name="Timezone">The server's time zone (<c>UTC</c>).</param>
/// <param name="ServerTime">The server's time when it answered, Unix nanoseconds (use <c>time</c> for the clock offset).</param>
/// <param name="RateLimits">The <c>rateLimits</c> array as declared.</param>
/// <param name="Symbols">Every symbol (or the ones asked for), in Binance's order.</param>
public sealed record BinanceExchangeInfo(
    BinanceMarket Market,
    string Timezone,
    long ServerTime,
    IReadOnlyList<BinanceRateLimit> RateLimits,
    IReadOnlyList<BinanceSymbolInfo> Symbols)
{
    /// <summary>The instrument specs of <see cref="Symbols"/>.</summary>
    public IEnumerable<Instrument> Instruments => Symbols.Select(s => s.Spec);

    /// <summary>The declared limits as rules for the host's rate limiter (<see cref="BinanceRateLimits.ToRules"/>).</summary>
    public IReadOnlyList<RateLimitRule> RateLimitRules => BinanceRateLimits.ToRules(Market, RateLimits);

    /// <summary>The symbol named <paramref name="symbol"/> (Binance's spelling), or null.</summary>
    public BinanceSymbolInfo? Find(string symbol) =>
        Symbols.FirstOrDefault(s => string.Equals(s.Spec.VenueSymbol, symbol, StringComparison.OrdinalIgnoreCase));
}
