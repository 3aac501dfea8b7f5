using FlowSight.PaperVenue.Binance.Rest;
using Microsoft.AspNetCore.Http;

namespace FlowSight.PaperVenue.Binance;

/// <summary>What the Binance protocols share: their addresses and their error for unknown routes and failures.</summary>
internal static class BinanceEndpoints
{
    /// <summary><c>rest</c> (the base address: <c>/fapi</c>, <c>/api</c>) and <c>ws</c> (<c>ws://host:port</c>: <c>/ws</c>, <c>/stream</c>).</summary>
    public static IReadOnlyList<KeyValuePair<string, Uri>> Of(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var ws = new UriBuilder(baseAddress) { Scheme = baseAddress.Scheme == "https" ? "wss" : "ws" }.Uri;
        return [new("rest", baseAddress), new("ws", ws)];
    }

    /// <summary>An unknown route: 404 with -1020; a failure no handler caught: 400 with -1000 (never a 500 or a stack trace).</summary>
    public static Task WriteErrorAsync(HttpContext context, Exception? exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        return exception switch
        {
            null => BinanceRestPipeline.WriteErrorAsync(context, StatusCodes.Status404NotFound, -1020, "This operation is not supported."),
            BinanceApiException api => BinanceRestPipeline.WriteErrorAsync(context, api.HttpStatus, api.Code, api.Message),
            _ => BinanceRestPipeline.WriteErrorAsync(context, StatusCodes.Status400BadRequest, -1000, "An unknown error occurred while processing the request."),
        };
    }
}
