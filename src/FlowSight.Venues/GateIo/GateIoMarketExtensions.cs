namespace FlowSight.Venues.GateIo;

/// <summary>Names of a <see cref="GateIoMarket"/>.</summary>
public static class GateIoMarketExtensions
{
    /// <summary>The CLI prefix: <c>gate-spot</c> or <c>gate-usdt</c> (as in <c>gate-usdt:BTC_USDT</c>).</summary>
    public static string ToCliPrefix(this GateIoMarket market) => market switch
    {
        GateIoMarket.Spot => "gate-spot",
        GateIoMarket.UsdtFutures => "gate-usdt",
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "Unknown Gate.io market."),
    };

    /// <summary>The channel prefix of the market's WebSocket: <c>spot</c> or <c>futures</c>.</summary>
    public static string ChannelPrefix(this GateIoMarket market) => market switch
    {
        GateIoMarket.Spot => "spot",
        GateIoMarket.UsdtFutures => "futures",
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "Unknown Gate.io market."),
    };

    /// <summary>Parses a CLI prefix (<c>gate-spot</c>, <c>gate-usdt</c>; case-insensitive).</summary>
    public static bool TryParseCliPrefix(ReadOnlySpan<char> prefix, out GateIoMarket market)
    {
        market = prefix.Equals("gate-spot", StringComparison.OrdinalIgnoreCase) ? GateIoMarket.Spot
            : prefix.Equals("gate-usdt", StringComparison.OrdinalIgnoreCase) ? GateIoMarket.UsdtFutures
            : default;
        return market != default;
    }
}
