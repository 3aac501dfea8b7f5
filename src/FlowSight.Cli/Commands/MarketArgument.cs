namespace FlowSight.Cli.Commands;

/// <summary>
/// A venue market and its symbols as the command line names them: <c>binance-usdm:BTCUSDT,ETHUSDT</c>,
/// <c>okx:BTC-USDT-SWAP</c>, <c>gate-usdt:BTC_USDT</c>.
/// </summary>
/// <param name="Market">The venue market.</param>
/// <param name="Symbols">The venue's symbols, upper-case, as the venue spells them.</param>
internal sealed record MarketArgument(CliMarket Market, IReadOnlyList<string> Symbols)
{
    private static readonly Dictionary<string, CliMarket> Markets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["binance-spot"] = CliMarket.BinanceSpot,
        ["binance-usdm"] = CliMarket.BinanceUsdM,
        ["binance-coinm"] = CliMarket.BinanceCoinM,
        ["okx"] = CliMarket.Okx,
        ["gate-spot"] = CliMarket.GateSpot,
        ["gate-usdt"] = CliMarket.GateUsdt,
    };

    /// <summary>The accepted market names, for help and errors.</summary>
    public static string Known => string.Join(", ", Markets.Keys);

    /// <summary>The command-line name of <paramref name="market"/>.</summary>
    public static string NameOf(CliMarket market) => Markets.First(m => m.Value == market).Key;

    /// <summary>Parses a market name alone (<c>okx</c>, <c>binance-usdm</c>).</summary>
    public static bool TryParseMarket(string text, out CliMarket market) => Markets.TryGetValue(text, out market);

    /// <summary>Parses <c>market:SYMBOL[,SYMBOL...]</c>.</summary>
    /// <exception cref="FormatException">The text names no known market or no symbol.</exception>
    public static MarketArgument Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new FormatException($"'{text}' is not MARKET:SYMBOL[,SYMBOL...] (e.g. binance-usdm:BTCUSDT); markets: {Known}.");
        }

        if (!Markets.TryGetValue(text[..colon], out var market))
        {
            throw new FormatException($"Unknown market '{text[..colon]}'; expected one of {Known}.");
        }

        var symbols = text[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToUpperInvariant())
            .ToList();
        if (symbols.Count == 0)
        {
            throw new FormatException($"'{text}' names no symbol.");
        }

        return new MarketArgument(market, symbols);
    }

    /// <summary>Parses an <c>--endpoint</c> URL; a <c>ws://</c> one is taken as the same host's <c>http://</c>.</summary>
    public static bool TryParseEndpoint(string text, out Uri? endpoint)
    {
        endpoint = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "ws" or "wss"))
        {
            return false;
        }

        endpoint = uri.Scheme is "ws" or "wss" ? new UriBuilder(uri) { Scheme = uri.Scheme == "wss" ? "https" : "http" }.Uri : uri;
        return true;
    }

    /// <summary>The REST and WebSocket bases for an <c>--endpoint http://host:port</c> override (a local server serves both).</summary>
    public static (Uri RestBase, Uri StreamBase) Endpoints(Uri endpoint)
    {
        var stream = new UriBuilder(endpoint) { Scheme = endpoint.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        return (endpoint, stream);
    }
}
