namespace FlowSight.Venues.Binance;

/// <summary>The outcome of resolving a symbol's UTF-8 bytes with <see cref="BinanceSymbolRegistry.Resolve"/>.</summary>
public enum BinanceSymbolLookup : byte
{
    /// <summary>The symbol was registered already.</summary>
    Found = 0,

    /// <summary>The symbol was new and has just been registered (<see cref="BinanceUnknownSymbolPolicy.RegisterOnFirstSight"/>).</summary>
    Registered = 1,

    /// <summary>The symbol is not registered and the policy is <see cref="BinanceUnknownSymbolPolicy.Report"/>.</summary>
    Unknown = 2,

    /// <summary>The bytes cannot name an instrument (empty, too long, or characters an <see cref="Core.InstrumentId"/> refuses).</summary>
    Invalid = 3,
}
