using FlowSight.Core;
using FlowSight.Simulator.Markets;
using FlowSight.Simulator.Markets.Synthetic;
using FlowSight.Simulator.Matching;

namespace FlowSight.PaperVenue.Exchange;

/// <summary>A seeded <see cref="SyntheticMarket"/>: participants keep the book full and trading around a random-walk fair value.</summary>
public sealed class SyntheticMarketSource(SyntheticMarketOptions options) : PaperMarketSource
{
    private SyntheticMarket? _market;

    /// <summary>The market, once created.</summary>
    public SyntheticMarket? Market => _market;

    /// <inheritdoc/>
    public override ISimulatedMarket Create(Instrument instrument, IMarketListener listener, IOrderAdmission admission, IdSequence orderIds) =>
        _market = new SyntheticMarket(instrument, listener, options, admission, new MatchingEngineOptions { OrderIds = orderIds });

    /// <inheritdoc/>
    public override void AdvanceTo(long now)
    {
        if (_market is not null && now > _market.Now)
        {
            _market.AdvanceTo(now);
        }
    }
}
