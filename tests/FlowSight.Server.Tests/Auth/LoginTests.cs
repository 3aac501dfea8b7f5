using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlowSight.Server.Auth;
using FlowSight.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FlowSight.Server.Tests.Auth;

/// <summary>Login, tokens (expired, foreign, in the query string) and the failed-login limit, against the real server.</summary>
public sealed class LoginTests(AuthStackFixture fixture) : IClassFixture<AuthStackFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("viewer", "viewer")]
    [InlineData("trader", "trader")]
    [InlineData("admin", "admin")]
    public async Task Good_password_returns_a_token_the_name_the_role_and_the_expiry(string user, string role)
    {
        using var client = fixture.Stack.CreateClient();
        var before = DateTimeOffset.UtcNow;

        using var response = await client.PostAsJsonAsync("api/auth/login", new { username = user, password = user }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = body.RootElement;
        Assert.Equal(3, root.GetProperty("token").GetString()!.Split('.').Length);
        Assert.Equal(user, root.GetProperty("name").GetString());
        Assert.Equal(role, root.GetProperty("role").GetString());
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("expiresAt").GetInt64());
        Assert.InRange(expires, before + new ServerOptions().TokenLifetime - TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow + new ServerOptions().TokenLifetime + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_401()
    {
        using var client = fixture.Stack.CreateClient();

        using var wrong = await client.PostAsJsonAsync("api/auth/login", new { username = "admin", password = "trader" }, Ct);
        using var unknown = await client.PostAsJsonAsync("api/auth/login", new { username = "mallory", password = "admin" }, Ct);
        using var caseChanged = await client.PostAsJsonAsync("api/auth/login", new { username = "admin", password = "Admin" }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, caseChanged.StatusCode);
        var wrongBody = await wrong.Content.ReadAsStringAsync(Ct);
        Assert.Equal(wrongBody, await unknown.Content.ReadAsStringAsync(Ct));
        Assert.Equal("unknown user or wrong password", JsonDocument.Parse(wrongBody).RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("{\"username\":\"admin\",", "malformed JSON")]
    [InlineData("not json", "malformed JSON")]
    [InlineData("{\"username\":\"admin\"}", "username and password are required")]
    [InlineData("{\"username\":42,\"password\":\"admin\"}", "malformed JSON")]
    [InlineData("", "malformed JSON")]
    public async Task Malformed_login_is_a_400_with_a_message(string json, string message)
    {
        using var client = fixture.Stack.CreateClient();

        using var response = await client.PostAsync("api/auth/login", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await ErrorAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_401()
    {
        var issuer = fixture.Stack.Server.Services.GetRequiredService<TokenIssuer>();
        var now = DateTimeOffset.UtcNow;
        var expired = issuer.Create("admin", ServerRole.Admin, now - TimeSpan.FromHours(2), now - TimeSpan.FromHours(1));
        var fresh = issuer.Create("admin", ServerRole.Admin, now - TimeSpan.FromMinutes(1), now + TimeSpan.FromMinutes(10));

        using var response = await fixture.Stack.CreateClient(expired).DeleteAsync("api/orders/no-such-order", Ct);
        using var control = await fixture.Stack.CreateClient(fresh).DeleteAsync("api/orders/no-such-order", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", await ErrorAsync(response), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, control.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_or_for_another_issuer_is_refused()
    {
        var foreignKey = new TokenIssuer(new ServerOptions()); // a random key of its own
        var otherIssuer = new TokenIssuer(new ServerOptions { JwtIssuer = "someone-else" });
        var now = DateTimeOffset.UtcNow;

        foreach (var token in new[]
        {
            foreignKey.Create("admin", ServerRole.Admin, now, now + TimeSpan.FromMinutes(5)),
            otherIssuer.Create("admin", ServerRole.Admin, now, now + TimeSpan.FromMinutes(5)),
            "not-a-jwt",
        })
        {
            using var response = await fixture.Stack.CreateClient(token).DeleteAsync("api/orders/no-such-order", Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("not valid", await ErrorAsync(response), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Access_token_in_the_query_string_counts_only_on_the_websocket_path()
    {
        var token = await fixture.Stack.TokenAsync("admin");
        using var client = fixture.Stack.CreateClient();

        using var api = await client.DeleteAsync($"api/orders/no-such-order?access_token={token}", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Failed_logins_from_one_address_are_limited_then_refused_with_429()
    {
        // A server of its own on the same stack, so the lock-out does not touch the other tests' logins.
        var stack = fixture.Stack;
        var users = new[] { new ServerUser { Name = "admin", Role = ServerRole.Admin, PasswordHash = PasswordHashes.Hash("admin") } };
        await using var server = await FlowSightServer.StartAsync(
            new ServerContext { Engine = stack.Engine, Replica = stack.Replica, Trading = stack.Node, MarketData = [stack.Data] },
            new ServerOptions { Urls = "http://127.0.0.1:0", Users = users },
            cancellationToken: Ct);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        for (var i = 0; i < LoginThrottle.FailuresPerWindow; i++)
        {
            using var failed = await client.PostAsJsonAsync("api/auth/login", new { username = "admin", password = $"guess-{i}" }, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var limited = await client.PostAsJsonAsync("api/auth/login", new { username = "admin", password = "guess-x" }, Ct);
        using var rightButLimited = await client.PostAsJsonAsync("api/auth/login", new { username = "admin", password = "admin" }, Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("too many failed logins", await ErrorAsync(limited), StringComparison.Ordinal);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightButLimited.StatusCode);
    }

    [Fact]
    public async Task Parallel_guesses_cannot_overrun_the_failure_limit()
    {
        var stack = fixture.Stack;
        var users = new[] { new ServerUser { Name = "admin", Role = ServerRole.Admin, PasswordHash = PasswordHashes.Hash("admin") } };
        await using var server = await FlowSightServer.StartAsync(
            new ServerContext { Engine = stack.Engine, Replica = stack.Replica, Trading = stack.Node, MarketData = [stack.Data] },
            new ServerOptions { Urls = "http://127.0.0.1:0", Users = users },
            cancellationToken: Ct);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var response = await client.PostAsJsonAsync("api/auth/login", new { username = "admin", password = $"guess-{i}" }, Ct);
            return response.StatusCode;
        }));

        var checkedGuesses = answers.Count(a => a == HttpStatusCode.Unauthorized);
        Assert.InRange(checkedGuesses, LoginThrottle.FailuresPerWindow, LoginThrottle.FailuresPerWindow + LoginThrottle.ConcurrentChecks - 1);
        Assert.All(answers, a => Assert.True(a is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"answered {a}"));
    }

    [Fact]
    public async Task Successful_logins_never_spend_the_failure_allowance()
    {
        using var client = fixture.Stack.CreateClient();
        for (var i = 0; i < LoginThrottle.FailuresPerWindow + 2; i++)
        {
            using var response = await client.PostAsJsonAsync("api/auth/login", new { username = "viewer", password = "viewer" }, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return JsonDocument.Parse(text).RootElement.GetProperty("error").GetString()!;
    }
}
