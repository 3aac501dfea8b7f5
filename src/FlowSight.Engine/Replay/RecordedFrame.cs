namespace FlowSight.Engine.Replay;

/// <summary>
/// One recorded message as an <see cref="IRecordedFrameSource"/> (a recording reader) yields it. The memory belongs to
/// the source and stays valid only until its next <see cref="IRecordedFrameSource.TryRead"/>: copy what you keep.
/// </summary>
/// <param name="ReceiveTime">When the line's message was received (or sent), Unix nanoseconds; 0 for <see cref="RecordedFrameKind.Configuration"/>.</param>
/// <param name="Kind">What the line holds.</param>
/// <param name="Payload">The message bytes exactly as recorded.</param>
/// <param name="Source">The URL the line names (HTTP responses, sent messages, connections), else empty.</param>
/// <param name="FileIndex">Which of the source's files the line comes from (0-based).</param>
/// <param name="LineNumber">The line's number in its file (1-based).</param>
public readonly record struct RecordedFrame(
    long ReceiveTime,
    RecordedFrameKind Kind,
    ReadOnlyMemory<byte> Payload,
    ReadOnlyMemory<byte> Source,
    int FileIndex,
    long LineNumber);
