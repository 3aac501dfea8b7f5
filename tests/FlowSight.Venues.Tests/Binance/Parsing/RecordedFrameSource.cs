namespace FlowSight.Venues.Tests.Binance.Parsing;

/// <summary>Where a recorded line came from.</summary>
internal enum RecordedFrameSource
{
    WebSocket,
    Http,
}
