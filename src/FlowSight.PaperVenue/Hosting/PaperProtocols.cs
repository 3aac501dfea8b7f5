using FlowSight.PaperVenue.Binance;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Okx;

namespace FlowSight.PaperVenue.Hosting;

/// <summary>Chooses the protocol of a paper venue.</summary>
public static class PaperProtocols
{
    /// <summary>The protocol of <paramref name="exchange"/>'s venue kind.</summary>
    public static IPaperProtocol Create(PaperExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return exchange.Options.Venue switch
        {
            PaperVenueKind.BinanceUsdm => new BinanceUsdmProtocol(exchange),
            PaperVenueKind.BinanceSpot => new BinanceSpotProtocol(exchange),
            PaperVenueKind.Okx => new OkxProtocol(exchange),
            _ => throw new ArgumentOutOfRangeException(nameof(exchange), exchange.Options.Venue, "Unknown paper venue kind."),
        };
    }
}
