using FlowSight.Engine.Bus;

namespace FlowSight.Engine.Hosting;

/// <summary>A reference message carried through the ring buffer that knows its own type, so the engine publishes it typed.</summary>
internal interface IEnginePayload
{
    void PublishTo(EventBus bus);
}

/// <summary>Wraps a reference event so it is published to the bus as <typeparamref name="T"/>.</summary>
internal sealed class EnginePayload<T>(T value) : IEnginePayload
    where T : class
{
    public void PublishTo(EventBus bus) => bus.Publish(in value);
}
