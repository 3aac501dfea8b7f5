using System.Net;
using System.Text.Json;
using FlowSight.Server.Tests.Auth;
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
