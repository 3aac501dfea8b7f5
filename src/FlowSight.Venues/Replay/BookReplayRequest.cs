namespace FlowSight.Venues.Replay;

/// <summary>What <c>flowsight book replay</c> was asked to do, for venues that need nothing more.</summary>
/// <param name="Depth">Levels per side to print.</param>
/// <param name="Json">One JSON object per instrument instead of text.</param>
/// <param name="Speed">0 (default) for as fast as possible, else a multiple of the recorded speed (1 = real time).</param>
public sealed record BookReplayRequest(int Depth = 10, bool Json = false, double Speed = 0);
