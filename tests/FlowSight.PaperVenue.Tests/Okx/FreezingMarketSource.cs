using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.Simulator.Markets;
using FlowSight.Simulator.Matching;

namespace FlowSight.PaperVenue.Tests.Okx;

/// <summary>A market source that stops moving at <paramref name="freezeAt"/> (exchange time), so a test can compare books at rest.</summary>
internal sealed class FreezingMarketSource(PaperMarketSource inner, long freezeAt) : PaperMarketSource
{
    public override ISimulatedMarket Create(Instrument instrument, IMarketListener listener, IOrderAdmission admission, IdSequence orderIds) =>
        inner.Create(instrument, listener, admission, orderIds);

    public override void AdvanceTo(long now) => inner.AdvanceTo(Math.Min(now, freezeAt));
}
