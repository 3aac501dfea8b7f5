using FlowSight.Core;

namespace FlowSight.Venues.Binance.Rest;

/// <summary>An order-book snapshot from <c>depth</c>.</summary>
/// <param name="Book">The levels with <c>lastUpdateId</c>; prices and quantities keep Binance's decimals.</param>
/// <param name="TransactionTime">The matching engine's time (<c>T</c>, futures only), Unix nanoseconds; 0 on spot.</param>
/// <param name="Json">The response body exactly as received, for recordings (written beside the stream frames) and for the zero-allocation parsers.</param>
public sealed record BinanceDepthSnapshot(BookSnapshot Book, long TransactionTime, ReadOnlyMemory<byte> Json);
