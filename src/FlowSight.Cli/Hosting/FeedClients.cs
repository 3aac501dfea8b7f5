using FlowSight.Cli.Commands;
using FlowSight.Engine.Hosting;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Data;
using FlowSight.Venues.Data;
using FlowSight.Venues.Okx.Data;
using Microsoft.Extensions.Logging;

namespace FlowSight.Cli.Hosting;

/// <summary>
/// The market-data clients of a host: the book (depth), public trades, the best bid/offer and the mark price of every
/// followed instrument, and OKX swaps' funding rate (Binance's mark carries it). Candles are not subscribed: the
/// engine's aggregator makes them from the trades.
/// </summary>
internal static class FeedClients
{
    /// <summary>Creates (does not start) the client of <paramref name="feed"/>, publishing into <paramref name="publisher"/>.</summary>
    public static IMarketDataClient Create(MarketFeed feed, IMarketDataPublisher publisher, ILoggerFactory loggers)
    {
        var (rest, stream) = feed.Endpoint is { } endpoint ? MarketArgument.Endpoints(endpoint) : (null, null);
        if (MarketDataClients.TryGetBinanceMarket(feed.Market.Market, out var binance))
        {
            var streams = BinanceDataStreams.Depth | BinanceDataStreams.AggTrades | BinanceDataStreams.BookTicker;
            if (binance != BinanceMarket.Spot)
            {
                // The risk engine prices notional and the band with the mark; spot has none (the book's mid serves).
                streams |= BinanceDataStreams.MarkPrice;
            }

            return new BinanceDataClient(
                new BinanceDataClientOptions
                {
                    Market = binance,
                    Symbols = feed.Market.Symbols,
                    Streams = streams,
                    RestBaseUri = rest,
                    StreamBaseUri = stream,
                    UseRoutedEndpoints = feed.Endpoint is null,
                    ConfigureConnection = ConnectionSettings.FromConfiguration(),
                },
                publisher,
                TimeProvider.System,
                loggers);
        }

        if (feed.Market.Market == CliMarket.Okx)
        {
            var channels = OkxDataChannels.Books | OkxDataChannels.Trades | OkxDataChannels.Tickers;
            if (feed.Market.Symbols.All(s => s.Split('-').Length > 2))
            {
                channels |= OkxDataChannels.MarkPrice; // swaps and futures only: OKX refuses mark-price for spot
            }

            if (feed.Market.Symbols.All(s => s.EndsWith("-SWAP", StringComparison.Ordinal)))
            {
                // OKX's mark carries no funding: the portfolio settles swap funding from this channel's rate and time.
                channels |= OkxDataChannels.FundingRate;
            }

            return new OkxDataClient(
                new OkxDataClientOptions
                {
                    InstIds = feed.Market.Symbols,
                    Channels = channels,
                    RestBaseUri = rest,
                    StreamBaseUri = stream,
                    ConfigureConnection = ConnectionSettings.FromConfiguration(),
                },
                publisher,
                TimeProvider.System,
                loggers);
        }

        return MarketDataClients.Create(new MarketDataClientRequest(feed.Market, feed.Endpoint), publisher, loggers);
    }
}
