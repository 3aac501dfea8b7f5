using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FlowSight.Cli.Hosting;
using FlowSight.Server.Auth;
using FlowSight.Server.Hosting;
using Xunit;

namespace FlowSight.Cli.Tests.Demo;

/// <summary>One running demo (two paper venues, engine, trading node, server on a free port) shared by the demo tests.</summary>
public sealed class DemoFixture : IAsyncLifetime
{
    /// <summary>How long any awaited condition may take (the machine may be busy).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    internal DemoHost Demo { get; private set; } = null!;

    /// <summary>Options for a fast demo: little warm-up history, a free port.</summary>
    internal static DemoOptions FastOptions(int port = 0) => new()
    {
        Port = port,
        WarmUp = TimeSpan.FromMinutes(2),
        ReadyTimeout = Patience,
        ExtraUsers = [new ServerUser { Name = "viewer", PasswordHash = PasswordHashes.Hash("viewer"), Role = ServerRole.Viewer }],
    };

    public async ValueTask InitializeAsync() => Demo = await DemoHost.StartAsync(FastOptions(), cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await Demo.DisposeAsync();

    /// <summary>An HttpClient on the dashboard logged in as <paramref name="user"/>.</summary>
    internal static async Task<HttpClient> LoginAsync(Uri baseAddress, string user, string password)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        using var response = await http.PostAsJsonAsync("api/auth/login", new { username = user, password }, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"login as {user}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("token").GetString());
        return http;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <see cref="Patience"/>.</summary>
    internal static async Task<T> EventuallyAsync<T>(Func<Task<T?>> condition, string what)
        where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Patience);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (true)
            {
                if (await condition() is { } value)
                {
                    return value;
                }

                await poll.WaitForNextTickAsync(deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Not within {Patience.TotalSeconds} s: {what}");
        }
    }
}

/// <summary>The tests that share one <see cref="DemoFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoFixture>
{
    public const string Name = "demo";
}
