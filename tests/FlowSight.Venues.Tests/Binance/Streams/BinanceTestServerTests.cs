using System.Net.WebSockets;
using System.Text;
using FlowSight.TestServers.Binance;
using FlowSight.Venues.Tests.Network.Support;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Streams;

/// <summary>The local Binance WebSocket server itself, spoken to with a bare <see cref="ClientWebSocket"/>.</summary>
public sealed class BinanceTestServerTests
{
    private static async Task<ClientWebSocket> ConnectAsync(BinanceTestServer server, string pathAndQuery)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(server.WebSocketBaseUri, pathAndQuery), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));
        return socket;
    }

    private static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[1 << 20];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(15));
            length += result.Count;
        }
        while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    [Fact]
    public async Task Raw_streams_get_payloads_and_combined_streams_get_envelopes()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        using var raw = await ConnectAsync(harness.Server, "/ws/btcusdt@trade");
        using var combined = await ConnectAsync(harness.Server, "/public/stream?streams=btcusdt@trade/btcusdt@bookTicker");
        await harness.Server.WaitForConnectionAsync(2);
        Assert.Equal("public", harness.Server.Connections[1].Route);

        var trade = harness.Server.Recording!.Frames.First(f => f.Stream == "btcusdt@trade");
        while (harness.Server.Feed.Position <= trade.Index)
        {
            await harness.Server.Feed.PublishNextAsync();
        }

        Assert.Equal(Encoding.UTF8.GetString(trade.Data.Span), await ReceiveAsync(raw));
        var first = await ReceiveAsync(combined);
        Assert.StartsWith("{\"stream\":\"btcusdt@", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_requests_as_the_docs_describe()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        using var socket = await ConnectAsync(harness.Server, "/stream");

        await SendAsync(socket, "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":1}");
        Assert.Equal("{\"result\":null,\"id\":1}", await ReceiveAsync(socket));
        await SendAsync(socket, "{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":3}");
        Assert.Equal("{\"result\":[\"btcusdt@trade\"],\"id\":3}", await ReceiveAsync(socket));
        await SendAsync(socket, "{\"method\":\"GET_PROPERTY\",\"params\":[\"combined\"],\"id\":2}");
        Assert.Equal("{\"result\":true,\"id\":2}", await ReceiveAsync(socket));
        await SendAsync(socket, "{\"method\":\"SUBSCRIBER\",\"params\":[],\"id\":4}");
        Assert.StartsWith("{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown variant", await ReceiveAsync(socket), StringComparison.Ordinal);
        await SendAsync(socket, "{\"method\":\"SUBSCRIBE\",\"params\":[],\"id\":-5}");
        Assert.Equal("{\"code\":2,\"msg\":\"Invalid request: request ID must be an unsigned integer\"}", await ReceiveAsync(socket));
        await SendAsync(socket, "{\"method\":");
        Assert.StartsWith("{\"code\":3,\"msg\":\"Invalid JSON", await ReceiveAsync(socket), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_messages_per_second_close_the_connection()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        using var socket = await ConnectAsync(harness.Server, "/stream");
        for (var id = 1; id <= 11; id++)
        {
            await SendAsync(socket, $"{{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":{id}}}");
        }

        var connection = await harness.Server.WaitForConnectionAsync(1);
        await connection.Closed.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(1, harness.Server.RateViolations);
    }

    [Fact]
    public async Task Refused_connections_get_the_status_code()
    {
        await using var harness = await ConnectionHarness.StartAsync();
        harness.Server.RefuseConnections(1, statusCode: 429);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(harness.Server.WebSocketBaseUri, "/stream"), CancellationToken.None));
        Assert.Equal(429, (int)socket.HttpStatusCode);
        using var second = await ConnectAsync(harness.Server, "/stream");
        Assert.Equal(2, harness.Server.ConnectionAttempts);
    }

    [Fact]
    public void Reads_microsecond_and_nanosecond_recordings()
    {
        var recording = BinanceRecording.Parse(
            "1680566400123456 {\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"t\":1}}\n" +
            "1723161255030314667 {\"lastUpdateId\":5,\"bids\":[],\"asks\":[]}\n");
        Assert.Equal(1680566400123456000, recording.Frames[0].TimestampNanos);
        Assert.Equal("{\"e\":\"trade\",\"t\":1}", Encoding.UTF8.GetString(recording.Frames[0].Data.Span));
        Assert.Equal(1723161255030314667, recording.Frames[1].TimestampNanos);
        Assert.True(recording.Frames[1].IsRestResponse);
        Assert.Equal(["btcusdt@trade"], recording.Streams);
    }
}
