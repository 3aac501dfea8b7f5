using System.Net;
using FlowSight.Core;
using FlowSight.TestServers.GateIo;
using FlowSight.Venues.GateIo;
using FlowSight.Venues.GateIo.Rest;
using FlowSight.Venues.Network.Http;
using Xunit;

namespace FlowSight.Venues.Tests.GateIo.Rest;

/// <summary>Gate's 200-per-10-s limit honoured client-side, its 429 waited out, outages retried, garbage typed.</summary>
public sealed class GateIoRestFaultTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_hundred_fifty_candle_requests_at_once_stay_within_200_per_10_seconds_per_endpoint()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        var client = h.Client();

        var calls = Enumerable.Range(0, 250)
            .Select(i => (Task)client.GetCandlesAsync(new GateIoCandlesRequest(GateIoMarket.Spot, "BTC_USDT", CandleInterval.OneMinute) { Limit = 1 }, Token))
            .Append(client.GetBookAsync(new GateIoBookRequest(GateIoMarket.Spot, "BTC_USDT") { Limit = 5 }, Token))
            .ToList();
        var steps = await h.DriveAsync(client.Host, calls);

        Assert.Equal(251, h.Rest.Requests.Count);
        Assert.All(h.Rest.Requests, r => Assert.Equal(200, r.Status));
        Assert.Equal(0, h.Rest.RateViolations);
        Assert.Single(steps); // one window's wait for the 50 candle requests over the limit
        var perWindow = h.Rest.Requests.Where(r => r.Path.EndsWith("candlesticks", StringComparison.Ordinal))
            .GroupBy(r => r.Time.ToUnixTimeMilliseconds() / 10_000).Select(g => g.Count()).ToList();
        Assert.Equal([200, 50], perWindow);
        Assert.Equal(GateIoRestHarness.Start, h.Rest.Requests.Single(r => r.Path.EndsWith("order_book", StringComparison.Ordinal)).Time); // its own pool: never waited
    }

    [Fact]
    public async Task After_reading_gates_clock_the_windows_align_with_gates_so_the_201st_request_waits_3_seconds_not_10()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        h.Rest.ServerClockSkew = TimeSpan.FromSeconds(7); // Gate is 7 s into its 10-second window when ours starts
        var client = h.Client();

        var clock = await client.GetServerTimeAsync(Token).WaitAsync(Timeout, Token);
        Assert.Equal(TimeSpan.FromSeconds(7), clock.Offset);
        Assert.Equal(UnixNanos.FromDateTimeOffset(GateIoRestHarness.Start.AddSeconds(7)), client.ServerNow);

        var calls = Enumerable.Range(0, 201)
            .Select(_ => (Task)client.GetCandlesAsync(new GateIoCandlesRequest(GateIoMarket.Spot, "BTC_USDT", CandleInterval.OneMinute) { Limit = 1 }, Token))
            .ToList();
        var steps = await h.DriveAsync(client.Host, calls);

        Assert.Equal([TimeSpan.FromSeconds(3.25)], steps); // to Gate's next window, plus the boundary guard
        Assert.Equal(0, h.Rest.RateViolations);
    }

    [Fact]
    public async Task A_429_blocks_the_host_until_gates_reset_timestamp_and_the_call_then_succeeds()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        h.Rest.Inject(GateIoRestFaultKind.RateLimited);
        var client = h.Client();

        var call = client.GetContractsAsync(Token);
        var steps = await h.DriveAsync(client.Host, [call]);

        Assert.Equal(295, (await call).Contracts.Count);
        Assert.Equal([TimeSpan.FromSeconds(10.25)], steps); // the window's end, plus the boundary guard
        Assert.Equal([429, 200], h.Rest.Requests.Select(r => r.Status));
        Assert.Equal("TOO_MANY_REQUESTS", h.Rest.Requests[0].Label);
    }

    [Fact]
    public async Task A_429_in_mid_window_waits_only_for_the_rest_of_the_window()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(6));
        h.Rest.Inject(GateIoRestFaultKind.RateLimited);
        var client = h.Client();

        var call = client.GetContractsAsync(Token);
        var steps = await h.DriveAsync(client.Host, [call]);

        Assert.Equal(295, (await call).Contracts.Count);
        Assert.Equal([TimeSpan.FromSeconds(4.25)], steps); // X-Gate-RateLimit-Reset-Timestamp says 4 s, not a whole window
        Assert.Equal([429, 200], h.Rest.Requests.Select(r => r.Status));
        Assert.True(h.Rest.Requests[1].Time >= GateIoRestHarness.Start.AddSeconds(10), "no request before Gate's reset");
    }

    [Fact]
    public async Task Server_errors_are_retried_and_if_they_persist_the_error_carries_gate_label()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        h.Rest.Inject(GateIoRestFaultKind.ServerError, count: 2);
        var client = h.Client(o => o with { MaxRetryAttempts = 2 });

        var call = client.GetFundingRateHistoryAsync(new GateIoFundingRateHistoryRequest("BTC_USDT"), Token);
        await h.Clock.AdvanceToNextTimerAsync(TimeSpan.FromMinutes(1), "retry delay 1");
        await h.Clock.AdvanceToNextTimerAsync(TimeSpan.FromMinutes(1), "retry delay 2");
        var history = await call.WaitAsync(Timeout, Token);
        Assert.Equal(100, history.Rates.Count);
        Assert.Equal([500, 500, 200], h.Rest.Requests.Select(r => r.Status));

        h.Rest.Inject(GateIoRestFaultKind.ServerError, count: 3);
        var failing = client.GetCurrencyPairsAsync(Token);
        await h.Clock.AdvanceToNextTimerAsync(TimeSpan.FromMinutes(1), "retry delay 1");
        await h.Clock.AdvanceToNextTimerAsync(TimeSpan.FromMinutes(1), "retry delay 2");
        var error = await Assert.ThrowsAsync<VenueTransientException>(() => failing.WaitAsync(Timeout, Token));
        Assert.Equal(GateIoErrorLabels.ServerError, error.VenueCode);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(TransientFailureKind.ServerError, error.Kind);
    }

    [Fact]
    public async Task Malformed_json_is_a_format_exception_with_the_body_and_is_not_retried()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        h.Rest.Inject(GateIoRestFaultKind.Malformed);
        var client = h.Client();

        var error = await Assert.ThrowsAsync<VenueResponseFormatException>(() => client.GetCurrencyPairsAsync(Token).WaitAsync(Timeout, Token));

        Assert.Equal("[{\"id\":\"BTC_US", error.BodyExcerpt);
        Assert.Equal("spot/currency_pairs", error.Endpoint);
        Assert.Single(h.Rest.Requests);
    }

    [Fact]
    public async Task The_api_root_path_prefixes_every_request()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        var client = h.Client();

        await client.GetCandlesAsync(new GateIoCandlesRequest(GateIoMarket.UsdtFutures, "ETH_USDT", CandleInterval.OneHour) { Limit = 3 }, Token).WaitAsync(Timeout, Token);

        Assert.Equal("/api/v4/futures/usdt/candlesticks", h.Rest.Requests.Single().Path);
    }

    [Fact]
    public async Task The_server_reports_gate_rate_limit_headers_per_endpoint()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        using var http = new HttpClient();

        using var first = await http.GetAsync(new Uri(h.Server.RestApiRoot + "/spot/candlesticks?currency_pair=BTC_USDT&interval=1m&limit=1"), Token);
        using var second = await http.GetAsync(new Uri(h.Server.RestApiRoot + "/spot/candlesticks?currency_pair=BTC_USDT&interval=1m&limit=1"), Token);
        using var other = await http.GetAsync(new Uri(h.Server.RestApiRoot + "/spot/currency_pairs"), Token);

        Assert.Equal("200", first.Headers.GetValues("X-Gate-RateLimit-Limit").Single());
        Assert.Equal(["199", "198", "199"], new[] { first, second, other }.Select(r => r.Headers.GetValues("X-Gate-RateLimit-Requests-Remain").Single()));
        Assert.Equal(GateIoRestHarness.Start.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), first.Headers.GetValues("X-Gate-RateLimit-Reset-Timestamp").Single());
    }
}
