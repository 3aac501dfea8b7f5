namespace FlowSight.Venues.Binance.Replay;

/// <summary>
/// Tells which Binance market a recording comes from when nobody says: from a URL (<c>fstream</c>/<c>/fapi/</c> →
/// USDⓈ-M, <c>dstream</c>/<c>/dapi/</c> → COIN-M, <c>stream.binance.com</c>/<c>/api/v3/</c> → spot) or from the shape of a
/// message (a depth diff with <c>pu</c> is futures, without it spot; a futures <c>trade</c> has <c>X</c>, a spot one <c>M</c>;
/// a spot <c>bookTicker</c> has no <c>e</c>; <c>@depth@0ms</c> exists only on futures). Futures symbols quoted in
/// <c>USD_</c> (<c>BTCUSD_PERP</c>, <c>BTCUSD_240927</c>) are COIN-M.
/// </summary>
public static class BinanceMarketDetector
{
    /// <summary>The market a URL belongs to, if it names one.</summary>
    public static bool TryDetectFromUrl(ReadOnlySpan<byte> url, out BinanceMarket market)
    {
        if (url.IndexOf("fstream."u8) >= 0 || url.IndexOf("/fapi/"u8) >= 0)
        {
            market = BinanceMarket.UsdM;
            return true;
        }

        if (url.IndexOf("dstream."u8) >= 0 || url.IndexOf("/dapi/"u8) >= 0)
        {
            market = BinanceMarket.CoinM;
            return true;
        }

        if (url.IndexOf("stream.binance."u8) >= 0 || url.IndexOf("/api/v3/"u8) >= 0)
        {
            market = BinanceMarket.Spot;
            return true;
        }

        market = default;
        return false;
    }

    /// <summary>The market a message's shape reveals, if it reveals one (a futures REST snapshot alone does not tell USDⓈ-M from COIN-M).</summary>
    public static bool TryDetectFromFrame(ReadOnlySpan<byte> frame, out BinanceMarket market)
    {
        market = default;
        bool futures;
        if (frame.IndexOf("\"e\":\"depthUpdate\""u8) >= 0)
        {
            futures = frame.IndexOf("\"pu\":"u8) >= 0;
        }
        else if (frame.IndexOf("@depth@0ms"u8) >= 0)
        {
            futures = true;
        }
        else if (frame.IndexOf("\"e\":\"trade\""u8) >= 0)
        {
            if (frame.IndexOf("\"X\":"u8) >= 0)
            {
                futures = true;
            }
            else if (frame.IndexOf("\"M\":"u8) >= 0)
            {
                futures = false;
            }
            else
            {
                return false;
            }
        }
        else if (frame.IndexOf("\"e\":\"bookTicker\""u8) >= 0)
        {
            futures = true;
        }
        else if (frame.IndexOf("@bookTicker"u8) >= 0 && frame.IndexOf("\"u\":"u8) >= 0)
        {
            futures = false; // a spot bookTicker carries no event type
        }
        else if (frame.IndexOf("\"lastUpdateId\""u8) >= 0 && frame.IndexOf("\"stream\""u8) < 0)
        {
            if (frame.IndexOf("\"T\":"u8) >= 0 || frame.IndexOf("\"E\":"u8) >= 0)
            {
                return false; // a futures snapshot: USDⓈ-M or COIN-M, the symbol is not in it
            }

            futures = false;
        }
        else
        {
            return false;
        }

        market = futures && IsCoinMargined(SymbolOf(frame)) ? BinanceMarket.CoinM : futures ? BinanceMarket.UsdM : BinanceMarket.Spot;
        return true;
    }

    private static bool IsCoinMargined(ReadOnlySpan<byte> symbol) =>
        symbol.IndexOf("USD_"u8) >= 0 || symbol.IndexOf("usd_"u8) >= 0;

    private static ReadOnlySpan<byte> SymbolOf(ReadOnlySpan<byte> frame)
    {
        int at = frame.IndexOf("\"s\":\""u8);
        if (at < 0)
        {
            return default;
        }

        var rest = frame[(at + 5)..];
        int end = rest.IndexOf((byte)'"');
        return end < 0 ? default : rest[..end];
    }
}
