using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using FlowSight.Cli.Hosting;
using Xunit;

namespace FlowSight.Cli.Tests.Demo;

/// <summary>
/// Starting and stopping: a disposed demo leaves nothing behind (its dashboard port and both venues' ports are free
/// again, a second demo starts on the same port), and <c>flowsight demo --seconds</c> prints the URL and login, then exits 0.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class DemoLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_disposed_demo_frees_its_ports_and_a_second_starts_on_the_same_port()
    {
        var first = await DemoHost.StartAsync(DemoFixture.FastOptions(), cancellationToken: Ct);
        var port = first.DashboardUrl.Port;
        var venuePorts = first.Venues.Select(v => v.BaseAddress.Port).ToList();

        // A dashboard still connected (its WebSocket subscribed to a book) must not hold the shutdown up until the
        // host's 30 s shutdown timeout (20 s leaves room for a busy machine).
        using var socket = await SubscribedSocketAsync(first);
        var stopping = Stopwatch.StartNew();
        await first.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(40), Ct);
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(20), $"dispose took {stopping.Elapsed}");
        foreach (var venuePort in venuePorts.Append(port))
        {
            Assert.False(await AcceptsAsync(venuePort), $"port {venuePort} still accepts connections after dispose");
        }

        await using var second = await DemoHost.StartAsync(DemoFixture.FastOptions(port), cancellationToken: Ct);
        Assert.Equal(port, second.DashboardUrl.Port);
        using var http = new HttpClient { BaseAddress = second.DashboardUrl };
        using var health = await http.GetAsync(new Uri("health", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Demo_for_a_few_seconds_prints_the_url_and_login_and_exits_0()
    {
        var output = new LineWatcher(line => line.StartsWith("Stopped", StringComparison.Ordinal));
        var error = new StringWriter();
        var exitCode = await FlowSightCli.RunAsync(
            ["demo", "--seconds", "3", "--port", "0", "--warm-up", "2"],
            new InvocationConfiguration { Output = output, Error = error },
            Ct).WaitAsync(DemoFixture.Patience * 2, Ct);

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}\n{string.Join('\n', output.Lines)}");
        var lines = output.Lines;
        var dashboard = lines.Single(l => l.TrimStart().StartsWith("Dashboard", StringComparison.Ordinal)).Trim()["Dashboard".Length..].Trim();
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/$", dashboard);
        Assert.Contains(lines, l => l.Trim().StartsWith("Login      demo / demo", StringComparison.Ordinal));
        Assert.Equal("Stopped.", lines[^1]);
        Assert.Equal(string.Empty, error.ToString());
    }

    [Theory]
    [InlineData(new[] { "--port", "70000" }, "--port")]
    [InlineData(new[] { "--speed", "0" }, "--speed")]
    [InlineData(new[] { "--replay", "no-such-recording.gz" }, "--replay")]
    [InlineData(new[] { "--seconds", "0" }, "--seconds")]
    public async Task Bad_arguments_exit_2_and_say_which(string[] args, string named)
    {
        var error = new StringWriter();
        var exitCode = await FlowSightCli.RunAsync(["demo", .. args], new InvocationConfiguration { Output = new StringWriter(), Error = error }, Ct);
        Assert.Equal(2, exitCode);
        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<ClientWebSocket> SubscribedSocketAsync(DemoHost demo)
    {
        using var user = await DemoFixture.LoginAsync(demo.DashboardUrl, demo.UserName, demo.Password);
        var token = user.DefaultRequestHeaders.Authorization!.Parameter;
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{demo.DashboardUrl.Port}/ws?access_token={token}"), Ct);
        await socket.SendAsync(Encoding.UTF8.GetBytes("""{"op":"subscribe","topic":"book","instrument":"BTCUSDT-PERP.BINANCE"}"""), WebSocketMessageType.Text, true, Ct);
        var buffer = new byte[64 * 1024];
        var first = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), Ct).WaitAsync(DemoFixture.Patience, Ct);
        Assert.Equal(WebSocketMessageType.Text, first.MessageType);
        return socket;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, Ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
