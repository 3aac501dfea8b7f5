using FlowSight.Core;

namespace FlowSight.Venues.GateIo;

/// <summary>
/// FlowSight's instrument ids for Gate.io: a spot pair keeps Gate's name (<c>BTC_USDT.GATEIO</c>); a USDT perpetual,
/// whose contract name is the same text, gets <see cref="PerpetualSuffix"/> (<c>BTC_USDT-PERP.GATEIO</c>) so the
/// two never collide. CLI forms: <c>gate-spot:BTC_USDT</c>, <c>gate-usdt:BTC_USDT</c>.
/// </summary>
public static class GateIoInstrumentIds
{
    /// <summary>The suffix that marks a USDT perpetual.</summary>
    public const string PerpetualSuffix = "-PERP";

    /// <summary>The id for <paramref name="name"/> (Gate's currency pair or contract, e.g. <c>BTC_USDT</c>) on <paramref name="market"/>.</summary>
    /// <exception cref="FormatException">The name cannot be part of an <see cref="InstrumentId"/>.</exception>
    public static InstrumentId Of(GateIoMarket market, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var symbol = name.ToUpperInvariant();
        return market switch
        {
            GateIoMarket.Spot => InstrumentId.Of(symbol, Venue.GateIo),
            GateIoMarket.UsdtFutures => InstrumentId.Of(symbol + PerpetualSuffix, Venue.GateIo),
            _ => throw new ArgumentOutOfRangeException(nameof(market), market, "Unknown Gate.io market."),
        };
    }

    /// <summary>Parses the CLI form <c>gate-spot:BTC_USDT</c> or <c>gate-usdt:BTC_USDT</c>.</summary>
    /// <exception cref="FormatException">Not a Gate.io CLI instrument.</exception>
    public static InstrumentId ParseCli(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1 || !GateIoMarketExtensions.TryParseCliPrefix(text.AsSpan(0, colon), out var market))
        {
            throw new FormatException($"'{text}' is not a Gate.io instrument; expected gate-spot:BTC_USDT or gate-usdt:BTC_USDT.");
        }

        return Of(market, text[(colon + 1)..]);
    }

    /// <summary>The market and Gate name of an id made by <see cref="Of"/>; false for another venue.</summary>
    public static bool TryDecompose(InstrumentId instrument, out GateIoMarket market, out string name)
    {
        market = default;
        name = string.Empty;
        if (instrument.IsDefault || instrument.Venue != Venue.GateIo)
        {
            return false;
        }

        var symbol = instrument.Symbol;
        if (symbol.EndsWith(PerpetualSuffix, StringComparison.Ordinal))
        {
            market = GateIoMarket.UsdtFutures;
            name = symbol[..^PerpetualSuffix.Length];
        }
        else
        {
            market = GateIoMarket.Spot;
            name = symbol;
        }

        return true;
    }
}
