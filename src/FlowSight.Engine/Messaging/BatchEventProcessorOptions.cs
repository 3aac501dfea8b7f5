namespace FlowSight.Engine.Messaging;

/// <summary>Settings of a <see cref="BatchEventProcessor{T}"/>.</summary>
/// <typeparam name="T">The ring's slot type.</typeparam>
public sealed class BatchEventProcessorOptions<T>
    where T : struct
{
    /// <summary>What happens after the handler throws. Default: <see cref="ConsumerErrorPolicy.Stop"/>, since a
    /// consumer that skips events silently corrupts state built from them.</summary>
    public ConsumerErrorPolicy ErrorPolicy { get; init; } = ConsumerErrorPolicy.Stop;

    /// <summary>Called on the consumer thread with each handler exception, its sequence and its event, before the
    /// <see cref="ErrorPolicy"/> applies. If it throws, the processor stops with that exception.</summary>
    public ConsumerErrorCallback<T>? OnError { get; init; }

    /// <summary>Most events handled before the consumer sequence is advanced (freeing slots for producers);
    /// 0 means a quarter of the ring's capacity.</summary>
    public int MaxBatchSize { get; init; }

    /// <summary>Name of the thread <see cref="BatchEventProcessor{T}.Start"/> creates.</summary>
    public string ThreadName { get; init; } = "FlowSight ring consumer";
}
