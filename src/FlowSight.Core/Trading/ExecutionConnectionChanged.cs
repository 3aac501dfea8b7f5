namespace FlowSight.Core;

/// <summary>A venue execution client's private connection (user stream, private WebSocket) went up or down.</summary>
public readonly record struct ExecutionConnectionChanged
{
    /// <summary>The venue.</summary>
    public required Venue Venue { get; init; }

    /// <summary>Account name the client trades.</summary>
    public required string Account { get; init; }

    /// <summary>Now connected (true) or lost (false).</summary>
    public required bool Connected { get; init; }

    /// <summary>True when this connection replaced a lost one: events may have been missed, reconcile.</summary>
    public bool Reconnected { get; init; }

    /// <summary>Why, for a person.</summary>
    public string? Reason { get; init; }

    /// <summary>When, Unix ns.</summary>
    public long Timestamp { get; init; }
}
