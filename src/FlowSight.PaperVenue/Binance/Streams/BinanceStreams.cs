using FlowSight.PaperVenue.Exchange;
using Microsoft.AspNetCore.Builder;

namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>Binance's WebSocket side on the paper exchange: market streams and the user data stream (placeholder until it lands).</summary>
public static class BinanceStreams
{
    /// <summary>Maps <c>/ws</c>, <c>/stream</c> and the listen-key endpoints, and registers the feeds.</summary>
    public static void Map(WebApplication app, PaperExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(exchange);
    }
}
