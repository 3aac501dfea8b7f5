using FlowSight.Core;
using FlowSight.Engine.Bus;

namespace FlowSight.Engine.Trading;

/// <summary>
/// Gives the portfolio a price for instruments the venue publishes no mark for (spot) while nothing trades: the book
/// ticker's mid (the portfolio takes last trades itself). A venue mark, when there is one, still wins.
/// </summary>
internal sealed class LastPriceFeed(Portfolio.Portfolio portfolio) : IEventHandler<QuoteTick>
{
    public void Handle(in QuoteTick evt)
    {
        if (evt.BidPrice.Raw <= 0 || evt.AskPrice.Raw <= 0)
        {
            return;
        }

        var mid = (evt.BidPrice + evt.AskPrice).ToDecimal() / 2;
        portfolio.OnLastPrice(evt.Instrument, Price.FromDecimal(Math.Round(mid, evt.BidPrice.Precision, MidpointRounding.ToEven), evt.BidPrice.Precision));
    }
}
