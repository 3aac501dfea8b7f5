using FlowSight.Engine.Bus;

namespace FlowSight.Engine.Tests.Risk;

/// <summary>Keeps every event of one type published on the bus.</summary>
internal sealed class EventLog<T> : IEventHandler<T>
    where T : notnull
{
    public List<T> Seen { get; } = [];

    public void Handle(in T evt) => Seen.Add(evt);
}
