namespace FlowSight.Venues.GateIo.Streams;

/// <summary>Gate.io v4 WebSocket hosts (per the v4 spot and futures documentation).</summary>
public static class GateIoStreamEndpoints
{
    /// <summary>Spot: <c>wss://api.gateio.ws/ws/v4/</c>.</summary>
    public static readonly Uri Spot = new("wss://api.gateio.ws/ws/v4/");

    /// <summary>USDT-settled futures: <c>wss://fx-ws.gateio.ws/v4/ws/usdt</c>.</summary>
    public static readonly Uri UsdtFutures = new("wss://fx-ws.gateio.ws/v4/ws/usdt");

    /// <summary>The host of <paramref name="market"/>.</summary>
    public static Uri Of(GateIoMarket market) => market switch
    {
        GateIoMarket.Spot => Spot,
        GateIoMarket.UsdtFutures => UsdtFutures,
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "Unknown Gate.io market."),
    };
}
