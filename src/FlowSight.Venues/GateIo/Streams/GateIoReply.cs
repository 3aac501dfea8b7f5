namespace FlowSight.Venues.GateIo.Streams;

/// <summary>A Gate.io reply to a request, as <see cref="GateIoStreamProtocol"/> reads it.</summary>
/// <param name="Id">The request id Gate echoed, or null.</param>
/// <param name="Channel">The channel named.</param>
/// <param name="Event">The request's event (<c>subscribe</c>, <c>unsubscribe</c>).</param>
/// <param name="IsError">True when <c>error</c> was not null.</param>
/// <param name="Code">Gate's <c>error.code</c>, when given.</param>
/// <param name="Message">Gate's <c>error.message</c>, when given.</param>
public readonly record struct GateIoReply(long? Id, string? Channel, string? Event, bool IsError, int? Code, string? Message);
