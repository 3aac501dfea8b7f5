namespace FlowSight.PaperVenue.Hosting;

/// <summary>Which venue's wire protocol the paper venue speaks.</summary>
public enum PaperVenueKind
{
    /// <summary>Binance USDⓈ-M futures: <c>/fapi</c> REST, <c>fstream</c>-style WebSocket streams, futures user data stream.</summary>
    BinanceUsdm = 1,

    /// <summary>Binance spot: <c>/api/v3</c> REST, <c>stream.binance.com</c>-style streams, spot user data stream.</summary>
    BinanceSpot = 2,

    /// <summary>OKX v5: <c>/api/v5</c> REST, <c>/ws/v5/public</c> and <c>/ws/v5/private</c>.</summary>
    Okx = 3,
}
