namespace FlowSight.Engine.Instruments;

/// <summary>How the <see cref="InstrumentRegistry"/> maps venue asset names to common ones.</summary>
public sealed record InstrumentRegistryOptions
{
    /// <summary>The default aliases: <c>XBT</c> (BitMEX, Kraken) is <c>BTC</c>. Binance, OKX and Gate.io all say <c>BTC</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultAssetAliases =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["XBT"] = "BTC" };

    /// <summary>Venue asset name → common asset name, applied to base, quote and settle assets (case-insensitive).</summary>
    public IReadOnlyDictionary<string, string> AssetAliases { get; init; } = DefaultAssetAliases;

    /// <summary>
    /// Reads a leading power of ten of at least 1,000 (<c>1000SHIB</c>, <c>10000LADYS</c>, <c>1000000MOG</c>) or
    /// <c>1M</c> (<c>1MBABYDOGE</c>) in a base asset as a unit: Binance's <c>1000SHIBUSDT</c> trades lots of
    /// 1,000 SHIB at a price per 1,000 SHIB, so it joins <c>SHIB/USDT-PERP</c> with sizes × 1,000 and prices ÷ 1,000.
    /// </summary>
    public bool ReadUnitPrefixes { get; init; } = true;
}
