namespace FlowSight.Engine.Bus;

/// <summary>A small dense number per event type, assigned on first use, so a bus finds a type's routes by array index.</summary>
internal static class EventTypeId
{
    private static int _next = -1;

    public static int Next() => Interlocked.Increment(ref _next);
}

/// <summary>The number of <typeparamref name="T"/>.</summary>
internal static class EventTypeId<T>
{
    public static readonly int Value = EventTypeId.Next();
}
