using FlowSight.PaperVenue.Binance.Rest;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FlowSight.PaperVenue.Binance;

/// <summary>
/// Binance USDⓈ-M futures on the paper exchange: the <c>/fapi</c> REST API (public market data, signed trading and
/// account endpoints with Binance's HMAC authentication and rate limits) and the <c>fstream</c>-style WebSocket
/// streams on the same port.
/// </summary>
public sealed class BinanceUsdmProtocol(PaperExchange exchange) : IPaperProtocol
{
    /// <summary>The exchange.</summary>
    public PaperExchange Exchange { get; } = exchange;

    /// <summary>The REST pipeline (rate limits), once mapped.</summary>
    public BinanceRestPipeline? Rest { get; private set; }

    /// <inheritdoc/>
    public void Map(WebApplication app)
    {
        Rest = new BinanceRestPipeline(Exchange);
        new BinanceMarketEndpoints(Exchange, Rest).Map(app);
        new BinanceFuturesEndpoints(Exchange, Rest).Map(app);
        Streams.BinanceStreams.Map(app, Exchange, Rest);
    }

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, Uri>> Endpoints(Uri baseAddress) => BinanceEndpoints.Of(baseAddress);

    /// <inheritdoc/>
    public Task WriteErrorAsync(HttpContext context, Exception? exception) => BinanceEndpoints.WriteErrorAsync(context, exception);
}
