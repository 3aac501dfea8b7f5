using FlowSight.Core;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.Replay;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Data;
using FlowSight.Venues.Data;
using FlowSight.Venues.GateIo;
using FlowSight.Venues.GateIo.Data;
using FlowSight.Venues.GateIo.Rest;
using FlowSight.Venues.GateIo.Streams;
using FlowSight.Venues.Okx;
using FlowSight.Venues.Okx.Data;
using Microsoft.Extensions.Logging;

namespace FlowSight.Cli.Commands;

/// <summary>What a command wants from a venue's market-data client.</summary>
/// <param name="Market">The venue market and symbols.</param>
/// <param name="Endpoint">Another host serving the venue's REST and WebSocket protocols (a local server), or null for the venue.</param>
/// <param name="RawFrames">Where raw frames go for recording, or null.</param>
/// <param name="BinanceStreams">The Binance streams to subscribe (Binance markets only).</param>
/// <param name="LoadInstruments">Load instrument specs over REST before subscribing.</param>
internal sealed record MarketDataClientRequest(
    MarketArgument Market,
    Uri? Endpoint,
    IRawFrameSink? RawFrames = null,
    BinanceDataStreams BinanceStreams = BinanceDataStreams.Default,
    bool LoadInstruments = true);

/// <summary>Creates the right venue's data client for a command-line market, so commands stay venue-neutral.</summary>
internal static class MarketDataClients
{
    /// <summary>The Binance market of <paramref name="market"/>, if it is one.</summary>
    public static bool TryGetBinanceMarket(CliMarket market, out BinanceMarket binance)
    {
        (var known, binance) = market switch
        {
            CliMarket.BinanceSpot => (true, BinanceMarket.Spot),
            CliMarket.BinanceUsdM => (true, BinanceMarket.UsdM),
            CliMarket.BinanceCoinM => (true, BinanceMarket.CoinM),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>FlowSight's instrument id for a venue symbol as the command line gave it.</summary>
    public static InstrumentId InstrumentOf(CliMarket market, string symbol)
    {
        if (TryGetBinanceMarket(market, out var binance))
        {
            return BinanceInstrumentIds.Of(binance, symbol);
        }

        return market switch
        {
            CliMarket.Okx => OkxInstrumentIds.Of(symbol),
            CliMarket.GateSpot => GateIoInstrumentIds.Of(GateIoMarket.Spot, symbol),
            CliMarket.GateUsdt => GateIoInstrumentIds.Of(GateIoMarket.UsdtFutures, symbol),
            _ => throw new ArgumentOutOfRangeException(nameof(market), market, "Unknown market."),
        };
    }

    /// <summary>Creates (does not start) the data client for <paramref name="request"/>.</summary>
    public static IMarketDataClient Create(MarketDataClientRequest request, IMarketDataPublisher publisher, ILoggerFactory loggers)
    {
        var (rest, stream) = request.Endpoint is { } endpoint ? MarketArgument.Endpoints(endpoint) : (null, null);
        if (TryGetBinanceMarket(request.Market.Market, out var binance))
        {
            return new BinanceDataClient(
                new BinanceDataClientOptions
                {
                    Market = binance,
                    Symbols = request.Market.Symbols,
                    Streams = request.BinanceStreams,
                    RestBaseUri = rest,
                    StreamBaseUri = stream,
                    UseRoutedEndpoints = request.Endpoint is null,
                    LoadInstruments = request.LoadInstruments,
                    RawFrames = request.RawFrames,
                    ConfigureConnection = ConnectionSettings.FromConfiguration(),
                },
                publisher,
                TimeProvider.System,
                loggers);
        }

        if (request.Market.Market == CliMarket.Okx)
        {
            return new OkxDataClient(
                new OkxDataClientOptions
                {
                    InstIds = request.Market.Symbols,
                    RestBaseUri = rest,
                    StreamBaseUri = stream,
                    LoadInstruments = request.LoadInstruments,
                    RawFrames = request.RawFrames,
                    ConfigureConnection = ConnectionSettings.FromConfiguration(),
                },
                publisher,
                TimeProvider.System,
                loggers);
        }

        var gate = request.Market.Market == CliMarket.GateSpot ? GateIoMarket.Spot : GateIoMarket.UsdtFutures;
        return new GateIoDataClient(
            new GateIoDataClientOptions
            {
                Market = gate,
                Names = request.Market.Symbols,
                // A local server serves Gate's REST root and its WebSocket paths on one host.
                RestBaseUri = rest is null ? null : new Uri(rest, GateIoRestRoutes.DefaultBaseAddress.AbsolutePath),
                StreamEndpoint = stream is null ? null : new Uri(stream, GateIoStreamEndpoints.Of(gate).AbsolutePath),
                LoadInstruments = request.LoadInstruments,
                RawFrames = request.RawFrames,
                ConfigureConnection = ConnectionSettings.FromConfiguration(),
            },
            publisher,
            TimeProvider.System,
            loggers);
    }
}
