using FlowSight.Core;
using FlowSight.Engine.Bus;

namespace FlowSight.Cli.Demo;

/// <summary>Engine-thread state for the demo: the last quote, traded volume and VWAP. Owned by the engine thread only.</summary>
internal sealed class MarketSummary : IEventHandler<QuoteTick>, IEventHandler<TradeTick>
{
    private const byte NotionalPrecision = 4;

    private Money _notional = Money.Zero(NotionalPrecision);
    private Quantity _volume = Quantity.Zero(3);

    public QuoteTick LastQuote { get; private set; }

    public long Quotes { get; private set; }

    public long Trades { get; private set; }

    public decimal Vwap => _volume.Raw == 0 ? 0m : decimal.Round(_notional.ToDecimal() / _volume.ToDecimal(), 1);

    public void Handle(in QuoteTick evt)
    {
        Quotes++;
        LastQuote = evt;
    }

    public void Handle(in TradeTick evt)
    {
        Trades++;
        _volume += evt.Size;
        _notional += evt.Price.Notional(evt.Size, NotionalPrecision, RoundingMode.ToEven);
    }
}
