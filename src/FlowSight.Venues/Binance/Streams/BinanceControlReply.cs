namespace FlowSight.Venues.Binance.Streams;

/// <summary>
/// A reply to a request, as Binance sends them: <c>{"result":null,"id":1}</c>, <c>{"result":["a"],"id":3}</c>, or an
/// error, either flat (<c>{"code":2,"msg":"Invalid request: ...","id":1}</c>, sometimes without the id) or nested
/// (<c>{"error":{"code":2,"msg":"..."},"id":2}</c>).
/// </summary>
/// <param name="Id">The request id, when present and numeric.</param>
/// <param name="IsError">True for an error reply.</param>
/// <param name="Code">The error code.</param>
/// <param name="Message">The error text.</param>
internal readonly record struct BinanceControlReply(long? Id, bool IsError, int? Code, string? Message);
