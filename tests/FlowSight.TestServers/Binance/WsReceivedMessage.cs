namespace FlowSight.TestServers.Binance;

/// <summary>A text message a client sent to the test server, with the server clock's time of arrival.</summary>
/// <param name="ConnectionId">The server connection's number (1-based).</param>
/// <param name="Text">The message as received.</param>
/// <param name="ReceivedAt">The server <see cref="TimeProvider"/>'s time when it arrived.</param>
public sealed record WsReceivedMessage(int ConnectionId, string Text, DateTimeOffset ReceivedAt);
