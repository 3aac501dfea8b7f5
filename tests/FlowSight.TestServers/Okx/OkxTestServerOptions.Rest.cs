namespace FlowSight.TestServers.Okx;

/// <summary>The REST settings of an <see cref="OkxTestServer"/>.</summary>
public sealed partial class OkxTestServerOptions
{
    /// <summary>The shared data folder (<c>../shared/data</c>) the REST side loads the recorded instruments and BTC-USDT book from; null for none.</summary>
    public string? RestDataRoot { get; init; }
}
