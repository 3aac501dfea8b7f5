namespace FlowSight.Server.Streaming;

/// <summary>
/// A client's message: <c>{"op":"subscribe","topic":"book","instrument":"BTCUSDT-PERP.BINANCE"}</c>,
/// <c>{"op":"unsubscribe",…}</c> or <c>{"op":"ping"}</c>; <c>interval</c> (candles) defaults to <c>1m</c>.
/// </summary>
internal sealed record StreamRequest(string? Op, string? Topic, string? Instrument, string? Interval);
