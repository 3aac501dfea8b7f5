using FlowSight.Core;

namespace FlowSight.PaperVenue.Exchange;

/// <summary>
/// One candle as the venues publish it (Binance <c>klines</c> / <c>kline</c> stream, OKX <c>candles</c>): OHLC,
/// base and quote volume, trade count and the taker-buy share. A candle without trades repeats the previous close.
/// </summary>
/// <param name="OpenTime">Start, Unix nanoseconds.</param>
/// <param name="CloseTime">End (exclusive), Unix nanoseconds.</param>
/// <param name="Open">First price.</param>
/// <param name="High">Highest price.</param>
/// <param name="Low">Lowest price.</param>
/// <param name="Close">Last price.</param>
/// <param name="Volume">Base (contract) volume.</param>
/// <param name="QuoteVolume">Σ price × quantity (× contract value where contracts are traded).</param>
/// <param name="TradeCount">Number of trades.</param>
/// <param name="TakerBuyVolume">Volume of trades whose aggressor bought.</param>
/// <param name="TakerBuyQuoteVolume">Quote volume of those trades.</param>
public readonly record struct PaperCandle(
    long OpenTime,
    long CloseTime,
    Price Open,
    Price High,
    Price Low,
    Price Close,
    Quantity Volume,
    decimal QuoteVolume,
    long TradeCount,
    Quantity TakerBuyVolume,
    decimal TakerBuyQuoteVolume)
{
    /// <summary>True once <paramref name="now"/> is past the candle's end.</summary>
    public bool IsClosedAt(long now) => now >= CloseTime;
}
