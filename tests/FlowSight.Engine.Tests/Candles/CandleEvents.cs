using FlowSight.Core;
using FlowSight.Engine.Bus;

namespace FlowSight.Engine.Tests.Candles;

/// <summary>Keeps every <see cref="Candle"/> the bus delivers.</summary>
internal sealed class CandleEvents : IEventHandler<Candle>
{
    public CandleEvents(EventBus bus) => bus.Subscribe<Candle>("candle-events", this);

    public List<Candle> All { get; } = [];

    public void Handle(in Candle evt) => All.Add(evt);
}
