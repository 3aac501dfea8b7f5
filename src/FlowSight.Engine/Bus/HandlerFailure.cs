namespace FlowSight.Engine.Bus;

/// <summary>A handler threw while handling an event.</summary>
/// <param name="Route">The subscription's name.</param>
/// <param name="EventType">The event type's name.</param>
/// <param name="Exception">What the handler threw.</param>
public sealed record HandlerFailure(string Route, string EventType, Exception Exception);
