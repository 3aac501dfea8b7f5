namespace FlowSight.Venues.Binance;

/// <summary>Facts that differ between <see cref="BinanceMarket"/>s.</summary>
public static class BinanceMarketExtensions
{
    /// <summary>True for USDⓈ-M and COIN-M: their depth diffs carry <c>pu</c> and chain by <c>pu == previous u</c>.</summary>
    public static bool IsFutures(this BinanceMarket market) => market is BinanceMarket.UsdM or BinanceMarket.CoinM;

    /// <summary>The CLI prefix: <c>binance-spot</c>, <c>binance-usdm</c>, <c>binance-coinm</c>.</summary>
    public static string ToCliPrefix(this BinanceMarket market) => market switch
    {
        BinanceMarket.Spot => "binance-spot",
        BinanceMarket.UsdM => "binance-usdm",
        BinanceMarket.CoinM => "binance-coinm",
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "Unknown Binance market."),
    };

    /// <summary>Parses a CLI prefix (<c>binance-spot</c>, <c>binance-usdm</c>, <c>binance-coinm</c>; case-insensitive).</summary>
    public static bool TryParseCliPrefix(ReadOnlySpan<char> text, out BinanceMarket market)
    {
        foreach (var candidate in (ReadOnlySpan<BinanceMarket>)[BinanceMarket.Spot, BinanceMarket.UsdM, BinanceMarket.CoinM])
        {
            if (text.Equals(candidate.ToCliPrefix(), StringComparison.OrdinalIgnoreCase))
            {
                market = candidate;
                return true;
            }
        }

        market = default;
        return false;
    }
}
