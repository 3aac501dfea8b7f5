namespace FlowSight.TestServers.GateIo;

/// <summary>The REST settings of a <see cref="GateIoTestServer"/>.</summary>
public sealed partial class GateIoTestServerOptions
{
    /// <summary>The shared data folder (<c>../shared/data</c>) the REST side loads the cryptofeed Gate.io recordings from; null for none.</summary>
    public string? RestDataRoot { get; init; }
}
