using FlowSight.Core;

namespace FlowSight.Simulator.Accounts;

/// <summary>
/// A position taken over by the liquidation engine: closed at its bankruptcy price, the account losing the margin that
/// backed it, and the margin balance left at the mark going to the insurance fund (Binance's liquidation clearance).
/// </summary>
/// <param name="AccountId">Whose position.</param>
/// <param name="Instrument">The perpetual.</param>
/// <param name="PositionSide">Both, or the hedge leg.</param>
/// <param name="MarginType">Cross (the cross wallet is lost) or isolated (the isolated wallet is lost).</param>
/// <param name="Direction">The position's direction before liquidation.</param>
/// <param name="Size">The size closed.</param>
/// <param name="MarkPrice">The mark price that breached maintenance margin.</param>
/// <param name="BankruptcyPrice">The fill price: where the margin backing the position is exactly used up (rounded to the tick in the account's favour).</param>
/// <param name="MarginBalance">Wallet + unrealised PnL at the mark, just before liquidation.</param>
/// <param name="MaintenanceMargin">The maintenance margin it breached.</param>
/// <param name="RealizedPnl">PnL realised by the liquidation fill.</param>
/// <param name="InsuranceFundChange">What the insurance fund received (negative when the mark had gapped past bankruptcy).</param>
/// <param name="Timestamp">Exchange time, Unix nanoseconds.</param>
public readonly record struct LiquidationEvent(
    int AccountId,
    InstrumentId Instrument,
    PositionSide PositionSide,
    MarginType MarginType,
    PositionDirection Direction,
    Quantity Size,
    Price MarkPrice,
    Price BankruptcyPrice,
    Money MarginBalance,
    Money MaintenanceMargin,
    Money RealizedPnl,
    Money InsuranceFundChange,
    long Timestamp);
