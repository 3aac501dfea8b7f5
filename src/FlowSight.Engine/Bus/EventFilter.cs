namespace FlowSight.Engine.Bus;

/// <summary>Decides whether a subscription sees an event; runs on the engine thread for every candidate event, so keep it cheap.</summary>
/// <typeparam name="T">The event type.</typeparam>
public delegate bool EventFilter<T>(in T evt)
    where T : notnull;
