using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace FlowSight.Server.Tests.Auth;

/// <summary>
/// Every endpoint, taken from the OpenAPI document and from the contract's table, refuses calls without a token (401)
/// and calls from a role below its policy (403), with a JSON error; the document shows each endpoint's requirement.
/// </summary>
public sealed class EndpointAuthorizationTests(AuthStackFixture fixture) : IClassFixture<AuthStackFixture>
{
    /// <summary>The HTTP contract: method, path, policy (null: anonymous).</summary>
    private static readonly (string Method, string Path, string? Policy)[] Table =
    [
        ("POST", "/api/auth/login", null),
        ("GET", "/api/instruments", "viewer"),
        ("GET", "/api/book/{id}", "viewer"),
        ("GET", "/api/trades/{id}", "viewer"),
        ("GET", "/api/candles/{id}", "viewer"),
        ("GET", "/api/orders", "viewer"),
        ("GET", "/api/fills", "viewer"),
        ("GET", "/api/positions", "viewer"),
        ("GET", "/api/account", "viewer"),
        ("GET", "/api/risk", "viewer"),
        ("GET", "/api/engine", "viewer"),
        ("POST", "/api/orders", "trader"),
        ("DELETE", "/api/orders/{clientOrderId}", "trader"),
        ("DELETE", "/api/orders", "trader"),
        ("POST", "/api/risk/kill-switch", "admin"),
        ("POST", "/api/risk/resume", "admin"),
        ("GET", "/health", null),
        ("GET", "/health/ready", null),
        ("GET", "/metrics", "metrics"),
    ];

    /// <summary>The contract as theory data.</summary>
    public static TheoryData<string, string, string?> Contract
    {
        get
        {
            var data = new TheoryData<string, string, string?>();
            foreach (var (method, path, policy) in Table)
            {
                data.Add(method, path, policy);
            }

            return data;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Contract))]
    public async Task The_OpenAPI_document_lists_the_endpoint_with_its_requirement(string method, string path, string? policy)
    {
        var operations = await OperationsAsync();

        Assert.True(operations.TryGetValue((method, path), out var operation), $"{method} {path} is missing from /openapi/v1.json");
        Assert.Equal(policy, operation.Policy);
        Assert.Equal(policy is not null, operation.Bearer);
    }

    [Fact]
    public async Task Every_api_operation_in_the_document_but_login_needs_a_token_and_the_bearer_scheme_is_declared()
    {
        using var client = fixture.Stack.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json", Ct));
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());

        var operations = await OperationsAsync();
        Assert.NotEmpty(operations);
        foreach (var ((method, path), operation) in operations)
        {
            if (path.StartsWith("/api/", StringComparison.Ordinal) && path != "/api/auth/login")
            {
                Assert.True(operation.Bearer, $"{method} {path} does not require a token in the document");
            }
        }
    }

    [Fact]
    public async Task Every_protected_endpoint_refuses_anonymous_calls_with_401()
    {
        using var anonymous = fixture.Stack.CreateClient();
        var checkedCount = 0;
        foreach (var (method, path, policy) in await EndpointsAsync())
        {
            if (policy is null or "metrics")
            {
                continue; // anonymous by design; /metrics is anonymous from loopback (tested in MetricsTests)
            }

            using var response = await SendAsync(anonymous, method, path);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode} without a token");
            Assert.False(string.IsNullOrEmpty(await ErrorAsync(response)));
            checkedCount++;
        }

        Assert.True(checkedCount >= 15, $"only {checkedCount} protected endpoints checked");
    }

    [Fact]
    public async Task Every_endpoint_refuses_a_role_below_its_policy_with_403()
    {
        using var viewer = await fixture.Stack.LoginAsync("viewer");
        using var trader = await fixture.Stack.LoginAsync("trader");
        var openBefore = await OpenOrderCountAsync();
        var checkedCount = 0;
        foreach (var (method, path, policy) in await EndpointsAsync())
        {
            var below = policy switch
            {
                "trader" => new[] { viewer },
                "admin" => [viewer, trader],
                _ => [],
            };
            foreach (var client in below)
            {
                using var response = await SendAsync(client, method, path);
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered {(int)response.StatusCode} to a role below {policy}");
                Assert.StartsWith("forbidden", await ErrorAsync(response), StringComparison.Ordinal);
                checkedCount++;
            }
        }

        Assert.True(checkedCount >= 7, $"only {checkedCount} under-privileged calls checked");
        Assert.Equal("ACTIVE", fixture.Stack.Replica.Risk.State.ToUpperInvariant());
        Assert.Equal(openBefore, await OpenOrderCountAsync());
    }

    [Fact]
    public async Task Any_api_path_without_a_policy_still_needs_a_token()
    {
        using var anonymous = fixture.Stack.CreateClient();

        using var response = await anonymous.GetAsync("api/no-such-endpoint", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_websocket_refuses_anonymous_clients_and_a_bad_query_token()
    {
        using var anonymous = fixture.Stack.CreateClient();

        using var none = await anonymous.GetAsync("ws", Ct);
        using var bad = await anonymous.GetAsync("ws?access_token=not-a-jwt", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
    }

    private async Task<int> OpenOrderCountAsync() => await fixture.Stack.Node.InvokeAsync(n => n.Orders.TotalOpenOrderCount);

    /// <summary>The contract's endpoints plus any other the document lists.</summary>
    private async Task<List<(string Method, string Path, string? Policy)>> EndpointsAsync()
    {
        var endpoints = Table.ToList();
        foreach (var ((method, path), operation) in await OperationsAsync())
        {
            if (!endpoints.Any(e => e.Method == method && e.Path == path))
            {
                endpoints.Add((method, path, operation.Policy ?? (operation.Bearer ? "viewer" : null)));
            }
        }

        return endpoints;
    }

    private async Task<Dictionary<(string Method, string Path), (string? Policy, bool Bearer)>> OperationsAsync()
    {
        using var client = fixture.Stack.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json", Ct));
        var operations = new Dictionary<(string, string), (string?, bool)>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Value.ValueKind != JsonValueKind.Object || operation.Name == "parameters")
                {
                    continue;
                }

                var policy = operation.Value.TryGetProperty("x-policy", out var p) ? p.GetString() : null;
                var bearer = operation.Value.TryGetProperty("security", out var s) && s.GetArrayLength() > 0;
                operations[(operation.Name.ToUpperInvariant(), path.Name)] = (policy, bearer);
            }
        }

        return operations;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        var url = path.TrimStart('/')
            .Replace("{id}", "BTCUSDT-PERP.BINANCE", StringComparison.Ordinal)
            .Replace("{clientOrderId}", "no-such-order", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request, Ct);
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error").GetString()!;
}
