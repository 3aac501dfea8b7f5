namespace FlowSight.Engine.Risk;

/// <summary>
/// The kill switch tripped: trading is <see cref="TradingState.Halted"/>, a cancel-all went out and, when asked, one
/// reduce-only market order per open position.
/// </summary>
/// <param name="Trigger">What tripped it.</param>
/// <param name="Reason">Why, for a person: the limit and the value that broke it.</param>
/// <param name="By">Who tripped it: the caller's name for a manual trip, the trigger's name otherwise.</param>
/// <param name="FlattenOrders">How many flattening orders were sent (0 when not asked to flatten or flat).</param>
/// <param name="Timestamp">When, Unix ns.</param>
public readonly record struct KillSwitchTripped(KillSwitchTrigger Trigger, string Reason, string By, int FlattenOrders, long Timestamp);
