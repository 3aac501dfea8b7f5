namespace FlowSight.Venues.Okx.Parsing;

/// <summary>An OKX control reply (<c>{"event":...,"arg":{...},"code":"...","msg":"...","connId":"..."}</c>), without its texts.</summary>
/// <param name="Event">The reply's event.</param>
/// <param name="Channel">The channel of <c>arg</c>, if any.</param>
/// <param name="Code">OKX's error code (<c>0</c> when absent or on success).</param>
public readonly record struct OkxControlMessage(OkxControlEvent Event, OkxChannel Channel, int Code);
