namespace FlowSight.Engine.Risk;

/// <summary>The risk engine's <see cref="TradingState"/> changed.</summary>
/// <param name="Previous">The state before.</param>
/// <param name="Current">The state now.</param>
/// <param name="Reason">Why, for a person.</param>
/// <param name="Timestamp">When, Unix ns.</param>
public readonly record struct TradingStateChanged(TradingState Previous, TradingState Current, string Reason, long Timestamp);
