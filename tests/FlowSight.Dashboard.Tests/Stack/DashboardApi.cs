using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FlowSight.Server.Hosting;
using FlowSight.Server.State;

namespace FlowSight.Dashboard.Tests.Stack;

/// <summary>
/// The server's HTTP API as the tests' oracle: what the dashboard shows is checked against what the API says, and
/// "the API refuses" is asked of the API itself. Real HttpClient to the real server.
/// </summary>
public sealed class DashboardApi : IDisposable
{
    private readonly HttpClient _http;

    internal DashboardApi(Uri baseAddress) => _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A bearer token for <paramref name="user"/> (the test users' passwords are their names, demo's is demo).</summary>
    public async Task<string> LoginAsync(string user, string password)
    {
        using var response = await _http.PostAsJsonAsync("api/auth/login", new { username = user, password }).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        return body.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>GET <paramref name="path"/> as <paramref name="token"/>'s user, read as <typeparamref name="T"/>.</summary>
    public async Task<T> GetAsync<T>(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(ServerJson.Options).ConfigureAwait(false))!;
    }

    /// <summary>Sends <paramref name="body"/> (JSON) to <paramref name="path"/>; returns the status and the body's text.</summary>
    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
    }

    /// <summary>The instrument <paramref name="id"/>.</summary>
    public async Task<InstrumentView> InstrumentAsync(string id, string token) =>
        (await GetAsync<List<InstrumentView>>("api/instruments", token).ConfigureAwait(false)).Single(i => i.Id == id);

    /// <summary>Our open orders.</summary>
    public Task<List<OrderView>> OpenOrdersAsync(string token) => GetAsync<List<OrderView>>("api/orders?open=true", token);

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();
}
