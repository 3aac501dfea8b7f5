namespace FlowSight.Engine.Replay;

/// <summary>
/// Receives raw venue frames exactly as they arrived — WebSocket messages and REST bodies such as depth snapshots —
/// with their receive time, e.g. to record them. Called on the receiving thread: implementations copy and return
/// quickly, never block.
/// </summary>
public interface IRawFrameSink
{
    /// <summary>Takes one frame received at <paramref name="receiveTime"/> (Unix ns). Returns false if it was dropped.</summary>
    bool TryWrite(long receiveTime, ReadOnlySpan<byte> frame);
}
