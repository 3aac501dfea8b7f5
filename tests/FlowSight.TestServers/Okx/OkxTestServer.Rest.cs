using Microsoft.AspNetCore.Builder;

namespace FlowSight.TestServers.Okx;

/// <summary>The REST side of the OKX test server: <see cref="OkxRestEndpoints"/> on the same host and port.</summary>
public sealed partial class OkxTestServer
{
    /// <summary>The REST state: recorded instruments, generated market data, rate-limit windows, faults, request log (set when the server starts).</summary>
    public OkxRestState Rest { get; private set; } = null!;

    partial void MapRestRoutes(WebApplication app)
    {
        Rest = new OkxRestState(Options.RestDataRoot, Time, Options.Seed);
        app.MapOkxRest(Rest);
    }
}
