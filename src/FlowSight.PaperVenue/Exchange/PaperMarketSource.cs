using FlowSight.Core;
using FlowSight.Simulator.Markets;
using FlowSight.Simulator.Matching;

namespace FlowSight.PaperVenue.Exchange;

/// <summary>Where one instrument's market comes from and how it moves with time: synthetic order flow or a replayed recording.</summary>
public abstract class PaperMarketSource
{
    /// <summary>Builds the instrument's market for the exchange (the exchange's listener, admission and order ids).</summary>
    public abstract ISimulatedMarket Create(Instrument instrument, IMarketListener listener, IOrderAdmission admission, IdSequence orderIds);

    /// <summary>Moves the market's own activity to <paramref name="now"/> (Unix ns); events reach the listener given to <see cref="Create"/>.</summary>
    public abstract void AdvanceTo(long now);

    /// <summary>Where the exchange clock starts (a recording's first frame), or null for the wall clock.</summary>
    public virtual long? ClockStart => null;

    /// <summary>True once the market can trade (a replayed book has both sides, or the recording ended).</summary>
    public virtual bool IsOpen => true;

    /// <summary>The mark price the source itself publishes (a recording's), or null to take it from the book's mid.</summary>
    public virtual MarkPrice? TakeMarkPrice() => null;
}
