namespace FlowSight.TestServers.Binance;

/// <summary>What the REST server knows of one symbol, from the exchangeInfo it serves.</summary>
/// <param name="Market">The market.</param>
/// <param name="Symbol">Binance's symbol.</param>
/// <param name="TickSize">PRICE_FILTER tickSize.</param>
/// <param name="PriceDecimals">How many decimals Binance prints prices with (the tickSize text's decimals).</param>
/// <param name="QuantityDecimals">How many decimals Binance prints quantities with (the stepSize text's decimals).</param>
/// <param name="IsPerpetual">True for perpetual contracts (funding); false for spot and dated futures.</param>
/// <param name="Pair">The futures pair (BTCUSDT, BTCUSD), or the symbol on spot.</param>
/// <param name="ContractType">The futures contract type text; empty on spot.</param>
public sealed record BinanceRestSymbol(
    BinanceServerMarket Market,
    string Symbol,
    decimal TickSize,
    int PriceDecimals,
    int QuantityDecimals,
    bool IsPerpetual,
    string Pair,
    string ContractType);
