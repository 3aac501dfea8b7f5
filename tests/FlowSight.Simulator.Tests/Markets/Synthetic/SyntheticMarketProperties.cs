using FlowSight.Core;
using FlowSight.Simulator.Markets.Synthetic;
using FsCheck.Xunit;

namespace FlowSight.Simulator.Tests.Markets.Synthetic;

/// <summary>The synthetic market's invariants for any seed and a range of flow parameters.</summary>
public sealed class SyntheticMarketProperties
{
    private const long Start = 1_700_000_000_000_000_000;

    [Property(MaxTest = 40)]
    public bool The_book_is_never_crossed_reports_come_in_time_order_and_the_flow_knows_its_resting_orders(
        int seed, byte limitRate, byte marketRate, byte cancelPercent, byte distance, bool startVolatile)
    {
        var options = SyntheticMarketTests.Options(seed) with
        {
            StartTime = Start,
            LimitOrderRate = 5 + limitRate,
            MarketOrderRate = 0.5 + (marketRate % 40),
            CancelRate = 0.01 + (cancelPercent % 100 / 100.0),
            MeanLimitDistanceTicks = 0.5 + (distance % 30),
            CalmToVolatile = startVolatile ? 0.5 : 0.002,
        };
        var log = new EventLog();
        var market = new SyntheticMarket(SyntheticMarketTests.BtcUsdt, log, options);
        for (long t = Start; t <= Start + 20_000_000_000; t += 50_000_000)
        {
            market.AdvanceTo(t);
            if (market.TryGetBestBid(out var bid) && market.TryGetBestAsk(out var ask) && bid.Price >= ask.Price)
            {
                throw new InvalidOperationException($"crossed at {t}: {bid.Price} / {ask.Price}");
            }

            if (market.Flow.RestingOrders != market.Engine.OpenOrderCount)
            {
                throw new InvalidOperationException($"flow tracks {market.Flow.RestingOrders} resting, engine has {market.Engine.OpenOrderCount}");
            }
        }

        return log.OutOfOrder == 0 && log.Trades.Count > 0 && log.Levels.All(l => l.Price.Raw > 0);
    }
}
