using System.Text.Json;
using FlowSight.PaperVenue.Binance.Rest;
using FlowSight.PaperVenue.Hosting;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Binance.Rest;

/// <summary>A Binance REST client for the tests: signs as Binance documents it (HMAC-SHA256 over query + body, signature last).</summary>
internal sealed class BinanceRestClient(PaperVenueHost host, string apiKey, string secret) : IDisposable
{
    public const string Key = "rest-key";
    public const string Secret = "rest-secret";
    public const string OtherKey = "rest-other-key";
    public const string OtherSecret = "rest-other-secret";

    private readonly HttpClient _http = new() { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

    public PaperVenueHost Host => host;

    public static Task<PaperVenueHost> StartAsync(PaperVenueKind venue, int weightPerMinute = 2400, int ordersPer10Seconds = 300, int ordersPerMinute = 1200) =>
        PaperVenueHost.StartAsync(
            new PaperVenueOptions
            {
                Venue = venue,
                Speed = 0,
                WarmUp = TimeSpan.FromMinutes(2),
                RequestWeightPerMinute = weightPerMinute,
                OrdersPer10Seconds = ordersPer10Seconds,
                OrdersPerMinute = ordersPerMinute,
                Credentials = [new PaperCredential(Key, Secret, null, 1), new PaperCredential(OtherKey, OtherSecret, null, 2)],
            },
            cancellationToken: TestContext.Current.CancellationToken);

    public static BinanceRestClient For(PaperVenueHost host) => new(host, Key, Secret);

    public BinanceRestClient As(string key, string secret) => new(host, key, secret);

    /// <summary>A public GET; returns status and parsed JSON.</summary>
    public async Task<(int Status, JsonElement Json, HttpResponseMessage Response)> GetAsync(string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        return await SendRawAsync(request);
    }

    /// <summary>A signed request: parameters in the query (GET/DELETE) or the form body (POST/PUT), timestamp and signature added.</summary>
    public Task<(int Status, JsonElement Json, HttpResponseMessage Response)> SignedAsync(HttpMethod method, string path, string parameters, long? timestamp = null, long? recvWindow = null)
    {
        var total = (parameters.Length > 0 ? parameters + "&" : string.Empty)
            + (recvWindow is { } w ? $"recvWindow={w}&" : string.Empty)
            + $"timestamp={timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}";
        var signed = total + "&signature=" + BinanceSignature.Sign(secret, total);
        return method == HttpMethod.Post || method == HttpMethod.Put
            ? SendAsync(method, path, string.Empty, signed)
            : SendAsync(method, path, signed, string.Empty);
    }

    /// <summary>Sends exactly <paramref name="query"/> and <paramref name="body"/> with the API key header.</summary>
    public async Task<(int Status, JsonElement Json, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string query, string body)
    {
        using var request = new HttpRequestMessage(method, query.Length > 0 ? path + "?" + query : path);
        request.Headers.Add("X-MBX-APIKEY", apiKey);
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        return await SendRawAsync(request);
    }

    public async Task<(int Status, JsonElement Json, HttpResponseMessage Response)> SendRawAsync(HttpRequestMessage request)
    {
        var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new Xunit.Sdk.XunitException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode} with a body that is not JSON: {text}");
        }

        return ((int)response.StatusCode, json, response);
    }

    public void Dispose() => _http.Dispose();
}
