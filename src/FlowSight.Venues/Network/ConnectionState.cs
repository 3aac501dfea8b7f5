namespace FlowSight.Venues.Network;

/// <summary>Where a <see cref="WebSocketConnection"/> is in its life, as published in <see cref="ConnectionStateChanged"/>.</summary>
public enum ConnectionState : byte
{
    /// <summary>Built, not started.</summary>
    Created = 0,

    /// <summary>A connection attempt (TCP + WebSocket handshake) is in progress.</summary>
    Connecting,

    /// <summary>The socket is open; the topics are being subscribed.</summary>
    Connected,

    /// <summary>The socket is open and the venue acknowledged every desired topic: data flows.</summary>
    Subscribed,

    /// <summary>The connection was lost or an attempt failed; waiting <see cref="ConnectionStateChanged.RetryDelay"/> before the next attempt.</summary>
    Reconnecting,

    /// <summary>A replacement socket is being opened beside the current one (the venue's connection lifetime, or a server notice); data still flows from the current one.</summary>
    Rotating,

    /// <summary>Too many consecutive failures: no attempt is made until the cool-down (<see cref="ConnectionStateChanged.RetryDelay"/>) ends.</summary>
    CircuitOpen,

    /// <summary>The cool-down ended; one trial attempt decides whether the circuit closes again or re-opens.</summary>
    CircuitHalfOpen,

    /// <summary>Closed on request (dispose); final.</summary>
    Closed,

    /// <summary>Gave up after the configured number of attempts; final.</summary>
    Faulted,
}
