namespace FlowSight.Venues.Replay;

/// <summary>One counter of a replayed book, as the report prints it.</summary>
/// <param name="JsonName">The key in the JSON report's <c>stats</c> object.</param>
/// <param name="Label">The words before the value in the text report.</param>
/// <param name="Value">The count.</param>
/// <param name="StartsLine">True to begin a new line of the text report with this counter.</param>
public readonly record struct ReplayStatistic(string JsonName, string Label, long Value, bool StartsLine = false);
