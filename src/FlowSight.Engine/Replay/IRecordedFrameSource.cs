namespace FlowSight.Engine.Replay;

/// <summary>
/// A sequence of recorded frames in recording order — a recording file reader, or frames held in memory — for
/// replays and backtests. Lives in the engine so that readers (Storage) and consumers (venue replays) need not
/// know each other.
/// </summary>
public interface IRecordedFrameSource
{
    /// <summary>The next frame; false at the end. Its memory is valid until the next call.</summary>
    bool TryRead(out RecordedFrame frame);
}
