using FlowSight.Core;

namespace FlowSight.Venues.Binance;

/// <summary>
/// FlowSight's instrument ids for Binance symbols: spot <c>BTCUSDT.BINANCE</c>; USDⓈ-M perpetual
/// <c>BTCUSDT-PERP.BINANCE</c>; USDⓈ-M dated future keeps Binance's symbol (<c>BTCUSDT_240927.BINANCE</c>);
/// COIN-M keeps Binance's symbol (<c>BTCUSD_PERP.BINANCE</c>, <c>BTCUSD_240927.BINANCE</c>).
/// </summary>
public static class BinanceInstrumentIds
{
    /// <summary>The suffix that marks a USDⓈ-M perpetual, whose Binance symbol has none.</summary>
    public const string PerpetualSuffix = "-PERP";

    /// <summary>
    /// The id for <paramref name="symbol"/> (Binance's upper-case symbol) on <paramref name="market"/>. A USDⓈ-M
    /// symbol without '_' is taken to be a perpetual (dated contracts are <c>BASEQUOTE_YYMMDD</c>); register the id
    /// from <c>exchangeInfo</c>'s contract type where that guess is not good enough.
    /// </summary>
    /// <exception cref="FormatException">The symbol cannot be part of an <see cref="InstrumentId"/>.</exception>
    public static InstrumentId Of(BinanceMarket market, string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        return market switch
        {
            BinanceMarket.Spot or BinanceMarket.CoinM => InstrumentId.Of(symbol, Venue.Binance),
            BinanceMarket.UsdM => InstrumentId.Of(symbol.Contains('_', StringComparison.Ordinal) ? symbol : symbol + PerpetualSuffix, Venue.Binance),
            _ => throw new ArgumentOutOfRangeException(nameof(market), market, "Unknown Binance market."),
        };
    }
}
