using FlowSight.Core;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Rest;
using FlowSight.Venues.Okx.Rest;

namespace FlowSight.Venues.Data;

/// <summary>
/// The latest candles of an instrument from its venue's kline REST, whatever the venue: Binance (spot, USDⓈ-M) through
/// <see cref="BinanceRestClient.GetKlinesAsync"/>, OKX through <see cref="OkxRestClient.GetCandlesAsync"/> (the
/// <c>candles</c> endpoint, then <c>history-candles</c> beyond its last 1,440). Pages walk backwards from the present
/// until <c>count</c> candles are found or the venue has no older ones. The result feeds
/// <c>MemoryKlineStore.Seed</c> on the engine thread: it is oldest first, stamped with the instrument's id, and ends
/// with the candle in progress (<see cref="Candle.IsClosed"/> false), which the store never lets overwrite a live one.
/// </summary>
public sealed class KlineHistory
{
    private readonly Func<string, CandleInterval, int, long?, bool, CancellationToken, Task<IReadOnlyList<Candle>>> _page;
    private readonly int _pageSize;

    private KlineHistory(Venue venue, int pageSize, Func<string, CandleInterval, int, long?, bool, CancellationToken, Task<IReadOnlyList<Candle>>> page)
    {
        Venue = venue;
        _pageSize = pageSize;
        _page = page;
    }

    /// <summary>The venue whose instruments this loader serves.</summary>
    public Venue Venue { get; }

    /// <summary>A loader reading Binance klines (spot up to 1,000 per page, futures 1,500).</summary>
    /// <param name="client">The market's REST client; the caller keeps and disposes it.</param>
    /// <param name="pageSize">Candles per request; null for the market's maximum.</param>
    public static KlineHistory For(BinanceRestClient client, int? pageSize = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var max = client.Market == BinanceMarket.Spot ? 1000 : 1500;
        return new KlineHistory(Venue.Binance, PageSize(pageSize, max), (symbol, interval, limit, openedBefore, _, ct) =>
            client.GetKlinesAsync(
                new KlinesRequest(symbol, interval)
                {
                    EndTime = openedBefore is { } before ? before - UnixNanos.PerMillisecond : null,
                    Limit = limit,
                },
                ct));
    }

    /// <summary>A loader reading OKX candles (up to 300 per page).</summary>
    /// <param name="client">The REST client; the caller keeps and disposes it.</param>
    /// <param name="pageSize">Candles per request; null for OKX's maximum.</param>
    public static KlineHistory For(OkxRestClient client, int? pageSize = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new KlineHistory(Venue.Okx, PageSize(pageSize, 300), (instId, interval, limit, openedBefore, history, ct) =>
            client.GetCandlesAsync(
                new OkxCandlesRequest(instId, interval)
                {
                    Source = history ? OkxCandleSource.History : OkxCandleSource.Recent,
                    OpenedBefore = openedBefore,
                    Limit = limit,
                },
                ct));
    }

    /// <summary>
    /// The latest <paramref name="count"/> candles of <paramref name="instrument"/> (fewer when the venue has fewer),
    /// oldest first, the last one possibly still in progress.
    /// </summary>
    /// <exception cref="ArgumentException">The instrument is on another venue.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    /// <exception cref="Network.Http.VenueRestException">The venue refused a request.</exception>
    public async Task<IReadOnlyList<Candle>> GetLatestAsync(Instrument instrument, CandleInterval interval, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (instrument.Id.Venue != Venue)
        {
            throw new ArgumentException($"{instrument.Id} is not on {Venue}; this loader reads {Venue} candles.", nameof(instrument));
        }

        var byOpen = new SortedDictionary<long, Candle>();
        long? cursor = null;
        var history = false;
        while (byOpen.Count < count)
        {
            var page = await _page(instrument.VenueSymbol, interval, Math.Min(_pageSize, count - byOpen.Count), cursor, history, cancellationToken).ConfigureAwait(false);
            var oldest = long.MaxValue;
            foreach (var candle in page)
            {
                if (cursor is null || candle.OpenTime < cursor)
                {
                    byOpen.TryAdd(candle.OpenTime, candle with { Instrument = instrument.Id });
                    oldest = Math.Min(oldest, candle.OpenTime);
                }
            }

            if (oldest == long.MaxValue)
            {
                // Nothing older here. OKX keeps its last 1,440 candles on "candles" and older ones on "history-candles".
                if (Venue == Venue.Okx && !history)
                {
                    history = true;
                    continue;
                }

                break;
            }

            cursor = oldest;
        }

        var result = byOpen.Values.ToList();
        return result.Count > count ? result[^count..] : result;
    }

    private static int PageSize(int? pageSize, int max)
    {
        if (pageSize is { } size && (size < 1 || size > max))
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), size, $"A page holds 1 to {max} candles.");
        }

        return pageSize ?? max;
    }
}
