using FlowSight.Cli.Commands;
using FlowSight.Core;
using FlowSight.Venues.Binance.Rest;
using FlowSight.Venues.Data;
using FlowSight.Venues.Okx.Rest;
using Microsoft.Extensions.Logging;

namespace FlowSight.Cli.Hosting;

/// <summary>
/// The charts' history at start: each followed instrument's latest klines from its venue's REST (<see cref="KlineHistory"/>),
/// for the store to merge under the candles the aggregator makes from live trades. Venues without a loader (Gate.io)
/// and failed requests are logged and skipped: their charts start from the live trades.
/// </summary>
internal static class CandleHistory
{
    /// <summary>The intervals loaded; 1 s is left to the live trades (Binance futures and OKX serve no 1 s klines).</summary>
    public static IReadOnlyList<CandleInterval> Intervals { get; } =
    [
        CandleInterval.OneMinute, CandleInterval.FiveMinutes, CandleInterval.FifteenMinutes,
        CandleInterval.OneHour, CandleInterval.FourHours, CandleInterval.OneDay,
    ];

    /// <summary>Loads up to <paramref name="count"/> candles per interval of every instrument of <paramref name="client"/>.</summary>
    public static async Task<List<Candle>> LoadAsync(MarketFeed feed, IMarketDataClient client, int count, ILogger log, CancellationToken cancellationToken)
    {
        var candles = new List<Candle>();
        var rest = feed.Endpoint is { } endpoint ? MarketArgument.Endpoints(endpoint).RestBase : null;
        IDisposable? owner = null;
        KlineHistory? loader = null;
        if (MarketDataClients.TryGetBinanceMarket(feed.Market.Market, out var binance))
        {
            var restClient = new BinanceRestClient(new BinanceRestOptions(binance) { BaseAddress = rest }, TimeProvider.System);
            owner = restClient;
            loader = KlineHistory.For(restClient);
        }
        else if (feed.Market.Market == CliMarket.Okx)
        {
            var restClient = new OkxRestClient(new OkxRestOptions { BaseAddress = rest }, TimeProvider.System);
            owner = restClient;
            loader = KlineHistory.For(restClient);
        }

        if (loader is null)
        {
            log.LogInformation("{Client}: no kline history loader; candles start from live trades", client.Name);
            return candles;
        }

        using (owner)
        {
            foreach (var instrument in client.Specs)
            {
                foreach (var interval in Intervals)
                {
                    try
                    {
                        candles.AddRange(await loader.GetLatestAsync(instrument, interval, count, cancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception ex) when (ex is Venues.Network.Http.VenueRestException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                    {
                        log.LogWarning("{Instrument} {Interval} kline history not loaded: {Reason}", instrument.Id, interval, ex.Message);
                    }
                }
            }
        }

        log.LogInformation("{Client}: {Count} history candles loaded", client.Name, candles.Count);
        return candles;
    }
}
