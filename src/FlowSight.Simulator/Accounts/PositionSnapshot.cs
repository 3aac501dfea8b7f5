using FlowSight.Core;

namespace FlowSight.Simulator.Accounts;

/// <summary>
/// A perpetual position valued at the current mark price: the position part of Binance's <c>ACCOUNT_UPDATE</c>
/// (<c>pa</c>, <c>ep</c>, <c>cr</c>, <c>up</c>, <c>mt</c>, <c>iw</c>, <c>ps</c>) plus the margin figures of
/// <c>GET /fapi/v2/positionRisk</c>.
/// </summary>
/// <param name="AccountId">Whose position.</param>
/// <param name="Instrument">The perpetual.</param>
/// <param name="PositionSide">Both in one-way mode; Long or Short leg in hedge mode.</param>
/// <param name="Direction">Flat, long or short.</param>
/// <param name="Size">Absolute size in contracts.</param>
/// <param name="EntryNotional">Σ fill price × quantity × multiplier of the open size: the exact cost the entry price is derived from.</param>
/// <param name="EntryPrice">Entry notional ÷ (size × multiplier), half-even at 8 decimals; zero when flat.</param>
/// <param name="MarkPrice">The mark price the figures use.</param>
/// <param name="UnrealizedPnl">±(mark × size × multiplier − entry notional).</param>
/// <param name="RealizedPnl">PnL realised by this position's closing fills since it was first opened (<c>cr</c>), before fees.</param>
/// <param name="MarginType">Cross or isolated.</param>
/// <param name="Leverage">The instrument's leverage setting.</param>
/// <param name="IsolatedWallet">The isolated wallet (<c>iw</c>); zero for cross.</param>
/// <param name="InitialMargin">Mark notional ÷ leverage, rounded up.</param>
/// <param name="MaintenanceMargin">Mark notional × bracket rate − bracket amount, rounded up.</param>
/// <param name="LiquidationPrice">Binance's liquidation price for the position (see docs/simulator.md); zero when flat or never.</param>
public readonly record struct PositionSnapshot(
    int AccountId,
    InstrumentId Instrument,
    PositionSide PositionSide,
    PositionDirection Direction,
    Quantity Size,
    Money EntryNotional,
    Price EntryPrice,
    Price MarkPrice,
    Money UnrealizedPnl,
    Money RealizedPnl,
    MarginType MarginType,
    int Leverage,
    Money IsolatedWallet,
    Money InitialMargin,
    Money MaintenanceMargin,
    Price LiquidationPrice);
