using System.Net;
using FlowSight.TestServers.Binance;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Rest;
using FlowSight.Venues.Network.Http;
using FlowSight.Venues.Tests.Binance.Rest;
using Xunit;

namespace FlowSight.Venues.Tests.Network.Http;

/// <summary>
/// The REST pipeline over real HTTP against the local Binance on 127.0.0.1, on a fake clock that only moves when the
/// client is parked on a timer: weight limits, 429/418 host blocks, retries, timeouts and error types.
/// </summary>
public sealed class VenueRestClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static RestRequest Depth(string symbol = "BTCUSDT", int limit = 5) => new(HttpMethod.Get, "/fapi/v1/depth")
    {
        Name = "depth",
        Query = [new("symbol", symbol), new("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        Costs = [new(BinanceRateLimits.RequestWeight, BinanceRequestWeights.Depth(BinanceMarket.UsdM, limit))],
    };

    [Fact]
    public async Task The_client_never_exceeds_the_declared_weight_limit()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        h.Rest.SetWeightLimit(BinanceServerMarket.UsdM, 50);
        var client = h.Client(BinanceMarket.UsdM);
        await client.GetExchangeInfoAsync(cancellationToken: Token).WaitAsync(Timeout, Token); // weight 1; declares 50 per minute
        Assert.Equal(50, client.Host.Limiter.Rules.Single(r => r.Pool == BinanceRateLimits.RequestWeight).Limit);

        // 25 snapshots of weight 5 at once: 125 weight against 50 per minute.
        var calls = Enumerable.Range(0, 25).Select(_ => (Task)client.GetDepthAsync(new DepthRequest("BTCUSDT") { Limit = 100 }, Token)).ToList();
        var steps = await h.DriveAsync(client.Host, calls);

        Assert.Equal(0, h.Rest.WeightLimitRejections);
        var windows = h.Rest.WeightByWindow(BinanceServerMarket.UsdM).OrderBy(w => w.Key).Select(w => w.Value).ToArray();
        Assert.Equal([46, 50, 30], windows); // 1 + 9×5, then 10×5, then 6×5: every window full but never over
        Assert.Equal(2, steps.Count);
        Assert.All(h.Rest.Requests, r => Assert.Equal(200, r.Status));
        Assert.Equal(16 + 6, client.Host.Snapshot(h.Clock.GetUtcNow()).ThrottledWaits); // waits armed: 16 in the first window, 6 in the second
    }

    [Fact]
    public async Task The_venues_used_weight_header_wins_over_the_clients_estimate()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        h.Rest.SetWeightLimit(BinanceServerMarket.UsdM, 50);
        var client = h.Client(BinanceMarket.UsdM);
        await client.GetExchangeInfoAsync(cancellationToken: Token).WaitAsync(Timeout, Token);
        h.Rest.AddExternalWeight(BinanceServerMarket.UsdM, 40); // another process on the same IP

        await client.GetDepthAsync(new DepthRequest("BTCUSDT") { Limit = 100 }, Token).WaitAsync(Timeout, Token);
        var window = client.Host.Snapshot(h.Clock.GetUtcNow()).Windows.Single(w => w.Pool == BinanceRateLimits.RequestWeight);
        Assert.Equal(46, window.Used); // our own estimate would be 6

        var next = client.GetDepthAsync(new DepthRequest("BTCUSDT") { Limit = 100 }, Token);
        await h.DriveAsync(client.Host, [next]);

        Assert.Equal(0, h.Rest.WeightLimitRejections);
        var last = h.Rest.Requests[^1];
        Assert.True(last.Time >= BinanceRestHarness.Start.AddMinutes(1), $"sent at {last.Time:O}, in the full window");
        Assert.Equal(5, last.UsedWeight);
    }

    [Fact]
    public async Task A_429_stops_every_request_to_the_host_until_Retry_After_has_passed()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        h.Rest.Inject(BinanceRestFault.RateLimited(30) with { Endpoint = "depth" });
        var client = h.Client(BinanceMarket.UsdM);

        var depth = client.GetDepthAsync(new DepthRequest("BTCUSDT") { Limit = 5 }, Token);
        await h.WaitUntilAsync(client.Host, s => s.BlockedUntil is not null && s.Waiting == 1, "the 429 retry parked at the host block");
        var time = client.GetServerTimeAsync(Token); // another endpoint on the same host
        await h.WaitUntilAsync(client.Host, s => s.Waiting == 2, "the second call parked too");

        var blocked = client.Host.Snapshot(h.Clock.GetUtcNow());
        Assert.Equal(BinanceRestHarness.Start.AddSeconds(30), blocked.BlockedUntil);
        Assert.False(blocked.IsBanned);
        Assert.Equal(1, blocked.RateLimitedResponses);
        Assert.Equal([BinanceRestHarness.Start.AddSeconds(30), BinanceRestHarness.Start.AddSeconds(30)], h.Clock.ArmedDueTimes.Where(d => d < BinanceRestHarness.Start.AddHours(1)));

        h.Clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(1));
        Assert.Single(h.Rest.Requests);
        Assert.Equal(2, client.Host.Snapshot(h.Clock.GetUtcNow()).Waiting);

        h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await Task.WhenAll(depth, time).WaitAsync(Timeout, Token);

        var requests = h.Rest.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal((429, BinanceRestFaultKind.RateLimited), (requests[0].Status, requests[0].Fault));
        Assert.All(requests.Skip(1), r => Assert.True(r.Time >= requests[0].Time.AddSeconds(30), $"{r.Endpoint} reached the server at {r.Time:O}"));
        Assert.All(requests.Skip(1), r => Assert.Equal(200, r.Status));
        Assert.Equal(5, depth.Result.Book.Bids.Count);
    }

    [Fact]
    public async Task A_418_ban_blocks_the_whole_host_for_its_longer_Retry_After()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        h.Rest.Inject(BinanceRestFault.Banned(120) with { Endpoint = "klines" });
        var client = h.Client(BinanceMarket.UsdM);

        var klines = client.GetKlinesAsync(new KlinesRequest("BTCUSDT", Core.CandleInterval.OneMinute) { Limit = 10 }, Token);
        await h.WaitUntilAsync(client.Host, s => s.IsBanned && s.Waiting == 1, "the 418 retry parked at the ban");
        var depth = client.GetDepthAsync(new DepthRequest("BTCUSDT") { Limit = 5 }, Token);
        var open = client.GetOpenInterestAsync(new OpenInterestRequest("BTCUSDT"), Token);
        await h.WaitUntilAsync(client.Host, s => s.Waiting == 3, "every call parked at the ban");

        var banned = client.Host.Snapshot(h.Clock.GetUtcNow());
        Assert.Equal(BinanceRestHarness.Start.AddSeconds(120), banned.BlockedUntil);
        Assert.Equal(1, banned.BanResponses);
        h.Clock.Advance(TimeSpan.FromSeconds(119.999));
        Assert.Single(h.Rest.Requests);

        h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await Task.WhenAll(klines, depth, open).WaitAsync(Timeout, Token);

        var requests = h.Rest.Requests;
        Assert.Equal(4, requests.Count);
        Assert.Equal(418, requests[0].Status);
        Assert.All(requests.Skip(1), r => Assert.True(r.Time >= requests[0].Time.AddSeconds(120), $"{r.Endpoint} reached the server at {r.Time:O}"));
        Assert.Equal(10, klines.Result.Count);
    }

    [Fact]
    public async Task A_ban_longer_than_the_client_waits_fails_fast_for_every_call()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        h.Rest.Inject(BinanceRestFault.Banned(3600));
        var client = h.Client(BinanceMarket.UsdM, o => o with { MaxRateLimitWait = TimeSpan.FromMinutes(5) });

        var first = await Assert.ThrowsAsync<VenueRateLimitedException>(() => client.GetServerTimeAsync(Token).WaitAsync(Timeout, Token));
        var second = await Assert.ThrowsAsync<VenueRateLimitedException>(() => client.GetDepthAsync(new DepthRequest("BTCUSDT") { Limit = 5 }, Token).WaitAsync(Timeout, Token));

        Assert.True(first.IsIpBan);
        Assert.Equal((HttpStatusCode)418, first.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), first.RetryAfter);
        Assert.Equal(-1003, first.NumericVenueCode);
        Assert.Contains("IP banned until", first.VenueMessage, StringComparison.Ordinal);
        Assert.True(second.IsIpBan);
        Assert.Null(second.StatusCode); // refused locally: it never reached the server
        Assert.Single(h.Rest.Requests);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_jittered_exponential_backoff_until_success()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        h.Rest.Inject(BinanceRestFault.ServerError(times: 3, status: 503) with { Endpoint = "depth" });
        using var client = h.VenueClient();

        var call = client.SendAsync(Depth(), Token);
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            delays.Add(await h.Clock.AdvanceToNextTimerAsync(TimeSpan.FromMinutes(1), $"retry delay {i + 1}"));
        }

        var response = await call.WaitAsync(Timeout, Token);

        Assert.Equal(4, response.Attempts);
        Assert.Equal([503, 503, 503, 200], h.Rest.Requests.Select(r => r.Status));
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30)));
        Assert.NotEqual([TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], delays); // jitter applied
        Assert.True(delays[2] > delays[0], $"backoff grows: {string.Join(", ", delays)}");
        Assert.Equal(3, client.Host.Snapshot(h.Clock.GetUtcNow()).Retries);
    }

    [Fact]
    public async Task When_retries_run_out_the_error_says_what_the_venue_answered()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        h.Rest.Inject(BinanceRestFault.ServerError(times: 10, status: 500));
        using var client = h.VenueClient(o => o with { MaxRetryAttempts = 2 });

        var call = client.SendAsync(Depth(), Token);
        await h.Clock.AdvanceToNextTimerAsync(TimeSpan.FromMinutes(1));
        await h.Clock.AdvanceToNextTimerAsync(TimeSpan.FromMinutes(1));
        var error = await Assert.ThrowsAsync<VenueTransientException>(() => call.WaitAsync(Timeout, Token));

        Assert.Equal(TransientFailureKind.ServerError, error.Kind);
        Assert.Equal(3, error.Attempt);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("-1001", error.VenueCode);
        Assert.Equal("depth", error.Endpoint);
        Assert.Equal(3, h.Rest.Requests.Count);
    }

    [Fact]
    public async Task A_request_that_is_not_idempotent_is_never_retried()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        h.Rest.Inject(BinanceRestFault.ServerError());
        using var client = h.VenueClient();

        var error = await Assert.ThrowsAsync<VenueTransientException>(() => client.SendAsync(Depth() with { IsIdempotent = false }, Token).WaitAsync(Timeout, Token));

        Assert.Equal(1, error.Attempt);
        Assert.Single(h.Rest.Requests);
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_carries_the_venues_code_and_message()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        h.Rest.Inject(BinanceRestFault.Error(400, -1121, "Invalid symbol.") with { Endpoint = "depth" });
        var client = h.Client(BinanceMarket.UsdM);

        var injected = await Assert.ThrowsAsync<VenueApiException>(() => client.GetDepthAsync(new DepthRequest("BTCUSDT") { Limit = 5 }, Token).WaitAsync(Timeout, Token));
        var natural = await Assert.ThrowsAsync<VenueApiException>(() => client.GetDepthAsync(new DepthRequest("NOSUCHUSDT") { Limit = 5 }, Token).WaitAsync(Timeout, Token));

        foreach (var error in new[] { injected, natural })
        {
            Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
            Assert.Equal("-1121", error.VenueCode);
            Assert.Equal(-1121, error.NumericVenueCode);
            Assert.Equal("Invalid symbol.", error.VenueMessage);
            Assert.Contains("Invalid symbol.", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(2, h.Rest.Requests.Count);
    }

    [Fact]
    public async Task Malformed_json_is_a_clear_format_error_and_not_retried()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        h.Rest.Inject(BinanceRestFault.MalformedJson() with { Endpoint = "depth" });
        var client = h.Client(BinanceMarket.UsdM);

        var error = await Assert.ThrowsAsync<VenueResponseFormatException>(() => client.GetDepthAsync(new DepthRequest("BTCUSDT") { Limit = 5 }, Token).WaitAsync(Timeout, Token));

        Assert.Equal("depth", error.Endpoint);
        Assert.StartsWith("{\"lastUpdateId\":1027024", error.BodyExcerpt, StringComparison.Ordinal);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
        Assert.Single(h.Rest.Requests);
    }

    [Fact]
    public async Task A_stalled_answer_times_out_on_the_clients_clock_and_is_retried()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        h.Rest.Inject(BinanceRestFault.Stall() with { Endpoint = "depth" });
        var client = h.Client(BinanceMarket.UsdM, o => o with { AttemptTimeout = TimeSpan.FromSeconds(5) });

        var call = client.GetDepthAsync(new DepthRequest("BTCUSDT") { Limit = 5 }, Token);
        await h.Rest.WaitForStallsAsync(1, Token).WaitAsync(Timeout, Token);
        var timeout = await h.Clock.AdvanceToNextTimerAsync(TimeSpan.FromSeconds(10), "the attempt timeout");
        var backoff = await h.Clock.AdvanceToNextTimerAsync(TimeSpan.FromMinutes(1), "the retry delay");
        var snapshot = await call.WaitAsync(Timeout, Token);

        Assert.Equal(TimeSpan.FromSeconds(5), timeout);
        Assert.True(backoff > TimeSpan.Zero);
        Assert.Equal(5, snapshot.Book.Bids.Count);
        Assert.Equal([BinanceRestFaultKind.Stall, (BinanceRestFaultKind?)null], h.Rest.Requests.Select(r => r.Fault));
    }
}
