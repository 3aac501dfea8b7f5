using FlowSight.Core;

namespace FlowSight.Engine.Risk;

/// <summary>
/// One venue account stopped trading while the others go on: its instruments take only cancels, its working orders
/// were canceled and, when asked, its positions closed at market. The node's <see cref="TradingState"/> is unchanged.
/// </summary>
/// <param name="Account">The account halted.</param>
/// <param name="Trigger">What halted it (<see cref="KillSwitchTrigger.DailyLoss"/> for its own daily loss limit).</param>
/// <param name="Reason">Why, for a person: the limit and the value that broke it.</param>
/// <param name="By">Who halted it: the caller's name, or the trigger's.</param>
/// <param name="FlattenOrders">How many closing orders were sent (0 when not asked to flatten or flat).</param>
/// <param name="Timestamp">When, Unix ns.</param>
public readonly record struct AccountHalted(VenueAccount Account, KillSwitchTrigger Trigger, string Reason, string By, int FlattenOrders, long Timestamp);

/// <summary>A halted venue account trades again (<see cref="RiskEngine.ResumeAccount"/> or <see cref="RiskEngine.Reset"/>).</summary>
/// <param name="Account">The account.</param>
/// <param name="By">Who resumed it.</param>
/// <param name="Timestamp">When, Unix ns.</param>
public readonly record struct AccountResumed(VenueAccount Account, string By, long Timestamp);
