namespace FlowSight.Venues.Okx.Streams;

/// <summary>An OKX control reply as the protocol needs it: <c>{"id","event","arg":{"channel","instId"},"code","msg"}</c>.</summary>
/// <param name="Event">The <c>event</c> (<c>subscribe</c>, <c>unsubscribe</c>, <c>error</c>, <c>notice</c>…).</param>
/// <param name="Id">The echoed request id, when the reply carried one that FlowSight could have sent (digits).</param>
/// <param name="Topic">The <c>arg</c> as a topic (<c>channel:instId</c>), or null.</param>
/// <param name="Code">OKX's error code (<c>"60012"</c> → 60012), or null.</param>
/// <param name="Message">OKX's <c>msg</c>, or null.</param>
internal readonly record struct OkxControlReply(string Event, long? Id, string? Topic, int? Code, string? Message);
