namespace FlowSight.Venues.Binance.Parsing;

/// <summary>
/// A reply to a request on a stream connection: <c>{"result":null,"id":1}</c>, <c>{"result":["btcusdt@depth"],"id":3}</c>,
/// <c>{"error":{"code":2,"msg":"..."},"id":1}</c>, or a flat <c>{"code":..,"msg":..}</c>. Texts are kept as
/// ranges into the frame, so matching a reply to its request allocates nothing; decode them only to log.
/// </summary>
/// <param name="Id">The request id when it is an integer; -1 when absent, null or not an integer.</param>
/// <param name="IdRange">Where the id's text is in the frame (for string ids), or an empty range.</param>
/// <param name="ResultShape">The JSON type of <c>result</c>.</param>
/// <param name="ResultRange">Where the <c>result</c> value's JSON is in the frame (the list of LIST_SUBSCRIPTIONS).</param>
/// <param name="ErrorCode">The error code for <see cref="BinanceMessageKind.Error"/>, else 0.</param>
/// <param name="ErrorMessageRange">Where the error's <c>msg</c> text is in the frame, or an empty range.</param>
public readonly record struct BinanceControlMessage(
    long Id,
    Range IdRange,
    BinanceResultShape ResultShape,
    Range ResultRange,
    int ErrorCode,
    Range ErrorMessageRange);
