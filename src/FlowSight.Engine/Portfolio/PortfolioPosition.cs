using FlowSight.Core;

namespace FlowSight.Engine.Portfolio;

/// <summary>A snapshot of one position (one leg in hedge mode). Amounts are in the instrument's settle asset (quote for spot).</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="PositionSide">The leg: <see cref="PositionSide.Both"/> in net mode.</param>
/// <param name="Quantity">Signed size in the instrument's unit (contracts where the venue trades contracts): positive long.</param>
/// <param name="AverageEntryPrice">Weighted average entry price (0 when flat).</param>
/// <param name="EntryNotional">Entry price × size × multiplier, exact to 8 decimals.</param>
/// <param name="RealizedPnl">PnL realised by closing fills, before fees and funding.</param>
/// <param name="UnrealizedPnl">PnL at the mark (the last fill price when no mark was seen).</param>
/// <param name="Funding">Funding received (positive) or paid (negative).</param>
/// <param name="MarginUsed">Notional at the mark ÷ leverage (0 for spot).</param>
/// <param name="Leverage">The instrument's leverage setting (1 for spot).</param>
/// <param name="MarginMode">Cross or isolated.</param>
/// <param name="IsolatedMargin">The isolated wallet (isolated positions only).</param>
/// <param name="LiquidationPrice">Binance's liquidation price; null for spot, flat positions or when no positive price liquidates.</param>
public readonly record struct PortfolioPosition(
    InstrumentId Instrument,
    PositionSide PositionSide,
    decimal Quantity,
    decimal AverageEntryPrice,
    decimal EntryNotional,
    decimal RealizedPnl,
    decimal UnrealizedPnl,
    decimal Funding,
    decimal MarginUsed,
    int Leverage,
    MarginMode MarginMode,
    decimal IsolatedMargin,
    decimal? LiquidationPrice);
