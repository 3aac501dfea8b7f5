using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FlowSight.PaperVenue.Hosting;
using FlowSight.PaperVenue.Okx.Auth;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Okx;

/// <summary>An OKX paper venue on 127.0.0.1 with two accounts' keys, and a signing REST client for each.</summary>
internal sealed class OkxVenue : IAsyncDisposable
{
    public static readonly PaperCredential Alice = new("alice-key", "alice-secret", "alice-pass", 1);
    public static readonly PaperCredential Bob = new("bob-key", "bob-secret", "bob-pass", 2);

    private OkxVenue(PaperVenueHost host)
    {
        Host = host;
        Http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public PaperVenueHost Host { get; }

    public HttpClient Http { get; }

    public static async Task<OkxVenue> StartAsync(double speed = 0, TimeSpan? warmUp = null, IReadOnlyList<string>? symbols = null) =>
        new(await PaperVenueHost.StartAsync(new PaperVenueOptions
        {
            Venue = PaperVenueKind.Okx,
            Speed = speed,
            WarmUp = warmUp ?? TimeSpan.FromMinutes(5),
            Symbols = symbols ?? [],
            Credentials = [Alice, Bob],
        }, cancellationToken: TestContext.Current.CancellationToken));

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Sends a request signed as OKX wants; <paramref name="tamper"/> may change the request after signing.</summary>
    public Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string pathAndQuery,
        string? body = null,
        PaperCredential? credential = null,
        DateTimeOffset? at = null,
        string? secret = null,
        string? passphrase = null,
        Func<string?, string?>? tamper = null)
    {
        credential ??= Alice;
        var timestamp = Timestamp(at ?? DateTimeOffset.UtcNow);
        var sign = OkxSignature.Compute(secret ?? credential.Secret, timestamp + method.Method + pathAndQuery + (body ?? string.Empty));
        var sent = tamper is null ? body : tamper(body);
        var request = new HttpRequestMessage(method, pathAndQuery);
        if (sent is not null)
        {
            request.Content = new StringContent(sent, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        request.Headers.Add("OK-ACCESS-KEY", credential.ApiKey);
        request.Headers.Add("OK-ACCESS-SIGN", sign);
        request.Headers.Add("OK-ACCESS-TIMESTAMP", timestamp);
        if ((passphrase ?? credential.Passphrase) is { Length: > 0 } pass)
        {
            request.Headers.Add("OK-ACCESS-PASSPHRASE", pass);
        }

        return Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>A signed call's JSON answer and HTTP status.</summary>
    public async Task<(int Status, JsonElement Json)> CallAsync(HttpMethod method, string pathAndQuery, string? body = null, PaperCredential? credential = null)
    {
        using var response = await SendAsync(method, pathAndQuery, body, credential);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    /// <summary>A public GET's JSON answer and HTTP status.</summary>
    public async Task<(int Status, JsonElement Json)> GetAsync(string pathAndQuery)
    {
        using var response = await Http.GetAsync(new Uri(pathAndQuery, UriKind.Relative), TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
