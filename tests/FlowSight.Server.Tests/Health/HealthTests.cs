using System.Net;
using System.Text.Json;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Hosting;
using FlowSight.Server.Hosting;
using FlowSight.Server.Tests.Auth;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Data;
using Xunit;

namespace FlowSight.Server.Tests.Health;

/// <summary><c>/health</c>, <c>/health/ready</c> and <c>/metrics</c> on the real stack, anonymous.</summary>
public sealed class HealthTests(AuthStackFixture fixture) : IClassFixture<AuthStackFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Liveness_is_200_without_a_token_while_the_engine_runs()
    {
        using var client = fixture.Stack.CreateClient();

        using var response = await client.GetAsync("health", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("alive", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("running", body.RootElement.GetProperty("engine").GetString());
    }

    [Fact]
    public async Task Readiness_lists_the_feeds_books_in_sync_and_every_connection_up()
    {
        using var client = fixture.Stack.CreateClient();
        JsonDocument? body = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (true)
        {
            using var response = await client.GetAsync("health/ready", Ct);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"/health/ready answered {(int)response.StatusCode}");
            body?.Dispose();
            body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "not ready after 20 s: " + body.RootElement.GetProperty("problems").GetRawText());
            await tick.WaitForNextTickAsync(Ct);
        }

        using (body)
        {
            var root = body.RootElement;
            Assert.Equal("ready", root.GetProperty("status").GetString());
            Assert.Equal(0, root.GetProperty("problems").GetArrayLength());
            var feed = Assert.Single(root.GetProperty("marketData").EnumerateArray());
            Assert.Equal(fixture.Stack.Data.Name, feed.GetProperty("client").GetString());
            Assert.True(feed.GetProperty("frames").GetInt64() > 0);
            var books = feed.GetProperty("books").EnumerateArray().ToList();
            Assert.Equal(
                ["BTCUSDT-PERP.BINANCE", "ETHUSDT-PERP.BINANCE"],
                books.Select(b => b.GetProperty("instrument").GetString()).Order(StringComparer.Ordinal));
            Assert.All(books, b => Assert.True(b.GetProperty("synced").GetBoolean()));
            var connections = root.GetProperty("connections").EnumerateArray().ToList();
            Assert.Contains(connections, c => c.GetProperty("kind").GetString() == "execution" && c.GetProperty("state").GetString() == "connected");
        }
    }

    [Fact]
    public async Task Readiness_is_503_naming_a_feed_whose_stream_cannot_connect()
    {
        // A second real feed on an engine of its own (the stack's books stay untouched): instrument specs from the
        // paper venue's REST, but its stream address is a closed port, so it never connects and its book never syncs.
        var stack = fixture.Stack;
        var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        using var engine = new EngineLoop(new FlowSightOptions { WaitStrategy = WaitStrategyKind.Blocking });
        engine.Start();
        var feed = new BinanceDataClient(
            new BinanceDataClientOptions
            {
                Market = BinanceMarket.UsdM,
                Symbols = ["ETHUSDT"],
                Streams = BinanceDataStreams.Default,
                RestBaseUri = stack.Venue.Endpoint("rest"),
                StreamBaseUri = new Uri($"ws://127.0.0.1:{port}/"),
                UseRoutedEndpoints = false,
            },
            engine);
        await using var server = await FlowSightServer.StartAsync(
            new ServerContext { Engine = stack.Engine, Replica = stack.Replica, Trading = stack.Node, MarketData = [stack.Data, feed] },
            new ServerOptions { Urls = "http://127.0.0.1:0" },
            cancellationToken: Ct);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var stopStarting = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var starting = feed.StartAsync(stopStarting.Token);

        JsonDocument? body = null;
        await stack.WaitUntilAsync(
            () =>
            {
                using var response = client.GetAsync("health/ready", Ct).GetAwaiter().GetResult();
                body?.Dispose();
                body = JsonDocument.Parse(response.Content.ReadAsStringAsync(Ct).GetAwaiter().GetResult());
                return response.StatusCode == HttpStatusCode.ServiceUnavailable && body.RootElement.GetProperty("problems").GetArrayLength() > 0;
            },
            "/health/ready answering 503 while a feed cannot connect");
        using (body)
        {
            var root = body!.RootElement;
            Assert.Equal("not-ready", root.GetProperty("status").GetString());
            Assert.All(root.GetProperty("problems").EnumerateArray(), p => Assert.StartsWith("binance-usdm:", p.GetString(), StringComparison.Ordinal));
            var feeds = root.GetProperty("marketData").EnumerateArray().ToList();
            Assert.Equal(2, feeds.Count);
            Assert.All(feeds[0].GetProperty("books").EnumerateArray(), b => Assert.True(b.GetProperty("synced").GetBoolean()));
        }

        await stopStarting.CancelAsync();
        await feed.DisposeAsync();
        try
        {
            await starting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or InvalidOperationException or System.Net.WebSockets.WebSocketException or HttpRequestException)
        {
            // The start never finished: the stream was unreachable.
        }

        engine.Stop();
    }

    [Fact]
    public async Task Metrics_are_prometheus_text_with_engine_route_connection_order_equity_and_trading_state_figures()
    {
        using var client = fixture.Stack.CreateClient();
        await fixture.Stack.WaitUntilAsync(() => fixture.Stack.Replica.Engine.Routes.Count > 0 && fixture.Stack.Replica.Engine.EventsProcessed > 0, "engine statistics in the replica");

        using var response = await client.GetAsync("metrics", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var samples = text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').ToList();
        foreach (var name in new[]
        {
            "flowsight_engine_events_per_second", "flowsight_engine_events_processed", "flowsight_engine_queue_depth",
            "flowsight_engine_ring_utilisation", "flowsight_engine_producer_stalls", "flowsight_engine_errors",
            "flowsight_connections_up", "flowsight_orders_open", "flowsight_trading_state", "flowsight_kill_switch_tripped",
        })
        {
            Assert.Contains(samples, l => l.StartsWith(name + " ", StringComparison.Ordinal));
        }

        Assert.Contains("# TYPE flowsight_route_handler_latency_seconds gauge", text, StringComparison.Ordinal);
        foreach (var quantile in new[] { "0.5", "0.95", "0.99" })
        {
            Assert.Contains(samples, l => l.StartsWith("flowsight_route_handler_latency_seconds{", StringComparison.Ordinal) && l.Contains($"quantile=\"{quantile}\"", StringComparison.Ordinal));
        }

        Assert.Contains(samples, l => l.StartsWith("flowsight_account_equity{asset=", StringComparison.Ordinal));
        Assert.Contains(samples, l => l.StartsWith("flowsight_book_synced{client=", StringComparison.Ordinal) && l.Contains("BTCUSDT-PERP.BINANCE", StringComparison.Ordinal));
        Assert.Contains(samples, l => l.StartsWith("flowsight_connection_up{", StringComparison.Ordinal) && l.Contains("kind=\"execution\"", StringComparison.Ordinal));
        Assert.True(Value(samples, "flowsight_engine_events_processed") > 0);
        Assert.True(Value(samples, "flowsight_connections_up") >= 1);
        var state = fixture.Stack.Replica.Risk.State.ToUpperInvariant() switch { "REDUCING" => 1, "HALTED" => 2, _ => 0 };
        Assert.Equal(state, Value(samples, "flowsight_trading_state"));
    }

    private static double Value(List<string> samples, string name) =>
        double.Parse(samples.First(l => l.StartsWith(name + " ", StringComparison.Ordinal)).Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
}
