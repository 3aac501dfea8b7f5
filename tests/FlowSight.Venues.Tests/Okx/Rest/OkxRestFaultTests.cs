using System.Net;
using FlowSight.Core;
using FlowSight.TestServers.Okx;
using FlowSight.Venues.Network.Http;
using FlowSight.Venues.Okx.Rest;
using Xunit;

namespace FlowSight.Venues.Tests.Okx.Rest;

/// <summary>OKX's limits honoured client-side, its 429/50011 waited out, outages retried, refusals and garbage typed.</summary>
public sealed class OkxRestFaultTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Forty_five_history_pages_at_once_stay_within_20_per_2_seconds_without_a_single_429()
    {
        await using var h = await OkxRestHarness.StartAsync();
        var client = h.Client();
        var end = UnixNanos.FromDateTimeOffset(OkxRestHarness.Start.AddHours(-1));

        var calls = Enumerable.Range(0, 45)
            .Select(i => (Task)client.GetCandlesAsync(
                new OkxCandlesRequest("BTC-USDT", CandleInterval.OneMinute) { Source = OkxCandleSource.History, OpenedBefore = end - (i * 6_000_000_000_000L), Limit = 100 },
                Token))
            .ToList();
        var steps = await h.DriveAsync(client.Host, calls);

        Assert.Equal(45, h.Rest.Requests.Count);
        Assert.All(h.Rest.Requests, r => Assert.Equal(200, r.Status));
        Assert.Equal(0, h.Rest.RateViolations);
        Assert.True(steps.Count >= 2, $"the clock had to move at least twice: {string.Join(", ", steps)}");
        var perWindow = h.Rest.Requests.GroupBy(r => r.Time.ToUnixTimeMilliseconds() / 2000).Select(g => g.Count()).ToList();
        Assert.All(perWindow, n => Assert.True(n <= 20, $"{n} requests in one 2-second window"));
        Assert.True(client.Host.Snapshot(h.Clock.GetUtcNow()).ThrottledWaits > 0);
    }

    [Fact]
    public async Task After_reading_okx_clock_the_windows_align_with_okx_so_the_21st_page_waits_half_a_second()
    {
        await using var h = await OkxRestHarness.StartAsync();
        h.Rest.ServerClockSkew = TimeSpan.FromSeconds(1.5); // OKX is 1.5 s into its 2-second window when ours starts
        var client = h.Client();

        var clock = await client.GetServerTimeAsync(Token).WaitAsync(Timeout, Token);
        Assert.Equal(TimeSpan.FromSeconds(1.5), clock.Offset);

        var calls = Enumerable.Range(0, 21)
            .Select(_ => (Task)client.GetCandlesAsync(new OkxCandlesRequest("BTC-USDT", CandleInterval.OneMinute) { Source = OkxCandleSource.History, Limit = 1 }, Token))
            .ToList();
        var steps = await h.DriveAsync(client.Host, calls);

        Assert.Equal([TimeSpan.FromSeconds(0.6)], steps); // to OKX's next window, plus the 100 ms boundary guard
        Assert.Equal(0, h.Rest.RateViolations);
    }

    [Fact]
    public async Task Funding_history_is_limited_per_instrument_so_two_swaps_do_not_share_a_window()
    {
        await using var h = await OkxRestHarness.StartAsync();
        var client = h.Client();

        var calls = Enumerable.Range(0, 10)
            .SelectMany(_ => new[] { "BTC-USDT-SWAP", "ETH-USDT-SWAP" })
            .Select(id => (Task)client.GetFundingRateHistoryAsync(new OkxFundingRateHistoryRequest(id) { PageSize = 5 }, Token))
            .ToList();
        var steps = await h.DriveAsync(client.Host, calls);

        Assert.Empty(steps); // 10 each fits each instrument's own 10-per-2-s window
        Assert.Equal(20, h.Rest.Requests.Count);
        Assert.Equal(0, h.Rest.RateViolations);

        var eleventh = client.GetFundingRateHistoryAsync(new OkxFundingRateHistoryRequest("BTC-USDT-SWAP") { PageSize = 5 }, Token);
        var waited = await h.DriveAsync(client.Host, [eleventh]);
        Assert.Single(waited);
        Assert.Equal(0, h.Rest.RateViolations);
    }

    [Fact]
    public async Task A_429_with_code_50011_blocks_the_host_for_one_window_and_the_call_then_succeeds()
    {
        await using var h = await OkxRestHarness.StartAsync();
        h.Rest.Inject(OkxRestFaultKind.RateLimited, path: "/api/v5/market/books");
        var client = h.Client();

        var call = client.GetBookAsync(new OkxBookRequest("BTC-USDT") { Depth = 5 }, Token);
        var steps = await h.DriveAsync(client.Host, [call]);

        Assert.Equal(5, (await call).Book.Bids.Count);
        Assert.Equal([TimeSpan.FromSeconds(2)], steps);
        Assert.Equal([429, 200], h.Rest.Requests.Select(r => r.Status));
        Assert.Equal(["50011", "0"], h.Rest.Requests.Select(r => r.Code));
        Assert.Equal(1, client.Host.Snapshot(h.Clock.GetUtcNow()).RateLimitedResponses);
    }

    [Fact]
    public async Task A_429_that_persists_past_the_retries_is_a_rate_limited_exception_with_okx_code()
    {
        await using var h = await OkxRestHarness.StartAsync();
        h.Rest.Inject(OkxRestFaultKind.RateLimited, count: 10);
        var client = h.Client(o => o with { MaxRetryAttempts = 2 });

        var call = client.GetServerTimeAsync(Token);
        var drive = h.DriveAsync(client.Host, [call]);
        var error = await Assert.ThrowsAsync<VenueRateLimitedException>(() => drive);

        Assert.Equal(OkxErrorCodes.RateLimited, error.VenueCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
        Assert.Equal(3, h.Rest.Requests.Count);
    }

    [Fact]
    public async Task Outages_are_retried_until_okx_answers()
    {
        await using var h = await OkxRestHarness.StartAsync();
        h.Rest.Inject(OkxRestFaultKind.ServerError, count: 2);
        var client = h.Client();

        var call = client.GetInstrumentsAsync(new OkxInstrumentsRequest(OkxInstrumentType.Futures), Token);
        await h.Clock.AdvanceToNextTimerAsync(TimeSpan.FromMinutes(1), "retry delay 1");
        await h.Clock.AdvanceToNextTimerAsync(TimeSpan.FromMinutes(1), "retry delay 2");
        var futures = await call.WaitAsync(Timeout, Token);

        Assert.Equal(104, futures.Instruments.Count);
        Assert.Equal([503, 503, 200], h.Rest.Requests.Select(r => r.Status));
        Assert.Equal(2, client.Host.Snapshot(h.Clock.GetUtcNow()).Retries);
    }

    [Fact]
    public async Task Malformed_json_is_a_format_exception_with_the_body_and_is_not_retried()
    {
        await using var h = await OkxRestHarness.StartAsync();
        h.Rest.Inject(OkxRestFaultKind.Malformed);
        var client = h.Client();

        var error = await Assert.ThrowsAsync<VenueResponseFormatException>(
            () => client.GetBookAsync(new OkxBookRequest("BTC-USDT"), Token).WaitAsync(Timeout, Token));

        Assert.StartsWith("{\"code\":\"0\"", error.BodyExcerpt, StringComparison.Ordinal);
        Assert.Equal("books", error.Endpoint);
        Assert.Single(h.Rest.Requests);
    }

    [Fact]
    public async Task An_unknown_instrument_and_funding_for_a_spot_pair_are_api_errors_with_okx_codes()
    {
        await using var h = await OkxRestHarness.StartAsync();
        var client = h.Client();

        var unknown = await Assert.ThrowsAsync<VenueApiException>(() => client.GetBookAsync(new OkxBookRequest("DOGE-NOPE"), Token).WaitAsync(Timeout, Token));
        Assert.Equal("51001", unknown.VenueCode);
        Assert.Equal(51001, unknown.NumericVenueCode);

        var funding = await Assert.ThrowsAsync<VenueApiException>(() => client.GetFundingRateHistoryAsync(new OkxFundingRateHistoryRequest("BTC-USDT"), Token).WaitAsync(Timeout, Token));
        Assert.Equal(OkxErrorCodes.ParameterError, funding.VenueCode);
        Assert.Equal(2, h.Rest.Requests.Count);
    }
}
