namespace FlowSight.Venues.Tests.Binance.Parsing;

/// <summary>One message from a recording: the collector's receive time and the payload bytes as received.</summary>
/// <param name="Line">The 1-based line number in the recording.</param>
/// <param name="ReceiveTime">The collector's receive time, Unix nanoseconds.</param>
/// <param name="Payload">The JSON bytes.</param>
/// <param name="Source">What produced the line: a WebSocket message or an HTTP response.</param>
/// <param name="Url">The request URL for HTTP responses (cryptofeed), else null.</param>
internal sealed record RecordedFrame(int Line, long ReceiveTime, byte[] Payload, RecordedFrameSource Source, string? Url);
