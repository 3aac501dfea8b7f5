namespace FlowSight.Simulator.Accounts;

/// <summary>A position changed (a fill, a funding settlement, a liquidation): Binance <c>ACCOUNT_UPDATE</c>'s position entry.</summary>
/// <param name="Reason">What caused the change.</param>
/// <param name="Position">The position after the change, at the current mark.</param>
/// <param name="Timestamp">Exchange time, Unix nanoseconds.</param>
public readonly record struct PositionUpdate(AccountUpdateReason Reason, PositionSnapshot Position, long Timestamp);
