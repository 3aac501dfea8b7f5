using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace FlowSight.Venues.Network.Http;

/// <summary>
/// Sends REST requests to one venue host the way venues ask to be called: it reserves each request's cost in the
/// host's rate-limit windows and waits (on the injected <see cref="TimeProvider"/>) rather than exceed a limit; adopts
/// the venue's own used-weight counts from the response headers; on 429/418 blocks the whole host until
/// <c>Retry-After</c> has passed; retries idempotent requests after 5xx, timeouts and connection failures with
/// jittered exponential backoff (Polly); and turns every failure into a <see cref="VenueRestException"/> that carries
/// the venue's code and message. Venue-agnostic: the venue supplies the costs, the limits and the error parser.
/// </summary>
/// <remarks>Thread-safe; one instance per venue host, kept for the process's life.</remarks>
public sealed class VenueRestClient : IDisposable
{
    private readonly VenueRestOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<RestResponse> _retrying;

    /// <summary>Creates a client for <see cref="VenueRestOptions.BaseAddress"/>.</summary>
    public VenueRestClient(VenueRestOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        Host = (options.Hosts ?? new RestHostRegistry()).For(options.BaseAddress);
        if (Host.Limiter.Rules.Count == 0 && options.RateLimits.Count > 0)
        {
            Host.Limiter.Configure(options.RateLimits);
        }

        var handler = options.HandlerFactory?.Invoke() ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };

        // The attempt timeout runs on the TimeProvider; HttpClient's own (wall-clock) timeout is off.
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

        var retry = new RetryStrategyOptions<RestResponse>
        {
            MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.RetryMaxDelay,
            ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome.Exception)),

            // A rate-limited attempt retries at once: the next attempt waits at the host's block, which every other
            // request to the host honours too.
            DelayGenerator = static args => ValueTask.FromResult<TimeSpan?>(args.Outcome.Exception is VenueRateLimitedException ? TimeSpan.Zero : null),
            OnRetry = args =>
            {
                Host.OnRetry();
                _logger.LogWarning(
                    "{Venue} {Host}: retry {Attempt} in {Delay} after {Error}",
                    _options.VenueName,
                    Host.Name,
                    args.AttemptNumber + 1,
                    args.RetryDelay,
                    args.Outcome.Exception?.Message);
                return default;
            },
        };
        if (options.JitterRandomizer is { } randomizer)
        {
            retry.Randomizer = randomizer;
        }

        _retrying = options.MaxRetryAttempts <= 0
            ? ResiliencePipeline<RestResponse>.Empty
            : new ResiliencePipelineBuilder<RestResponse> { TimeProvider = _time }.AddRetry(retry).Build();
    }

    /// <summary>The state shared by every client of this host: rate-limit windows, 429/418 block, counters.</summary>
    public RestHost Host { get; }

    /// <summary>The clock waits and timeouts run on.</summary>
    public TimeProvider TimeProvider => _time;

    /// <summary>
    /// Sends <paramref name="request"/> and returns the successful response, read to the end.
    /// </summary>
    /// <exception cref="VenueApiException">The venue refused the request (4xx); never retried.</exception>
    /// <exception cref="VenueRateLimitedException">429/418 and the retries did not get through, or the host is blocked for longer than <see cref="VenueRestOptions.MaxRateLimitWait"/>.</exception>
    /// <exception cref="VenueTransientException">5xx, timeout or connection failure on the last attempt.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The request costs more than a whole window allows.</exception>
    public async Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = new CallState(request);
        if (!request.IsIdempotent)
        {
            return await AttemptAsync(call, cancellationToken).ConfigureAwait(false);
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await _retrying.ExecuteAsync(
                static (ctx, state) => state.Self.AttemptAsync(state.Call, ctx.CancellationToken),
                context,
                (Self: this, Call: call)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private bool IsRetryable(Exception? error) => error switch
    {
        VenueTransientException => true,
        VenueRateLimitedException limited => limited.BlockedUntil - _time.GetUtcNow() <= _options.MaxRateLimitWait,
        _ => false,
    };

    private async ValueTask<RestResponse> AttemptAsync(CallState call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        call.Attempts++;
        var lease = await AcquireAsync(request, cancellationToken).ConfigureAwait(false);
        var leaseOpen = true;
        HttpResponseMessage? response = null;
        Host.OnSent();
        try
        {
            using var timeout = new CancellationTokenSource(_options.AttemptTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            using var message = new HttpRequestMessage(request.Method, new Uri(_options.BaseAddress, request.PathAndQuery));
            message.Options.Set(RestRequest.OptionsKey, request);
            if (!request.Body.IsEmpty)
            {
                message.Content = new ReadOnlyMemoryContent(request.Body);
                message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(request.BodyContentType);
            }

            var sentAt = _time.GetUtcNow();
            byte[] body;
            try
            {
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                var receivedAt = _time.GetUtcNow();
                Host.Limiter.Complete(lease, receivedAt, header => ReadCount(response, header));
                leaseOpen = false;
                Host.OnCountsChanged();
                body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return new RestResponse(request, response.StatusCode, body, ToUnixNanos(sentAt), ToUnixNanos(receivedAt), call.Attempts);
                }
            }
            catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw Transient(call, TransientFailureKind.Timeout, $"no answer within {_options.AttemptTimeout}", null, null, ex);
            }
            catch (HttpRequestException ex)
            {
                throw Transient(call, TransientFailureKind.ConnectionFailed, ex.Message, (HttpStatusCode?)ex.StatusCode, null, ex);
            }

            throw Failure(call, response, body);
        }
        finally
        {
            if (leaseOpen)
            {
                Host.Limiter.Complete(lease, _time.GetUtcNow(), static _ => null);
            }

            response?.Dispose();
            Host.OnAnswered();
        }
    }

    /// <summary>
    /// Waits until the host is open and the request's cost fits its windows, then reserves the cost. While a call is
    /// counted as waiting in <see cref="RestHost"/>, its timer is armed on the <see cref="TimeProvider"/>.
    /// </summary>
    private async ValueTask<RateLimitLease> AcquireAsync(RestRequest request, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = _time.GetUtcNow();
            var blocked = Host.BlockedUntil - now;
            TimeSpan wait;
            bool throttled;
            if (blocked > TimeSpan.Zero)
            {
                if (blocked > _options.MaxRateLimitWait)
                {
                    var ban = Host.IsBanned(now);
                    throw new VenueRateLimitedException($"{VenueRestException.Describe(Host.Name, request.DisplayName, null, null)}: the host is {(ban ? "banning" : "rate-limiting")} us until {Host.BlockedUntil:O}, longer than the {_options.MaxRateLimitWait} we wait.")
                    {
                        Host = Host.Name,
                        Endpoint = request.DisplayName,
                        RetryAfter = blocked,
                        BlockedUntil = Host.BlockedUntil,
                        IsIpBan = ban,
                    };
                }

                wait = blocked;
                throttled = false;
            }
            else if (Host.Limiter.TryReserve(request.Costs, now, out var lease, out wait))
            {
                return lease;
            }
            else
            {
                wait += _options.WindowBoundaryGuard;
                throttled = true;
                _logger.LogDebug("{Venue} {Host}: {Endpoint} waits {Wait} for the rate-limit window", _options.VenueName, Host.Name, request.DisplayName, wait);
            }

            var delay = Task.Delay(wait, _time, cancellationToken);
            Host.OnWaitStarted(throttled);
            try
            {
                await delay.ConfigureAwait(false);
            }
            finally
            {
                Host.OnWaitEnded();
            }
        }
    }

    private VenueRestException Failure(CallState call, HttpResponseMessage response, byte[] body)
    {
        var status = response.StatusCode;
        VenueErrorBody? error = _options.ErrorParser is { } parse && parse(body, out var parsed) ? parsed : null;
        if (status is HttpStatusCode.TooManyRequests or (HttpStatusCode)418)
        {
            var isBan = status != HttpStatusCode.TooManyRequests;
            var now = _time.GetUtcNow();
            var retryAfter = RetryAfter(response, now)
                ?? (isBan ? null : _options.RateLimitResetReader?.Invoke(response, now))
                ?? (isBan ? _options.DefaultBanWait : _options.DefaultRateLimitedWait);
            Host.Block(now + retryAfter, isBan);
            _logger.LogWarning(
                "{Venue} {Host}: HTTP {Status} on {Endpoint}; no request to the host for {RetryAfter}",
                _options.VenueName,
                Host.Name,
                (int)status,
                call.Request.DisplayName,
                retryAfter);
            return new VenueRateLimitedException($"{VenueRestException.Describe(Host.Name, call.Request.DisplayName, status, error)}; retry after {retryAfter}.")
            {
                Host = Host.Name,
                Endpoint = call.Request.DisplayName,
                StatusCode = status,
                VenueCode = error?.Code,
                VenueMessage = error?.Message,
                RetryAfter = retryAfter,
                BlockedUntil = now + retryAfter,
                IsIpBan = isBan,
            };
        }

        if ((int)status >= 500)
        {
            return Transient(call, TransientFailureKind.ServerError, null, status, error, null);
        }

        var excerpt = error is null ? $" Body: {VenueResponseFormatException.Excerpt(body)}" : string.Empty;
        return new VenueApiException($"{VenueRestException.Describe(Host.Name, call.Request.DisplayName, status, error)}.{excerpt}")
        {
            Host = Host.Name,
            Endpoint = call.Request.DisplayName,
            StatusCode = status,
            VenueCode = error?.Code,
            VenueMessage = error?.Message,
        };
    }

    private VenueTransientException Transient(CallState call, TransientFailureKind kind, string? detail, HttpStatusCode? status, VenueErrorBody? error, Exception? inner)
    {
        var text = VenueRestException.Describe(Host.Name, call.Request.DisplayName, status, error);
        text += detail is null ? $" (attempt {call.Attempts})." : $": {detail} (attempt {call.Attempts}).";
        return new VenueTransientException(text, inner)
        {
            Host = Host.Name,
            Endpoint = call.Request.DisplayName,
            StatusCode = status,
            VenueCode = error?.Code,
            VenueMessage = error?.Message,
            Kind = kind,
            Attempt = call.Attempts,
        };
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            return date > now ? date - now : TimeSpan.Zero;
        }

        return null;
    }

    private static int? ReadCount(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
        && values.FirstOrDefault() is { } text
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : null;

    private static long ToUnixNanos(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    /// <summary>One call's progress across its attempts.</summary>
    private sealed class CallState(RestRequest request)
    {
        public RestRequest Request { get; } = request;

        public int Attempts { get; set; }
    }
}
