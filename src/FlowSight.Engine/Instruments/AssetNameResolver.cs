namespace FlowSight.Engine.Instruments;

/// <summary>Turns a venue's asset name into the common name and the power of ten of the venue's unit.</summary>
internal sealed class AssetNameResolver(InstrumentRegistryOptions options)
{
    /// <summary>The common name of a quote or settle asset (aliases only: units apply to base assets).</summary>
    public string Resolve(string asset)
    {
        var upper = asset.Trim().ToUpperInvariant();
        return options.AssetAliases.TryGetValue(upper, out var alias) ? alias.ToUpperInvariant() : upper;
    }

    /// <summary>The common name of a base asset and the power of ten one venue unit holds (3 for <c>1000SHIB</c>).</summary>
    public string ResolveBase(string asset, out int unitExponent)
    {
        var upper = asset.Trim().ToUpperInvariant();
        unitExponent = 0;
        if (options.ReadUnitPrefixes)
        {
            upper = StripUnitPrefix(upper, out unitExponent);
        }

        return options.AssetAliases.TryGetValue(upper, out var alias) ? alias.ToUpperInvariant() : upper;
    }

    private static string StripUnitPrefix(string asset, out int unitExponent)
    {
        unitExponent = 0;
        if (asset.Length > 3 && asset[0] == '1' && asset[1] == 'M' && char.IsAsciiLetterUpper(asset[2]))
        {
            unitExponent = 6;
            return asset[2..];
        }

        if (asset.Length < 5 || asset[0] != '1')
        {
            return asset;
        }

        var zeros = 0;
        while (1 + zeros < asset.Length && asset[1 + zeros] == '0')
        {
            zeros++;
        }

        // "1INCH" or "10SET" are names, not units; a unit is 1,000 or more and is followed by a letter.
        var rest = 1 + zeros;
        if (zeros < 3 || zeros > 9 || rest >= asset.Length - 1 || !char.IsAsciiLetterUpper(asset[rest]))
        {
            return asset;
        }

        unitExponent = zeros;
        return asset[rest..];
    }
}
