using System.Globalization;
using FlowSight.Core;
using FlowSight.Venues.Network.Http;
using Microsoft.Extensions.Logging;

namespace FlowSight.Venues.Okx.Rest;

/// <summary>
/// OKX v5 public REST market data: instruments as <see cref="Instrument"/> specs (tick, lot, minimum, contract value ×
/// multiplier, settle currency, leverage, state), order-book snapshots, candles with backward paging and gap
/// detection, funding-rate history, open interest and the server clock. Each call reserves one request in its
/// endpoint's documented pool (<see cref="OkxRateLimits"/>) before it is sent and goes through
/// <see cref="VenueRestClient"/> (429 blocks, retries). OKX answers errors in its envelope
/// (<c>{"code":"51001","msg":…}</c>), with HTTP 200 for many of them: any non-zero code becomes a typed
/// <see cref="VenueRestException"/>.
/// </summary>
/// <remarks>Thread-safe; keep one for the process's life.</remarks>
public sealed class OkxRestClient : IDisposable
{
    private readonly OkxRestOptions _options;
    private readonly VenueRestClient _rest;
    private readonly TimeProvider _time;
    private long _clockOffsetTicks;

    /// <summary>Creates a client for <see cref="OkxRestOptions.BaseAddress"/>.</summary>
    public OkxRestClient(OkxRestOptions? options = null, TimeProvider? timeProvider = null, ILogger<OkxRestClient>? logger = null)
    {
        _options = options ?? new OkxRestOptions();
        _time = timeProvider ?? TimeProvider.System;
        _rest = new VenueRestClient(_options.ToVenueRestOptions(), _time, logger);
    }

    /// <summary>The host's shared state: rate-limit windows, 429 block and counters.</summary>
    public RestHost Host => _rest.Host;

    /// <summary>OKX's clock minus ours, from the latest <see cref="GetServerTimeAsync"/> (zero before the first).</summary>
    public TimeSpan ClockOffset => TimeSpan.FromTicks(Interlocked.Read(ref _clockOffsetTicks));

    /// <summary>OKX's present, estimated from our clock and <see cref="ClockOffset"/>, Unix nanoseconds.</summary>
    public long ServerNow => UnixNanos.Now(_time) + (ClockOffset.Ticks * 100);

    /// <summary>Reads OKX's clock (<c>public/time</c>) and adopts the offset (and, unless disabled, aligns the rate-limit windows to it).</summary>
    public async Task<ServerClockSample> GetServerTimeAsync(CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(OkxRestRoutes.Time, null, [], cancellationToken).ConfigureAwait(false);
        var sample = new ServerClockSample(Read(response, OkxRestReader.ServerTime), response.SentAt, response.ReceivedAt);
        Interlocked.Exchange(ref _clockOffsetTicks, sample.Offset.Ticks);
        if (_options.ApplyServerClockOffset)
        {
            Host.Limiter.ClockOffset = sample.Offset;
        }

        return sample;
    }

    /// <summary>
    /// Reads the instruments of one type (<c>public/instruments</c>, 20 per 2 s per type). Listings FlowSight cannot
    /// represent (ticks finer than 9 decimals) are left out and named in <see cref="OkxInstrumentList.Unsupported"/>.
    /// </summary>
    public async Task<OkxInstrumentList> GetInstrumentsAsync(OkxInstrumentsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var code = request.Type.ToCode();
        var query = new List<KeyValuePair<string, string>> { new("instType", code) };
        if (request.InstrumentFamily is { } family)
        {
            query.Add(new("instFamily", family));
        }

        if (request.InstId is { } instId)
        {
            query.Add(new("instId", instId));
        }

        var response = await SendAsync(OkxRestRoutes.Instruments, code, query, cancellationToken).ConfigureAwait(false);
        return Read(response, root => OkxRestReader.Instruments(root, request.Type));
    }

    /// <summary>Reads the instruments of every type asked for (SPOT, SWAP, FUTURES by default), one request per type.</summary>
    public async Task<OkxInstrumentList> GetAllInstrumentsAsync(IReadOnlyList<OkxInstrumentType>? types = null, CancellationToken cancellationToken = default)
    {
        var instruments = new List<OkxInstrumentInfo>();
        var unsupported = new List<UnsupportedInstrument>();
        foreach (var type in types ?? [OkxInstrumentType.Spot, OkxInstrumentType.Swap, OkxInstrumentType.Futures])
        {
            var list = await GetInstrumentsAsync(new OkxInstrumentsRequest(type), cancellationToken).ConfigureAwait(false);
            instruments.AddRange(list.Instruments);
            unsupported.AddRange(list.Unsupported);
        }

        return new OkxInstrumentList(instruments, unsupported);
    }

    /// <summary>Reads an order-book snapshot (<c>market/books</c>, 40 per 2 s).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The depth is not 1–400.</exception>
    public async Task<OkxBookSnapshot> GetBookAsync(OkxBookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Depth is < 1 or > 400)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Depth, "OKX books take a depth of 1 to 400 levels per side.");
        }

        var instId = request.InstId.ToUpperInvariant();
        var response = await SendAsync(
            OkxRestRoutes.Books,
            null,
            [new("instId", instId), new("sz", Invariant(request.Depth))],
            cancellationToken).ConfigureAwait(false);
        var book = Read(response, root => OkxRestReader.Book(root, OkxInstrumentIds.Of(instId), response.ReceivedAt));
        return new OkxBookSnapshot(book, response.Body);
    }

    /// <summary>Reads one page of candles, newest first as OKX returns them (<c>candles</c> 40 per 2 s; <c>history-candles</c> 20 per 2 s).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit is above the endpoint's maximum.</exception>
    public async Task<IReadOnlyList<Candle>> GetCandlesAsync(OkxCandlesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        const int max = MaxCandlePage;
        if (request.Limit is < 1 || request.Limit > max)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Limit, $"OKX {Route(request.Source)} returns 1 to {max} candles per page.");
        }

        var instId = request.InstId.ToUpperInvariant();
        var query = new List<KeyValuePair<string, string>> { new("instId", instId), new("bar", OkxBars.ToBar(request.Interval)) };
        if (request.OpenedBefore is { } after)
        {
            // OKX's "after" returns records earlier than the timestamp (exclusive).
            query.Add(new("after", Invariant(CeilingMilliseconds(after))));
        }

        if (request.OpenedAfter is { } before)
        {
            query.Add(new("before", Invariant(UnixNanos.ToMilliseconds(before))));
        }

        if (request.Limit is { } limit)
        {
            query.Add(new("limit", Invariant(limit)));
        }

        var response = await SendAsync(Route(request.Source), null, query, cancellationToken).ConfigureAwait(false);
        var serverNow = response.ReceivedAt + (ClockOffset.Ticks * 100);
        var isSpot = OkxInstrumentTypes.FromInstId(instId) == OkxInstrumentType.Spot;
        return Read(response, root => OkxRestReader.Candles(root, OkxInstrumentIds.Of(instId), request.Interval, isSpot, serverNow, response.ReceivedAt));
    }

    /// <summary>
    /// Fetches every candle with an open time in the range. OKX pages newest first, so the backfill walks backwards
    /// from the range's end: each page asks for candles opened before the oldest one seen so far (<c>after</c>) and
    /// after the range's start (<c>before</c>), until a page reaches the start or comes back short. Reports the
    /// missing intervals (<see cref="CandleGapDetector"/>); the still-forming candle is dropped unless asked for.
    /// </summary>
    public async Task<OkxCandleBackfill> BackfillCandlesAsync(OkxCandleBackfillRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.EndTime < request.StartTime)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "The backfill range ends before it starts.");
        }

        const int max = MaxCandlePage;
        if (request.PageSize < 1 || request.PageSize > max)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.PageSize, $"OKX {Route(request.Source)} returns 1 to {max} candles per page.");
        }

        var now = ServerNow;
        var end = Math.Min(request.EndTime, now);
        var byOpen = new SortedDictionary<long, Candle>();
        var pages = 0;
        var unconfirmed = 0;
        var cursor = end + UnixNanos.PerMillisecond;
        while (cursor > request.StartTime)
        {
            var page = await GetCandlesAsync(
                new OkxCandlesRequest(request.InstId, request.Interval)
                {
                    Source = request.Source,
                    OpenedBefore = cursor,
                    OpenedAfter = request.StartTime - UnixNanos.PerMillisecond,
                    Limit = request.PageSize,
                },
                cancellationToken).ConfigureAwait(false);
            pages++;
            if (page.Count == 0)
            {
                break;
            }

            var oldest = long.MaxValue;
            foreach (var candle in page)
            {
                oldest = Math.Min(oldest, candle.OpenTime);
                if (candle.OpenTime < request.StartTime || candle.OpenTime > end)
                {
                    continue;
                }

                if (!candle.IsClosed && !request.IncludeUnconfirmed)
                {
                    unconfirmed++;
                    continue;
                }

                byOpen.TryAdd(candle.OpenTime, candle);
            }

            if (page.Count < request.PageSize || oldest >= cursor)
            {
                break;
            }

            cursor = oldest;
        }

        var candles = byOpen.Values.ToList();
        var lastExpected = request.IncludeUnconfirmed ? now : CandleCalendar.Add(request.Interval, now, -1);
        var gaps = CandleGapDetector.Detect(candles, request.Interval, request.StartTime, request.EndTime, lastExpected);
        return new OkxCandleBackfill(candles, gaps, pages, unconfirmed);
    }

    /// <summary>
    /// Reads a swap's settled funding rates (<c>public/funding-rate-history</c>, 10 per 2 s per instrument). With a
    /// <see cref="OkxFundingRateHistoryRequest.StartTime"/> it pages backwards until the range is covered; without, it
    /// returns the latest page. Rates come back oldest first.
    /// </summary>
    public async Task<OkxFundingRateHistory> GetFundingRateHistoryAsync(OkxFundingRateHistoryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PageSize is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.PageSize, "The OKX funding page size is 1 to 100.");
        }

        var instId = request.InstId.ToUpperInvariant();
        var instrument = OkxInstrumentIds.Of(instId);
        var byTime = new SortedDictionary<long, (FundingRate Rate, decimal? Realized)>();
        var pages = 0;
        long? cursor = request.EndTime is { } last ? last + UnixNanos.PerMillisecond : null;
        while (true)
        {
            var query = new List<KeyValuePair<string, string>> { new("instId", instId), new("limit", Invariant(request.PageSize)) };
            if (cursor is { } after)
            {
                query.Add(new("after", Invariant(CeilingMilliseconds(after))));
            }

            if (request.StartTime is { } start)
            {
                query.Add(new("before", Invariant(UnixNanos.ToMilliseconds(start - UnixNanos.PerMillisecond))));
            }

            var response = await SendAsync(OkxRestRoutes.FundingRateHistory, instId, query, cancellationToken).ConfigureAwait(false);
            var page = Read(response, root => OkxRestReader.FundingRates(root, instrument, response.ReceivedAt));
            pages++;
            var oldest = long.MaxValue;
            foreach (var entry in page)
            {
                oldest = Math.Min(oldest, entry.Rate.FundingTime);
                if ((request.StartTime is null || entry.Rate.FundingTime >= request.StartTime) && (request.EndTime is null || entry.Rate.FundingTime <= request.EndTime))
                {
                    byTime.TryAdd(entry.Rate.FundingTime, entry);
                }
            }

            if (request.StartTime is null || page.Count < request.PageSize || oldest <= request.StartTime || (cursor is { } c && oldest >= c))
            {
                break;
            }

            cursor = oldest;
        }

        var rates = WithIntervals([.. byTime.Values.Select(e => e.Rate)]);
        return new OkxFundingRateHistory(rates, [.. byTime.Values.Select(e => e.Realized)], pages);
    }

    /// <summary>Reads a swap's or future's open interest in contracts (<c>public/open-interest</c>, 20 per 2 s per instrument).</summary>
    /// <exception cref="ArgumentException">The instId is a spot pair.</exception>
    public async Task<OpenInterest> GetOpenInterestAsync(OkxOpenInterestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instId = request.InstId.ToUpperInvariant();
        var type = OkxInstrumentTypes.FromInstId(instId);
        if (type == OkxInstrumentType.Spot)
        {
            throw new ArgumentException($"{instId} is a spot pair; open interest exists for swaps and futures only.", nameof(request));
        }

        var response = await SendAsync(
            OkxRestRoutes.OpenInterest,
            instId,
            [new("instType", type.ToCode()), new("instId", instId)],
            cancellationToken).ConfigureAwait(false);
        return Read(response, root => OkxRestReader.OpenInterest(root, OkxInstrumentIds.Of(instId), response.ReceivedAt));
    }

    /// <inheritdoc />
    public void Dispose() => _rest.Dispose();

    private static string Route(OkxCandleSource source) => source == OkxCandleSource.History ? OkxRestRoutes.HistoryCandles : OkxRestRoutes.Candles;

    /// <summary>Both candle endpoints take up to 300 per page (OKX v5 docs: "The maximum is 300. The default is 100.").</summary>
    private const int MaxCandlePage = 300;

    /// <summary>Reserves one request in the endpoint's pool (per type or instrument where OKX scopes it), sends, and checks the envelope's code.</summary>
    private async Task<RestResponse> SendAsync(string endpoint, string? scope, IReadOnlyList<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
    {
        var rule = OkxRateLimits.Rule(endpoint, scope);
        Host.Limiter.EnsureRule(rule);
        var request = new RestRequest(HttpMethod.Get, endpoint)
        {
            Name = endpoint[(endpoint.LastIndexOf('/') + 1)..],
            Query = query,
            Costs = [new RateLimitCost(rule.Pool, 1)],
        };
        var response = await _rest.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (OkxErrorParser.TryParse(response.Body.Span, out var error))
        {
            throw EnvelopeError(response, error);
        }

        return response;
    }

    /// <summary>An error OKX reported inside a 2xx answer.</summary>
    private VenueRestException EnvelopeError(RestResponse response, VenueErrorBody error)
    {
        var text = $"{Host.Name} {response.Request.DisplayName}: HTTP {(int)response.StatusCode}, venue code {error.Code} '{error.Message}'.";
        if (error.Code == OkxErrorCodes.RateLimited)
        {
            var now = _time.GetUtcNow();
            return new VenueRateLimitedException(text)
            {
                Host = Host.Name,
                Endpoint = response.Request.DisplayName,
                StatusCode = response.StatusCode,
                VenueCode = error.Code,
                VenueMessage = error.Message,
                RetryAfter = _options.RateLimitedWait,
                BlockedUntil = now + _options.RateLimitedWait,
            };
        }

        return new VenueApiException(text)
        {
            Host = Host.Name,
            Endpoint = response.Request.DisplayName,
            StatusCode = response.StatusCode,
            VenueCode = error.Code,
            VenueMessage = error.Message,
        };
    }

    private T Read<T>(RestResponse response, Func<System.Text.Json.JsonElement, T> read) => RestJson.Read(response, Host.Name, read);

    /// <summary>Fills each rate's funding interval from the spacing to its neighbour (8 h when there is only one).</summary>
    private static List<FundingRate> WithIntervals(List<FundingRate> rates)
    {
        for (var i = 0; i < rates.Count; i++)
        {
            var spacing = rates.Count == 1 ? 0 : i > 0 ? rates[i].FundingTime - rates[i - 1].FundingTime : rates[1].FundingTime - rates[0].FundingTime;
            var hours = (int)Math.Round(spacing / (double)(3600 * UnixNanos.PerSecond));
            rates[i] = rates[i] with { IntervalHours = hours > 0 ? hours : 8 };
        }

        return rates;
    }

    private static long CeilingMilliseconds(long nanos) => -UnixNanos.ToMilliseconds(-nanos);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
