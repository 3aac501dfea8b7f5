namespace FlowSight.Venues.Okx.Rest;

/// <summary>Names of <see cref="OkxInstrumentType"/> as OKX writes them.</summary>
public static class OkxInstrumentTypes
{
    /// <summary><c>SPOT</c>, <c>SWAP</c> or <c>FUTURES</c>.</summary>
    public static string ToCode(this OkxInstrumentType type) => type switch
    {
        OkxInstrumentType.Spot => "SPOT",
        OkxInstrumentType.Swap => "SWAP",
        OkxInstrumentType.Futures => "FUTURES",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown OKX instrument type."),
    };

    /// <summary>Parses <c>SPOT</c>, <c>SWAP</c> or <c>FUTURES</c>; false for other types (MARGIN, OPTION).</summary>
    public static bool TryParse(string? code, out OkxInstrumentType type)
    {
        type = code switch
        {
            "SPOT" => OkxInstrumentType.Spot,
            "SWAP" => OkxInstrumentType.Swap,
            "FUTURES" => OkxInstrumentType.Futures,
            _ => default,
        };
        return type != default;
    }

    /// <summary>The type an instId names: <c>-SWAP</c> suffix, a date suffix (futures), else spot.</summary>
    public static OkxInstrumentType FromInstId(string instId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instId);
        if (instId.EndsWith(OkxInstrumentIds.SwapSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return OkxInstrumentType.Swap;
        }

        var parts = instId.Split('-');
        return parts.Length == 3 && parts[2].Length == 6 && parts[2].All(char.IsAsciiDigit) ? OkxInstrumentType.Futures : OkxInstrumentType.Spot;
    }
}
