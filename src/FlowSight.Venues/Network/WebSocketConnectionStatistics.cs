namespace FlowSight.Venues.Network;

/// <summary>A snapshot of a <see cref="WebSocketConnection"/>'s counters since it was created.</summary>
public sealed record WebSocketConnectionStatistics
{
    /// <summary>Data frames handed to the handler.</summary>
    public long FramesDelivered { get; init; }

    /// <summary>Control messages the protocol consumed (acks, errors, notices).</summary>
    public long ControlFrames { get; init; }

    /// <summary>Exceptions thrown by the frame handler (counted, logged, the connection carried on).</summary>
    public long HandlerErrors { get; init; }

    /// <summary>Frames the protocol could not inspect (it threw); they were skipped.</summary>
    public long UninspectableFrames { get; init; }

    /// <summary>Sockets opened.</summary>
    public long Sessions { get; init; }

    /// <summary>Times a subscribed socket was lost and the connection went back to reconnecting.</summary>
    public long Reconnects { get; init; }

    /// <summary>Connection attempts (connect or subscribe) that failed.</summary>
    public long FailedAttempts { get; init; }

    /// <summary>Times the circuit breaker opened.</summary>
    public long CircuitOpenings { get; init; }

    /// <summary>Times the watchdog dropped a silent socket.</summary>
    public long WatchdogTrips { get; init; }

    /// <summary>Rotations that switched to a new socket.</summary>
    public long Rotations { get; init; }

    /// <summary>Rotations that failed (the old socket was kept).</summary>
    public long FailedRotations { get; init; }

    /// <summary>Frames of the new socket dropped during a rotation because the old one had delivered them.</summary>
    public long DuplicatesDropped { get; init; }

    /// <summary>Frames without a de-duplication key that the new socket received before the switch (not delivered).</summary>
    public long UnkeyedOverlapFramesDropped { get; init; }

    /// <summary>Streams not confirmed on the new socket when a rotation's switch was forced (possible gaps).</summary>
    public long UnconfirmedStreamsAtSwitch { get; init; }

    /// <summary>Frames from a socket that was no longer the active one (after a switch or drop).</summary>
    public long StaleFramesDropped { get; init; }

    /// <summary>Application heartbeat pings sent (venues whose protocol implements <see cref="IApplicationHeartbeat"/>).</summary>
    public long PingsSent { get; init; }

    /// <summary>Application heartbeat pongs received (consumed, not delivered).</summary>
    public long PongsReceived { get; init; }

    /// <summary>Times no pong came within the timeout and the socket was dropped (and reconnected).</summary>
    public long PongsMissed { get; init; }
}
