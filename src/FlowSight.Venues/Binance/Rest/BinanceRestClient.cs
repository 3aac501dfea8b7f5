using System.Globalization;
using FlowSight.Core;
using FlowSight.Venues.Network.Http;
using Microsoft.Extensions.Logging;

namespace FlowSight.Venues.Binance.Rest;

/// <summary>
/// Binance's public REST market data for one market (spot <c>/api/v3</c>, USDⓈ-M <c>/fapi/v1</c>, COIN-M
/// <c>/dapi/v1</c>): exchange info as <see cref="Instrument"/> specs, depth snapshots, klines with paged backfill and
/// gap detection, funding history, open interest, mark price and the server clock. Every call is charged its
/// documented weight and goes through <see cref="VenueRestClient"/> (rate limits, 429/418, retries).
/// </summary>
/// <remarks>Thread-safe; keep one per market for the process's life.</remarks>
public sealed class BinanceRestClient : IDisposable
{
    private static readonly string[] OpenInterestPeriods = ["5m", "15m", "30m", "1h", "2h", "4h", "6h", "12h", "1d"];
    private static readonly int[] FuturesDepthLimits = [5, 10, 20, 50, 100, 500, 1000];

    private readonly BinanceRestOptions _options;
    private readonly VenueRestClient _rest;
    private readonly TimeProvider _time;
    private long _clockOffsetTicks;

    /// <summary>Creates a client for <see cref="BinanceRestOptions.Market"/>.</summary>
    public BinanceRestClient(BinanceRestOptions options, TimeProvider? timeProvider = null, ILogger<BinanceRestClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _rest = new VenueRestClient(options.ToVenueRestOptions(), _time, logger);
    }

    /// <summary>The market this client calls.</summary>
    public BinanceMarket Market => _options.Market;

    /// <summary>The host's shared state: rate-limit windows, 429/418 block and counters.</summary>
    public RestHost Host => _rest.Host;

    /// <summary>Binance's clock minus ours, from the latest <see cref="GetServerTimeAsync"/> (zero before the first).</summary>
    public TimeSpan ClockOffset => TimeSpan.FromTicks(Interlocked.Read(ref _clockOffsetTicks));

    /// <summary>Binance's present, estimated from our clock and <see cref="ClockOffset"/>, Unix nanoseconds.</summary>
    public long ServerNow => UnixNanos.Now(_time) + (ClockOffset.Ticks * 100);

    /// <summary>
    /// Reads Binance's clock (<c>time</c>, weight 1) and returns the NTP-style offset; adopts it as
    /// <see cref="ClockOffset"/> and, unless disabled, for aligning the host's rate-limit windows.
    /// </summary>
    public async Task<ServerTimeSample> GetServerTimeAsync(CancellationToken cancellationToken = default)
    {
        var response = await SendAsync("time", BinanceRequestWeights.ServerTime, [], cancellationToken).ConfigureAwait(false);
        var sample = new ServerTimeSample(BinanceJson.Read(response, Host.Name, BinanceMarketDataReader.ServerTime), response.SentAt, response.ReceivedAt);
        Interlocked.Exchange(ref _clockOffsetTicks, sample.Offset.Ticks);
        if (_options.ApplyServerClockOffset)
        {
            Host.Limiter.ClockOffset = sample.Offset;
        }

        return sample;
    }

    /// <summary>
    /// Reads <c>exchangeInfo</c> (weight 20 on spot, 1 on futures): every symbol as an <see cref="Instrument"/>, and the
    /// declared rate limits, which become the host's limits unless <see cref="BinanceRestOptions.ApplyExchangeRateLimits"/> is off.
    /// </summary>
    public async Task<BinanceExchangeInfo> GetExchangeInfoAsync(ExchangeInfoRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new ExchangeInfoRequest();
        var symbols = request.Symbols.Select(s => s.ToUpperInvariant()).ToArray();
        KeyValuePair<string, string>[] query = Market != BinanceMarket.Spot || symbols.Length == 0
            ? []
            : symbols.Length == 1
                ? [new("symbol", symbols[0])]
                : [new("symbols", "[" + string.Join(',', symbols.Select(s => $"\"{s}\"")) + "]")];
        var response = await SendAsync("exchangeInfo", BinanceRequestWeights.ExchangeInfo(Market), query, cancellationToken).ConfigureAwait(false);
        var info = BinanceJson.Read(response, Host.Name, root => BinanceExchangeInfoReader.Read(Market, root, symbols));
        if (_options.ApplyExchangeRateLimits && info.RateLimits.Count > 0)
        {
            Host.Limiter.Configure(info.RateLimitRules);
        }

        return info;
    }

    /// <summary>Reads an order-book snapshot (<c>depth</c>), charged by its limit (<see cref="BinanceRequestWeights.Depth"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit is not one the market accepts.</exception>
    public async Task<BinanceDepthSnapshot> GetDepthAsync(DepthRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var valid = Market == BinanceMarket.Spot ? request.Limit is >= 1 and <= 5000 : Array.IndexOf(FuturesDepthLimits, request.Limit) >= 0;
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Limit, Market == BinanceMarket.Spot
                ? "Spot depth takes a limit from 1 to 5000."
                : "Futures depth takes a limit of 5, 10, 20, 50, 100, 500 or 1000.");
        }

        var symbol = request.Symbol.ToUpperInvariant();
        var response = await SendAsync(
            "depth",
            BinanceRequestWeights.Depth(Market, request.Limit),
            [new("symbol", symbol), new("limit", Invariant(request.Limit))],
            cancellationToken).ConfigureAwait(false);
        var (book, transactionTime) = BinanceJson.Read(response, Host.Name, root => BinanceMarketDataReader.Depth(root, InstrumentOf(symbol), response.ReceivedAt));
        return new BinanceDepthSnapshot(book, transactionTime, response.Body);
    }

    /// <summary>Reads one page of <c>klines</c> (spot weight 2; futures by limit, <see cref="BinanceRequestWeights.Klines"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit is above the market's maximum (spot 1000, futures 1500).</exception>
    public async Task<IReadOnlyList<Candle>> GetKlinesAsync(KlinesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var max = MaxKlineLimit;
        if (request.Limit is < 1 || request.Limit > max)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Limit, $"The kline limit on {Market} is 1 to {max}.");
        }

        var symbol = request.Symbol.ToUpperInvariant();
        var query = new List<KeyValuePair<string, string>> { new("symbol", symbol), new("interval", request.Interval.ToCode()) };
        if (request.StartTime is { } start)
        {
            query.Add(new("startTime", Invariant(CeilingMilliseconds(start))));
        }

        if (request.EndTime is { } end)
        {
            query.Add(new("endTime", Invariant(UnixNanos.ToMilliseconds(end))));
        }

        if (request.Limit is { } limit)
        {
            query.Add(new("limit", Invariant(limit)));
        }

        var response = await SendAsync("klines", BinanceRequestWeights.Klines(Market, request.Limit ?? 500), query, cancellationToken).ConfigureAwait(false);
        var serverNow = response.ReceivedAt + (ClockOffset.Ticks * 100);
        return BinanceJson.Read(response, Host.Name, root => BinanceMarketDataReader.Klines(root, InstrumentOf(symbol), request.Interval, serverNow, response.ReceivedAt));
    }

    /// <summary>
    /// Fetches every candle with an open time in the range, walking forward one page at a time. Each page asks for a
    /// window of at most <see cref="KlineBackfillRequest.PageSize"/> intervals with both startTime and endTime (which
    /// also suits COIN-M, where Binance returns the newest candles of a wider window, and its 200-day cap), so pages
    /// never overlap. Reports the missing intervals (<see cref="KlineGapDetector"/>) and the pages that came back empty.
    /// The range is cut at Binance's present.
    /// </summary>
    public async Task<KlineBackfill> BackfillKlinesAsync(KlineBackfillRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.EndTime < request.StartTime)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "The backfill range ends before it starts.");
        }

        var pageSize = request.PageSize;
        if (pageSize < 1 || pageSize > MaxKlineLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(request), pageSize, $"The kline page size on {Market} is 1 to {MaxKlineLimit}.");
        }

        if (Market == BinanceMarket.CoinM)
        {
            // COIN-M refuses a startTime-endTime span above 200 days.
            while (pageSize > 1 && KlineCalendar.Add(request.Interval, request.StartTime, pageSize) - request.StartTime > TimeSpan.FromDays(200).Ticks * 100)
            {
                pageSize--;
            }
        }

        var end = Math.Min(request.EndTime, ServerNow);
        var candles = new List<Candle>();
        var empty = new List<KlineRange>();
        var pages = 0;
        for (var cursor = request.StartTime; cursor <= end;)
        {
            var windowEnd = Math.Min(end, KlineCalendar.Add(request.Interval, cursor, pageSize) - UnixNanos.PerMillisecond);
            var page = await GetKlinesAsync(
                new KlinesRequest(request.Symbol, request.Interval) { StartTime = cursor, EndTime = windowEnd, Limit = pageSize },
                cancellationToken).ConfigureAwait(false);
            pages++;
            if (page.Count == 0)
            {
                empty.Add(new KlineRange(cursor, windowEnd));
            }

            foreach (var candle in page)
            {
                if (candle.OpenTime >= cursor && candle.OpenTime <= windowEnd && (candles.Count == 0 || candle.OpenTime > candles[^1].OpenTime))
                {
                    candles.Add(candle);
                }
            }

            cursor = windowEnd + UnixNanos.PerMillisecond;
        }

        var gaps = KlineGapDetector.Detect(candles, request.Interval, request.StartTime, request.EndTime, ServerNow);
        return new KlineBackfill(candles, gaps, empty, pages);
    }

    /// <summary>
    /// Reads settled funding rates (<c>fundingRate</c>; USDⓈ-M draws from its own 500-per-5-minutes pool, COIN-M
    /// weight 1). With a <see cref="FundingRateHistoryRequest.StartTime"/> it pages forward until the range is covered;
    /// without, it returns the latest page.
    /// </summary>
    /// <exception cref="NotSupportedException">On spot, which has no funding.</exception>
    public async Task<FundingRateHistory> GetFundingRateHistoryAsync(FundingRateHistoryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireFutures("fundingRate");
        if (request.PageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.PageSize, "The funding page size is 1 to 1000.");
        }

        var symbol = request.Symbol.ToUpperInvariant();
        var instrument = InstrumentOf(symbol);
        var extra = Market == BinanceMarket.UsdM ? BinanceRateLimits.FundingRate : null;
        var rates = new List<FundingRate>();
        var pages = 0;
        var cursor = request.StartTime;
        while (true)
        {
            var query = new List<KeyValuePair<string, string>> { new("symbol", symbol), new("limit", Invariant(request.PageSize)) };
            if (cursor is { } from)
            {
                query.Add(new("startTime", Invariant(CeilingMilliseconds(from))));
            }

            if (request.EndTime is { } to)
            {
                query.Add(new("endTime", Invariant(UnixNanos.ToMilliseconds(to))));
            }

            var response = await SendAsync("fundingRate", BinanceRequestWeights.FundingRate(Market), query, cancellationToken, extra).ConfigureAwait(false);
            var page = BinanceJson.Read(response, Host.Name, root => BinanceMarketDataReader.FundingRates(root, instrument, response.ReceivedAt));
            pages++;
            foreach (var rate in page)
            {
                if (rates.Count == 0 || rate.FundingTime > rates[^1].FundingTime)
                {
                    rates.Add(rate);
                }
            }

            if (cursor is null || page.Count < request.PageSize || page.Count == 0)
            {
                break;
            }

            cursor = page[^1].FundingTime + UnixNanos.PerMillisecond;
            if (request.EndTime is { } last && cursor > last)
            {
                break;
            }
        }

        return new FundingRateHistory(WithIntervals(rates), pages);
    }

    /// <summary>Reads a derivative's open interest (<c>openInterest</c>, weight 1).</summary>
    public async Task<OpenInterest> GetOpenInterestAsync(OpenInterestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireFutures("openInterest");
        var symbol = request.Symbol.ToUpperInvariant();
        var response = await SendAsync("openInterest", BinanceRequestWeights.OpenInterest, [new("symbol", symbol)], cancellationToken).ConfigureAwait(false);
        return BinanceJson.Read(response, Host.Name, root => BinanceMarketDataReader.OpenInterest(root, InstrumentOf(symbol), response.ReceivedAt));
    }

    /// <summary>Reads open-interest statistics (<c>/futures/data/openInterestHist</c>): quantity and value per period.</summary>
    /// <exception cref="ArgumentException">The period is not offered, or (COIN-M) the symbol is not a perpetual.</exception>
    public async Task<IReadOnlyList<OpenInterest>> GetOpenInterestHistoryAsync(OpenInterestHistoryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireFutures("openInterestHist");
        var period = request.Period.ToCode();
        if (Array.IndexOf(OpenInterestPeriods, period) < 0)
        {
            throw new ArgumentException($"Open-interest statistics come in periods of {string.Join(", ", OpenInterestPeriods)}, not {period}.", nameof(request));
        }

        var symbol = request.Symbol.ToUpperInvariant();
        var query = new List<KeyValuePair<string, string>>();
        if (Market == BinanceMarket.CoinM)
        {
            const string suffix = "_PERP";
            if (!symbol.EndsWith(suffix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"COIN-M open-interest statistics are per pair and contract type; ask for a perpetual such as BTCUSD_PERP, not {symbol}.", nameof(request));
            }

            query.Add(new("pair", symbol[..^suffix.Length]));
            query.Add(new("contractType", "PERPETUAL"));
        }
        else
        {
            query.Add(new("symbol", symbol));
        }

        query.Add(new("period", period));
        if (request.Limit is { } limit)
        {
            query.Add(new("limit", Invariant(limit)));
        }

        if (request.StartTime is { } start)
        {
            query.Add(new("startTime", Invariant(CeilingMilliseconds(start))));
        }

        if (request.EndTime is { } end)
        {
            query.Add(new("endTime", Invariant(UnixNanos.ToMilliseconds(end))));
        }

        var response = await SendAsync(
            new RestRequest(HttpMethod.Get, BinanceRestRoutes.OpenInterestHistory)
            {
                Name = "openInterestHist",
                Query = query,
                Costs = Costs(BinanceRequestWeights.OpenInterestHistory(Market), BinanceRateLimits.FuturesData),
            },
            cancellationToken).ConfigureAwait(false);
        return BinanceJson.Read(response, Host.Name, root => BinanceMarketDataReader.OpenInterestHistory(root, InstrumentOf(symbol), response.ReceivedAt));
    }

    /// <summary>Reads mark price, index price and funding (<c>premiumIndex</c>; USDⓈ-M weight 1, COIN-M 10).</summary>
    public async Task<MarkPrice> GetMarkPriceAsync(MarkPriceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireFutures("premiumIndex");
        var symbol = request.Symbol.ToUpperInvariant();
        var response = await SendAsync("premiumIndex", BinanceRequestWeights.PremiumIndex(Market), [new("symbol", symbol)], cancellationToken).ConfigureAwait(false);
        return BinanceJson.Read(response, Host.Name, root => BinanceMarketDataReader.PremiumIndex(root, symbol, InstrumentOf(symbol), response.ReceivedAt));
    }

    /// <inheritdoc />
    public void Dispose() => _rest.Dispose();

    private int MaxKlineLimit => Market == BinanceMarket.Spot ? 1000 : 1500;

    private InstrumentId InstrumentOf(string symbol) => BinanceInstrumentIds.Of(Market, symbol);

    private Task<RestResponse> SendAsync(string endpoint, int weight, IReadOnlyList<KeyValuePair<string, string>> query, CancellationToken cancellationToken, string? extraPool = null) =>
        SendAsync(
            new RestRequest(HttpMethod.Get, BinanceRestRoutes.Of(Market, endpoint)) { Name = endpoint, Query = query, Costs = Costs(weight, extraPool) },
            cancellationToken);

    private Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken) => _rest.SendAsync(request, cancellationToken);

    /// <summary>The request's weight, one raw request, and one unit of <paramref name="extraPool"/> when it has its own.</summary>
    private static RateLimitCost[] Costs(int weight, string? extraPool) => extraPool is null
        ? [new(BinanceRateLimits.RequestWeight, weight), new(BinanceRateLimits.RawRequests, 1)]
        : [new(BinanceRateLimits.RequestWeight, weight), new(BinanceRateLimits.RawRequests, 1), new(extraPool, 1)];

    private void RequireFutures(string endpoint)
    {
        if (Market == BinanceMarket.Spot)
        {
            throw new NotSupportedException($"Binance spot has no {endpoint}; use a USDⓈ-M or COIN-M client.");
        }
    }

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
