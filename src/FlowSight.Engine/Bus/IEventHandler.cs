namespace FlowSight.Engine.Bus;

/// <summary>Handles events of one type on the engine thread. The event is passed by reference: copy what you keep.</summary>
/// <typeparam name="T">The event type.</typeparam>
public interface IEventHandler<T>
    where T : notnull
{
    /// <summary>Handles one event.</summary>
    void Handle(in T evt);
}
