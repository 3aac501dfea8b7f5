using FlowSight.Core;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>The instruments a trading client may trade, by our id and by Binance's symbol, with the symbol's UTF-8 bytes for the encoder.</summary>
internal sealed class BinanceTradingSymbols
{
    private readonly Dictionary<InstrumentId, (Instrument Instrument, byte[] Symbol)> _byId = [];
    private readonly Dictionary<string, Instrument> _bySymbol = new(StringComparer.Ordinal);

    public BinanceTradingSymbols(IEnumerable<Instrument> instruments)
    {
        foreach (var instrument in instruments)
        {
            _byId[instrument.Id] = (instrument, System.Text.Encoding.ASCII.GetBytes(instrument.VenueSymbol));
            _bySymbol[instrument.VenueSymbol] = instrument;
        }
    }

    public bool TryGet(InstrumentId id, out Instrument instrument, out byte[] symbol)
    {
        if (_byId.TryGetValue(id, out var found))
        {
            (instrument, symbol) = found;
            return true;
        }

        instrument = null!;
        symbol = null!;
        return false;
    }

    public Instrument? BySymbol(string? symbol) => symbol is not null && _bySymbol.TryGetValue(symbol, out var found) ? found : null;
}
