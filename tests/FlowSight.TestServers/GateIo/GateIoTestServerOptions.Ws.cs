namespace FlowSight.TestServers.GateIo;

/// <summary>The WebSocket settings of a <see cref="GateIoTestServer"/>.</summary>
public sealed partial class GateIoTestServerOptions
{
    /// <summary>
    /// The shared data folder (<c>../shared/data</c>) whose cryptofeed Gate.io recordings (<c>GATEIO*.ws.1.0</c> and
    /// <c>*.http.0.0</c>) feed the WebSocket side; null for none (then every subscription is refused as unknown).
    /// </summary>
    public string? WebSocketDataRoot { get; init; }

    /// <summary>
    /// When true the recorded <c>order_book_update</c> notifications are not replayed on subscription: the venue
    /// publishes them one by one when the test calls <see cref="GateIoTestServer.PublishBookUpdatesAsync"/>, to the
    /// subscribers of that moment (a new subscriber gets only later ones, as on Gate), and the REST
    /// <c>order_book?with_id=true</c> answers the book the stream has reached. Other channels replay as before.
    /// </summary>
    public bool PaceOrderBookUpdates { get; init; }
}
