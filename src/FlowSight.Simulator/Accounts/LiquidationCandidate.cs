using FlowSight.Core;

namespace FlowSight.Simulator.Accounts;

/// <summary>A position whose margin balance is at or below its maintenance margin, found by <see cref="SimulatedAccounts.FindLiquidations"/>.</summary>
/// <param name="AccountId">Whose position.</param>
/// <param name="Instrument">The perpetual.</param>
/// <param name="PositionSide">Both, or the hedge leg.</param>
/// <param name="MarginType">Isolated (this position breached) or cross (the account's cross margin breached: every cross position goes).</param>
public readonly record struct LiquidationCandidate(int AccountId, InstrumentId Instrument, PositionSide PositionSide, MarginType MarginType);
