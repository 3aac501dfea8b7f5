using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FlowSight.PaperVenue.Binance;

/// <summary>Binance USDⓈ-M futures on the paper exchange (placeholder until its protocol lands).</summary>
public sealed class BinanceUsdmProtocol(PaperExchange exchange) : IPaperProtocol
{
    /// <summary>The exchange.</summary>
    public PaperExchange Exchange { get; } = exchange;

    /// <inheritdoc/>
    public void Map(WebApplication app) => Streams.BinanceStreams.Map(app, Exchange);

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, Uri>> Endpoints(Uri baseAddress) => [new("rest", baseAddress)];

    /// <inheritdoc/>
    public Task WriteErrorAsync(HttpContext context, Exception? exception)
    {
        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }
}
