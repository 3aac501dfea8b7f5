namespace FlowSight.Venues.Network;

/// <summary>
/// Receives every data frame of a connection, in order, on its receive thread (one call at a time per connection).
/// Must not block: parse, publish into the engine's ring buffer and return. An exception is counted and logged;
/// the connection carries on.
/// </summary>
/// <param name="frame">The frame; its payload is valid only during the call.</param>
public delegate void WebSocketFrameHandler(in WebSocketFrame frame);
