namespace FlowSight.TestServers.GateIo;

/// <summary>The settings of a <see cref="GateIoTestServer"/> (partial: each side adds its own).</summary>
public sealed partial class GateIoTestServerOptions
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The seed of generated data.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The server's clock (tests pass their fake clock).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Logs warnings to the console.</summary>
    public bool LogToConsole { get; init; }
}
