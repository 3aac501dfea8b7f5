namespace FlowSight.Venues.GateIo;

/// <summary>The Gate.io v4 markets FlowSight reads: each has its own WebSocket host and channel prefix.</summary>
public enum GateIoMarket : byte
{
    /// <summary>Spot currency pairs (<c>wss://api.gateio.ws/ws/v4/</c>, channels <c>spot.*</c>).</summary>
    Spot = 1,

    /// <summary>USDT-settled perpetual contracts (<c>wss://fx-ws.gateio.ws/v4/ws/usdt</c>, channels <c>futures.*</c>); sizes are in contracts.</summary>
    UsdtFutures = 2,
}
