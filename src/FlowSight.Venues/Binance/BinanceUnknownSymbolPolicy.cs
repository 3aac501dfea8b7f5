namespace FlowSight.Venues.Binance;

/// <summary>What a <see cref="BinanceSymbolRegistry"/> does with a symbol it has not been told about.</summary>
public enum BinanceUnknownSymbolPolicy : byte
{
    /// <summary>
    /// Register it on first sight with the naming of <see cref="BinanceInstrumentIds.Of"/> (allocates once per new
    /// symbol; every later message with it is allocation-free). Right for all-market streams and for tools.
    /// </summary>
    RegisterOnFirstSight = 0,

    /// <summary>Refuse it: the parser reports the message as an unknown symbol and counts it.</summary>
    Report = 1,
}
