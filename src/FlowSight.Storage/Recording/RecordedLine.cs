using FlowSight.Engine.Replay;

namespace FlowSight.Storage.Recording;

/// <summary>A line split by an <see cref="IRecordingLineFormat"/>: where its parts are, as ranges into the line.</summary>
/// <param name="ReceiveTime">Unix nanoseconds (0 when the line has no time).</param>
/// <param name="Kind">What the line holds.</param>
/// <param name="Payload">Where the message is in the line.</param>
/// <param name="Source">Where the URL is in the line, or an empty range.</param>
public readonly record struct RecordedLine(long ReceiveTime, RecordedFrameKind Kind, Range Payload, Range Source);
