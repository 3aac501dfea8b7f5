namespace FlowSight.TestServers.GateIo;

/// <summary>The WebSocket settings of a <see cref="GateIoTestServer"/>.</summary>
public sealed partial class GateIoTestServerOptions
{
    /// <summary>
    /// The shared data folder (<c>../shared/data</c>) whose cryptofeed Gate.io recordings (<c>GATEIO*.ws.1.0</c> and
    /// <c>*.http.0.0</c>) feed the WebSocket side; null for none (then every subscription is refused as unknown).
    /// </summary>
    public string? WebSocketDataRoot { get; init; }
}
