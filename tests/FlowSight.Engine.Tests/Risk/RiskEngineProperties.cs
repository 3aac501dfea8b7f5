using FlowSight.Core;
using FlowSight.Engine.Risk;
using FsCheck.Xunit;
using static FlowSight.Engine.Tests.Risk.RiskFixture;

namespace FlowSight.Engine.Tests.Risk;

/// <summary>
/// Against a plain model of the limits: an approved order is within every limit, and a refused one really breaks
/// the limit its check names, for random orders, positions, working orders and marks.
/// </summary>
public sealed class RiskEngineProperties
{
    private const decimal MaxNotional = 20_000m;
    private const decimal MaxPosition = 0.6m;
    private const decimal BandBps = 150m;

    [Property(MaxTest = 100)]
    public bool Approved_orders_keep_every_limit_and_refusals_name_a_broken_one(int seed)
    {
        var random = new Random(seed);
        var limits = new RiskLimits { Defaults = new() { MaxOrderNotional = MaxNotional, MaxPositionQuantity = MaxPosition, PriceBandBps = BandBps } };
        using var fixture = new RiskFixture(limits);
        for (var i = 0; i < 50; i++)
        {
            var mark = 50_000m + (random.Next(-20_000, 20_001) * 0.1m);
            var position = random.Next(-800, 801) * 0.001m;
            var working = random.Next(0, 300) * 0.001m;
            var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            var quantity = random.Next(2, 700) * 0.001m;
            var price = mark + (random.Next(-1_000, 1_001) * 0.1m);
            fixture.Portfolio.SetMark(Btc, mark);
            fixture.Portfolio.SetPosition(Btc, position);
            fixture.Orders.Clear();
            if (working > 0m)
            {
                fixture.Orders.Add("w-1", Btc, side, working);
            }

            var decision = fixture.Engine.Check(fixture.Limit(side, quantity, price));

            var notional = quantity * price;
            var signed = side == OrderSide.Buy ? position : -position;
            var reducing = signed < 0m && quantity <= Math.Abs(position) - working;
            var exposure = signed + working + quantity;
            var outsideBand = Math.Abs(price - mark) * 10_000m > BandBps * mark;
            var broken = new Dictionary<string, bool>
            {
                [RiskChecks.MinNotional] = notional < BtcSpec.MinNotional.ToDecimal(),
                [RiskChecks.MaxNotional] = notional > MaxNotional,
                [RiskChecks.PriceBand] = outsideBand,
                [RiskChecks.PositionQuantity] = !reducing && exposure > MaxPosition,
            };

            var ok = decision.Approved
                ? !broken.ContainsValue(true)
                : decision.Check is not null && broken.TryGetValue(decision.Check, out var isBroken) && isBroken;
            if (!ok)
            {
                throw new InvalidOperationException($"{side} {quantity} @ {price}, mark {mark}, position {position}, working {working}: {decision}");
            }
        }

        return true;
    }
}
