namespace FlowSight.Venues.GateIo.Streams;

/// <summary>What a received Gate.io frame is, as far as the connection machinery cares.</summary>
public enum GateIoFrameKind : byte
{
    /// <summary>A notification (<c>event</c> <c>update</c> or <c>all</c>): delivered to the data handler.</summary>
    Data = 0,

    /// <summary>A reply to a request (<c>subscribe</c>, <c>unsubscribe</c>), possibly an error.</summary>
    Reply,

    /// <summary><c>spot.pong</c>/<c>futures.pong</c>.</summary>
    Pong,
}
