namespace FlowSight.Venues.Binance.Data;

/// <summary>Which Binance streams a <see cref="BinanceDataClient"/> subscribes per instrument.</summary>
[Flags]
public enum BinanceDataStreams
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Depth diffs (<c>@depth@100ms</c> or the configured speed), kept as a local book from REST snapshots.</summary>
    Depth = 1,

    /// <summary>Every trade (<c>@trade</c>).</summary>
    Trades = 2,

    /// <summary>Aggregated trades (<c>@aggTrade</c>).</summary>
    AggTrades = 4,

    /// <summary>Best bid/offer (<c>@bookTicker</c>).</summary>
    BookTicker = 8,

    /// <summary>Candles at <see cref="BinanceDataClientOptions.KlineInterval"/> (<c>@kline_1m</c>).</summary>
    Klines = 16,

    /// <summary>Mark price and funding every second (<c>@markPrice@1s</c>, futures only).</summary>
    MarkPrice = 32,

    /// <summary>Liquidations (<c>@forceOrder</c>, futures only).</summary>
    Liquidations = 64,

    /// <summary>What a trader's screen needs: book, trades and best bid/offer.</summary>
    Default = Depth | Trades | BookTicker,
}
