namespace FlowSight.Engine.Messaging;

/// <summary>Reports that a handler threw <paramref name="exception"/> on the event at <paramref name="sequence"/>.</summary>
/// <typeparam name="T">The ring's slot type.</typeparam>
public delegate void ConsumerErrorCallback<T>(Exception exception, long sequence, in T evt)
    where T : struct;
