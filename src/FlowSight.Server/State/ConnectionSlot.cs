namespace FlowSight.Server.State;

/// <summary>What the replica knows of one connection (engine thread only; its view is rebuilt at flush).</summary>
internal sealed class ConnectionSlot(string name, string kind)
{
    public string Name { get; } = name;

    public string Kind { get; } = kind;

    public string State { get; set; } = "created";

    public string? Reason { get; set; }

    public int Reconnects { get; set; }

    public long ChangedAt { get; set; }

    /// <summary>True once it was connected: a later connect counts as a reconnect.</summary>
    public bool WasConnected { get; set; }

    public ConnectionView ToView() => new(Name, Kind, State, Reason, Reconnects, ChangedAt);
}
