namespace FlowSight.Venues.Network;

/// <summary>
/// A connection moved from one <see cref="ConnectionState"/> to another. Published by <see cref="WebSocketConnection.StateChanges"/>
/// for the engine, logs and the dashboard; rare (reconnects, rotations), so a class is fine.
/// </summary>
/// <param name="ConnectionName">The connection's name (<see cref="WebSocketConnectionOptions.Name"/>).</param>
/// <param name="Previous">The state before.</param>
/// <param name="Current">The state now.</param>
/// <param name="Reason">Why, in words (the error, "watchdog: no data for 30 s", "scheduled rotation", ...).</param>
/// <param name="Attempt">The attempt number within the current outage (1 = first attempt); 0 when not attempting.</param>
/// <param name="TimestampNanos">When, in Unix nanoseconds from the connection's <see cref="TimeProvider"/>.</param>
public sealed record ConnectionStateChanged(
    string ConnectionName,
    ConnectionState Previous,
    ConnectionState Current,
    string Reason,
    int Attempt,
    long TimestampNanos)
{
    /// <summary>For <see cref="ConnectionState.Reconnecting"/> and <see cref="ConnectionState.CircuitOpen"/>: how long until the next attempt.</summary>
    public TimeSpan? RetryDelay { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{ConnectionName}: {Previous} -> {Current} (attempt {Attempt}{(RetryDelay is { } d ? $", retry in {d.TotalMilliseconds:0} ms" : string.Empty)}): {Reason}";
}
