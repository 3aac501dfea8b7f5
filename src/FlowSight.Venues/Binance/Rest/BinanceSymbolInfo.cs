using FlowSight.Core;

namespace FlowSight.Venues.Binance.Rest;

/// <summary>One symbol of <c>exchangeInfo</c>: its <see cref="Instrument"/> spec plus what Binance says beyond it.</summary>
/// <param name="Spec">The trading rules as FlowSight's instrument.</param>
/// <param name="Status">Binance's status, e.g. <c>TRADING</c>, <c>BREAK</c>, <c>PENDING_TRADING</c> (COIN-M: <c>contractStatus</c>).</param>
/// <param name="ContractType">The futures contract type; <see cref="BinanceContractType.None"/> on spot or when Binance leaves it empty.</param>
/// <param name="Pair">The underlying pair of a futures symbol (<c>BTCUSDT</c>, <c>BTCUSD</c>); null on spot.</param>
/// <param name="OnboardDate">When the contract was listed, Unix nanoseconds; null on spot.</param>
/// <param name="DeliveryDate">The contract's delivery date, Unix nanoseconds (Binance puts 2100-12-25 on perpetuals); null on spot.</param>
/// <param name="MinPrice">PRICE_FILTER's lowest price (zero when the filter leaves it open).</param>
/// <param name="MaxPrice">PRICE_FILTER's highest price (zero when the filter leaves it open).</param>
public sealed record BinanceSymbolInfo(
    Instrument Spec,
    string Status,
    BinanceContractType ContractType,
    string? Pair,
    long? OnboardDate,
    long? DeliveryDate,
    Price MinPrice,
    Price MaxPrice);
