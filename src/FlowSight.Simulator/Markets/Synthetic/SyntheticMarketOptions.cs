using FlowSight.Core;

namespace FlowSight.Simulator.Markets.Synthetic;

/// <summary>
/// The stochastic order flow of a <see cref="SyntheticOrderFlow"/>. Rates are per second of simulated time; sizes are
/// in multiples of the instrument's step above the smallest order it accepts; distances are in ticks. The defaults
/// give a liquid perpetual: a few hundred resting orders, a one-tick spread most of the time, a few trades a second.
/// </summary>
public sealed record SyntheticMarketOptions
{
    /// <summary>Seed of the flow's generator: the same seed and calls give the same events.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The fair value at the start (rounded down to a tick).</summary>
    public required Price InitialPrice { get; init; }

    /// <summary>When the flow starts, Unix nanoseconds: the first <see cref="SyntheticOrderFlow.AdvanceTo"/> seeds the book at this time.</summary>
    public long StartTime { get; init; }

    /// <summary>Limit orders per side placed at the start, one per tick away from the fair value.</summary>
    public int InitialLevels { get; init; } = 20;

    /// <summary>Limit-order arrivals per second (both sides), calm regime.</summary>
    public double LimitOrderRate { get; init; } = 60;

    /// <summary>Market-order arrivals per second, calm regime.</summary>
    public double MarketOrderRate { get; init; } = 4;

    /// <summary>Cancellation hazard of each resting participant order, per second.</summary>
    public double CancelRate { get; init; } = 0.2;

    /// <summary>Mean distance of a new limit order behind the fair value, in ticks (exponential: depth thins out away from the touch).</summary>
    public double MeanLimitDistanceTicks { get; init; } = 6;

    /// <summary>Mean limit-order size in steps above the minimum (exponential).</summary>
    public double MeanLimitSizeSteps { get; init; } = 40;

    /// <summary>Mean market-order size in steps above the minimum (exponential: mostly small, now and then a sweep).</summary>
    public double MeanMarketSizeSteps { get; init; } = 60;

    /// <summary>Interval of the fair value's random walk.</summary>
    public TimeSpan FairValueStep { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Standard deviation of one fair-value step in ticks, calm regime.</summary>
    public double CalmVolatilityTicks { get; init; } = 0.6;

    /// <summary>Standard deviation of one fair-value step in ticks, volatile regime.</summary>
    public double VolatileVolatilityTicks { get; init; } = 3;

    /// <summary>Chance per fair-value step of going from calm to volatile.</summary>
    public double CalmToVolatile { get; init; } = 0.002;

    /// <summary>Chance per fair-value step of going from volatile back to calm.</summary>
    public double VolatileToCalm { get; init; } = 0.02;

    /// <summary>Arrival rates are multiplied by this in the volatile regime.</summary>
    public double VolatileActivity { get; init; } = 3;

    /// <summary>How strongly market orders lean towards the fair value: the mid-to-fair gap, in ticks, at which about 70% of them go one way.</summary>
    public double FairValuePullTicks { get; init; } = 3;

    /// <summary>New limit orders are skipped while the participants have this many resting.</summary>
    public int MaxRestingOrders { get; init; } = 20_000;

    /// <summary>The account of the participants' limit orders.</summary>
    public int MakerAccountId { get; init; } = -1;

    /// <summary>The account of the participants' market orders (apart from the makers, so self-trade prevention never applies).</summary>
    public int TakerAccountId { get; init; } = -2;
}
