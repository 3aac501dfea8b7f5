using System.Net.WebSockets;
using System.Text;
using FlowSight.Venues.Binance.Streams;
using FlowSight.Venues.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace FlowSight.Venues.Tests.Network;

[CollectionDefinition(nameof(AllocationMeasurements), DisableParallelization = true)]
public sealed class AllocationMeasurements;

/// <summary>
/// Steady-state receive allocates nothing per message: frames are assembled in a reused pooled buffer and handed
/// over as memory. Measured process-wide (the sending server included, so not exactly zero) while nothing else runs.
/// </summary>
[Collection(nameof(AllocationMeasurements))]
public sealed class WebSocketConnectionAllocationTests
{
    private static readonly byte[] Trade = Encoding.UTF8.GetBytes(
        "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1723161256299,\"T\":1723161256298,\"s\":\"BTCUSDT\",\"t\":5161435453,\"p\":\"61510.90\",\"q\":\"0.010\",\"X\":\"MARKET\",\"m\":true}}");

    [Fact]
    public async Task Receiving_allocates_nothing_per_frame_in_steady_state()
    {
        var accepted = new TaskCompletionSource<WebSocket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.UseWebSockets();
        app.Map("/stream", async context =>
        {
            accepted.TrySetResult(await context.WebSockets.AcceptWebSocketAsync());
            await finished.Task;
        });
        await app.StartAsync();

        long received = 0, target = 0;
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new WebSocketConnectionOptions
        {
            Name = "allocations",
            Endpoint = new Uri(app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal) + "/stream"),
            WatchdogTimeout = null,
            RotationInterval = null,
            KeepAliveInterval = TimeSpan.Zero,
        };
        await using var connection = new WebSocketConnection(options, new BinanceStreamProtocol(), (in WebSocketFrame frame) =>
        {
            if (++received == Volatile.Read(ref target))
            {
                reached.TrySetResult();
            }
        });
        await connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(15));
        var server = await accepted.Task.WaitAsync(TimeSpan.FromSeconds(15));

        async Task SendAsync(int count)
        {
            reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref target, received + count);
            for (var i = 0; i < count; i++)
            {
                await server.SendAsync(Trade, WebSocketMessageType.Text, true, CancellationToken.None);
            }

            await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await SendAsync(5_000);
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await SendAsync(20_000);
        var perFrame = (GC.GetTotalAllocatedBytes(precise: true) - before) / 20_000.0;
        finished.TrySetResult();

        // A copy of each frame would cost its 180 bytes or more; the few bytes left are the sender's and runtime noise.
        Assert.True(perFrame < 32, $"{perFrame:F1} bytes allocated per frame");
        Assert.Equal(25_000, connection.GetStatistics().FramesDelivered);
    }
}
