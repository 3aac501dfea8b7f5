using System.Globalization;
using FlowSight.Core;
using FlowSight.Venues.Network.Http;
using Microsoft.Extensions.Logging;

namespace FlowSight.Venues.GateIo.Rest;

/// <summary>
/// Gate.io v4 public REST market data: spot currency pairs and USDT perpetual contracts as <see cref="Instrument"/>
/// specs (contract size <c>quanto_multiplier</c>), order-book snapshots with the update <c>id</c> the stream's
/// <c>U</c>/<c>u</c> chain to, candlesticks with forward paging and gap detection, and funding-rate history. Each
/// call reserves one request in its endpoint's pool (200 per 10 s, <see cref="GateIoRateLimits"/>) before it is sent
/// and goes through <see cref="VenueRestClient"/> (429 blocks, retries); Gate's <c>{"label","message"}</c> errors
/// become typed <see cref="VenueRestException"/>s with the label as <see cref="VenueRestException.VenueCode"/>.
/// </summary>
/// <remarks>Thread-safe; keep one for the process's life.</remarks>
public sealed class GateIoRestClient : IDisposable
{
    private readonly VenueRestClient _rest;
    private readonly string _root;
    private long _clockOffsetTicks;

    /// <summary>Creates a client for <see cref="GateIoRestOptions.BaseAddress"/>.</summary>
    public GateIoRestClient(GateIoRestOptions? options = null, TimeProvider? timeProvider = null, ILogger<GateIoRestClient>? logger = null)
    {
        var settings = options ?? new GateIoRestOptions();
        TimeProvider = timeProvider ?? TimeProvider.System;
        _rest = new VenueRestClient(settings.ToVenueRestOptions(), TimeProvider, logger);
        _root = settings.ApiRoot.AbsolutePath.TrimEnd('/');
    }

    /// <summary>The host's shared state: rate-limit windows, 429 block and counters.</summary>
    public RestHost Host => _rest.Host;

    /// <summary>The clock candle closing and waits run on.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gate's clock minus ours, from the latest <see cref="GetServerTimeAsync"/> (zero before the first).</summary>
    public TimeSpan ClockOffset => TimeSpan.FromTicks(Interlocked.Read(ref _clockOffsetTicks));

    /// <summary>Gate's present, estimated from our clock and <see cref="ClockOffset"/>, Unix nanoseconds: candles close and backfills end by it.</summary>
    public long ServerNow => UnixNanos.Now(TimeProvider) + (ClockOffset.Ticks * 100);

    /// <summary>Reads Gate's clock (<c>spot/time</c>) and adopts the offset, also for aligning the rate-limit windows.</summary>
    public async Task<ServerClockSample> GetServerTimeAsync(CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(GateIoRestRoutes.ServerTime, [], cancellationToken).ConfigureAwait(false);
        var sample = new ServerClockSample(Read(response, GateIoRestReader.ServerTime), response.SentAt, response.ReceivedAt);
        Interlocked.Exchange(ref _clockOffsetTicks, sample.Offset.Ticks);
        Host.Limiter.ClockOffset = sample.Offset;
        return sample;
    }

    /// <summary>Reads every spot currency pair (<c>spot/currency_pairs</c>); pairs finer than 9 decimals are named in <see cref="GateIoCurrencyPairList.Unsupported"/>.</summary>
    public async Task<GateIoCurrencyPairList> GetCurrencyPairsAsync(CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(GateIoRestRoutes.CurrencyPairs, [], cancellationToken).ConfigureAwait(false);
        return Read(response, GateIoRestReader.CurrencyPairs);
    }

    /// <summary>Reads every USDT perpetual contract (<c>futures/usdt/contracts</c>); contracts finer than 9 decimals are named in <see cref="GateIoContractList.Unsupported"/>.</summary>
    public async Task<GateIoContractList> GetContractsAsync(CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(GateIoRestRoutes.Contracts, [], cancellationToken).ConfigureAwait(false);
        return Read(response, GateIoRestReader.Contracts);
    }

    /// <summary>The specs of both markets: spot pairs, then USDT perpetuals.</summary>
    public async Task<GateIoInstrumentList> GetInstrumentsAsync(CancellationToken cancellationToken = default)
    {
        var pairs = await GetCurrencyPairsAsync(cancellationToken).ConfigureAwait(false);
        var contracts = await GetContractsAsync(cancellationToken).ConfigureAwait(false);
        return new GateIoInstrumentList(
            [.. pairs.Pairs.Select(p => p.Spec), .. contracts.Contracts.Select(c => c.Spec)],
            [.. pairs.Unsupported, .. contracts.Unsupported]);
    }

    /// <summary>Reads an order-book snapshot with its update id (<c>order_book?with_id=true</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit is not positive.</exception>
    public async Task<GateIoBookSnapshot> GetBookAsync(GateIoBookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Limit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Limit, "The book limit must be positive.");
        }

        var name = request.Name.ToUpperInvariant();
        var response = await SendAsync(
            GateIoRestRoutes.OrderBook(request.Market),
            [new(NameParameter(request.Market), name), new("limit", Invariant(request.Limit)), new("with_id", "true")],
            cancellationToken).ConfigureAwait(false);
        var (book, update, truncated) = Read(response, root => GateIoRestReader.Book(root, request.Market, GateIoInstrumentIds.Of(request.Market, name), response.ReceivedAt));
        return new GateIoBookSnapshot(book, update, truncated, response.Body);
    }

    /// <summary>Reads one page of candlesticks, oldest first.</summary>
    /// <exception cref="ArgumentException">Both a range and a limit were given (Gate refuses them together), or the limit is above 1000.</exception>
    public async Task<IReadOnlyList<Candle>> GetCandlesAsync(GateIoCandlesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Limit is not null && (request.From is not null || request.To is not null))
        {
            throw new ArgumentException("Gate.io takes either a from/to range or a limit, not both.", nameof(request));
        }

        if (request.Limit is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Limit, "Gate.io returns 1 to 1000 candlesticks per query.");
        }

        var name = request.Name.ToUpperInvariant();
        var query = new List<KeyValuePair<string, string>>
        {
            new(NameParameter(request.Market), name),
            new("interval", GateIoIntervals.ToCode(request.Market, request.Interval)),
        };
        if (request.From is { } from)
        {
            query.Add(new("from", Invariant(CeilingSeconds(from))));
        }

        if (request.To is { } to)
        {
            query.Add(new("to", Invariant(FloorSeconds(to))));
        }

        if (request.Limit is { } limit)
        {
            query.Add(new("limit", Invariant(limit)));
        }

        var response = await SendAsync(GateIoRestRoutes.Candlesticks(request.Market), query, cancellationToken).ConfigureAwait(false);
        var serverNow = response.ReceivedAt + (ClockOffset.Ticks * 100);
        var candles = Read(response, root => GateIoRestReader.Candles(root, request.Market, GateIoInstrumentIds.Of(request.Market, name), request.Interval, serverNow, response.ReceivedAt));
        candles.Sort(static (a, b) => a.OpenTime.CompareTo(b.OpenTime));
        return candles;
    }

    /// <summary>
    /// Fetches every candle with an open time in the range, walking forward in windows of
    /// <see cref="GateIoCandleBackfillRequest.PageSize"/> intervals (<c>from</c>/<c>to</c>, both inclusive), so pages
    /// never overlap and never exceed Gate's 1000 points. Reports the missing intervals; the still-forming candle is
    /// dropped unless asked for. The range is cut at the present.
    /// </summary>
    public async Task<GateIoCandleBackfill> BackfillCandlesAsync(GateIoCandleBackfillRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.EndTime < request.StartTime)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "The backfill range ends before it starts.");
        }

        if (request.PageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.PageSize, "Gate.io returns 1 to 1000 candlesticks per query.");
        }

        var now = ServerNow;
        var end = Math.Min(request.EndTime, now);
        var byOpen = new SortedDictionary<long, Candle>();
        var pages = 0;
        var unclosed = 0;
        for (var cursor = request.StartTime; cursor <= end;)
        {
            var windowEnd = Math.Min(end, CandleCalendar.Add(request.Interval, cursor, request.PageSize) - UnixNanos.PerSecond);
            var page = await GetCandlesAsync(
                new GateIoCandlesRequest(request.Market, request.Name, request.Interval) { From = cursor, To = windowEnd },
                cancellationToken).ConfigureAwait(false);
            pages++;
            foreach (var candle in page)
            {
                if (candle.OpenTime < cursor || candle.OpenTime > windowEnd)
                {
                    continue;
                }

                if (!candle.IsClosed && !request.IncludeUnclosed)
                {
                    unclosed++;
                    continue;
                }

                byOpen.TryAdd(candle.OpenTime, candle);
            }

            cursor = windowEnd + UnixNanos.PerSecond;
        }

        var candles = byOpen.Values.ToList();
        var lastExpected = request.IncludeUnclosed ? now : CandleCalendar.Add(request.Interval, now, -1);
        var gaps = CandleGapDetector.Detect(candles, request.Interval, request.StartTime, request.EndTime, lastExpected);
        return new GateIoCandleBackfill(candles, gaps, pages, unclosed);
    }

    /// <summary>
    /// Reads a USDT perpetual's settled funding rates (<c>futures/usdt/funding_rate</c>). With a
    /// <see cref="GateIoFundingRateHistoryRequest.StartTime"/> it pages backwards (<c>from</c>/<c>to</c>) until the
    /// range is covered; without, it returns the latest page. Rates come back oldest first.
    /// </summary>
    public async Task<GateIoFundingRateHistory> GetFundingRateHistoryAsync(GateIoFundingRateHistoryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.PageSize, "The Gate.io funding page size is 1 to 1000.");
        }

        var contract = request.Contract.ToUpperInvariant();
        var instrument = GateIoInstrumentIds.Of(GateIoMarket.UsdtFutures, contract);
        var byTime = new SortedDictionary<long, FundingRate>();
        var pages = 0;
        var to = request.EndTime;
        while (true)
        {
            var query = new List<KeyValuePair<string, string>> { new("contract", contract), new("limit", Invariant(request.PageSize)) };
            if (request.StartTime is { } start)
            {
                query.Add(new("from", Invariant(CeilingSeconds(start))));
            }

            if (to is { } upTo)
            {
                query.Add(new("to", Invariant(FloorSeconds(upTo))));
            }

            var response = await SendAsync(GateIoRestRoutes.FundingRate, query, cancellationToken).ConfigureAwait(false);
            var page = Read(response, root => GateIoRestReader.FundingRates(root, instrument, response.ReceivedAt));
            pages++;
            var oldest = long.MaxValue;
            foreach (var rate in page)
            {
                oldest = Math.Min(oldest, rate.FundingTime);
                if ((request.StartTime is null || rate.FundingTime >= request.StartTime) && (request.EndTime is null || rate.FundingTime <= request.EndTime))
                {
                    byTime.TryAdd(rate.FundingTime, rate);
                }
            }

            if (request.StartTime is null || page.Count < request.PageSize || oldest <= request.StartTime || (to is { } previous && oldest > previous))
            {
                break;
            }

            to = oldest - UnixNanos.PerSecond;
        }

        return new GateIoFundingRateHistory(WithIntervals([.. byTime.Values]), pages);
    }

    /// <inheritdoc />
    public void Dispose() => _rest.Dispose();

    private static string NameParameter(GateIoMarket market) => market == GateIoMarket.Spot ? "currency_pair" : "contract";

    /// <summary>Reserves one request in the endpoint's pool and sends it.</summary>
    private Task<RestResponse> SendAsync(string endpoint, IReadOnlyList<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
    {
        var rule = GateIoRateLimits.Rule(endpoint);
        Host.Limiter.EnsureRule(rule);
        return _rest.SendAsync(
            new RestRequest(HttpMethod.Get, _root + endpoint)
            {
                Name = endpoint.TrimStart('/'),
                Query = query,
                Costs = [new RateLimitCost(rule.Pool, 1)],
            },
            cancellationToken);
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

    private static long FloorSeconds(long nanos) => nanos >= 0 ? nanos / UnixNanos.PerSecond : ((nanos + 1) / UnixNanos.PerSecond) - 1;

    private static long CeilingSeconds(long nanos) => -FloorSeconds(-nanos);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
