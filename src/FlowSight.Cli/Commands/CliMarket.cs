namespace FlowSight.Cli.Commands;

/// <summary>The venue markets the command line can name (the part before the colon of <c>okx:BTC-USDT-SWAP</c>).</summary>
internal enum CliMarket
{
    /// <summary><c>binance-spot</c>.</summary>
    BinanceSpot,

    /// <summary><c>binance-usdm</c>: USDⓈ-M futures.</summary>
    BinanceUsdM,

    /// <summary><c>binance-coinm</c>: COIN-M futures.</summary>
    BinanceCoinM,

    /// <summary><c>okx</c>: every OKX instrument type (the instId names the kind).</summary>
    Okx,

    /// <summary><c>gate-spot</c>: Gate.io spot.</summary>
    GateSpot,

    /// <summary><c>gate-usdt</c>: Gate.io USDT-settled perpetual futures.</summary>
    GateUsdt,
}
