namespace FlowSight.Venues.Binance.Streams;

/// <summary>What a Binance frame is, for the connection layer.</summary>
internal enum BinanceFrameKind : byte
{
    /// <summary>Market data (combined envelope or raw payload): delivered to the handler.</summary>
    Data = 0,

    /// <summary>A reply to a request (ack, list result or error).</summary>
    Reply,

    /// <summary>The spot <c>serverShutdown</c> event: reconnect soon.</summary>
    ServerShutdown,
}
