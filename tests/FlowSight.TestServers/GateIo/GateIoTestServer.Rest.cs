using Microsoft.AspNetCore.Builder;

namespace FlowSight.TestServers.GateIo;

/// <summary>The REST side of the Gate.io test server: <see cref="GateIoRestEndpoints"/> on the same host and port.</summary>
public sealed partial class GateIoTestServer
{
    /// <summary>The REST state: recorded pairs, contracts and books, generated candles and funding, limits, faults, request log (set when the server starts).</summary>
    public GateIoRestState Rest { get; private set; } = null!;

    partial void MapRestRoutes(WebApplication app)
    {
        Rest = new GateIoRestState(Options.RestDataRoot, Time, Options.Seed);
        if (Options.PaceOrderBookUpdates)
        {
            Rest.FollowedBook = (spot, name) => BookBody(!spot, name) is { } body ? System.Text.Encoding.UTF8.GetBytes(body) : null;
        }

        app.MapGateIoRest(Rest);
    }
}
