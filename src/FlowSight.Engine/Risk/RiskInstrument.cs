using FlowSight.Core;

namespace FlowSight.Engine.Risk;

/// <summary>One instrument as the risk engine checks it: its spec and its resolved limits, looked up once at start-up.</summary>
internal sealed class RiskInstrument
{
    // The increment's raw value at each value precision from its own up to 9, so the hot check is one long
    // remainder instead of the general 128-bit one; 0 where it would not fit in a long.
    private readonly long[] _tickByPrecision;
    private readonly long[] _stepByPrecision;

    public RiskInstrument(Instrument spec, InstrumentRiskLimits limits, RiskLimits account)
    {
        Spec = spec;
        Id = spec.Id;
        Name = spec.Id.Value;
        TickSize = spec.TickSize;
        StepSize = spec.StepSize;
        MinQuantity = spec.MinQuantity;
        MaxQuantity = spec.MaxQuantity;
        MinNotional = spec.MinNotional.ToDecimal();
        Multiplier = spec.ContractMultiplier;
        IsInverse = spec.IsInverse;
        CanReduceOnly = spec.Kind != InstrumentKind.Spot;
        QuoteAsset = spec.IsInverse ? "USD" : spec.QuoteAsset;
        SizePrecision = spec.SizePrecision;
        MaxOrderQuantity = limits.MaxOrderQuantity;
        MaxOrderNotional = limits.MaxOrderNotional;
        MaxPositionQuantity = limits.MaxPositionQuantity;
        MaxPositionNotional = limits.MaxPositionNotional;
        MaxOpenOrders = limits.MaxOpenOrders;
        PriceBandBps = limits.PriceBandBps;
        MultiplierIsOne = spec.ContractMultiplier == 1m;
        HasOpeningLimits = limits.MaxPositionQuantity is not null || limits.MaxPositionNotional is not null
            || account.MaxTotalPositionNotional is not null || account.MaxLeverage is not null || account.DailyLossLimit is not null
            || account.Accounts.Values.Any(a => a.DailyLossLimit is not null);
        _tickByPrecision = IncrementsByPrecision(spec.TickSize.Raw, spec.TickSize.Precision);
        _stepByPrecision = IncrementsByPrecision(spec.StepSize.Raw, spec.StepSize.Precision);
    }

    public Instrument Spec { get; }

    public InstrumentId Id { get; }

    public string Name { get; }

    public Price TickSize { get; }

    public Quantity StepSize { get; }

    public Quantity MinQuantity { get; }

    public Quantity? MaxQuantity { get; }

    public decimal MinNotional { get; }

    public decimal Multiplier { get; }

    public bool IsInverse { get; }

    /// <summary>Derivatives take reduce-only orders; spot has no such flag.</summary>
    public bool CanReduceOnly { get; }

    public string QuoteAsset { get; }

    public byte SizePrecision { get; }

    public decimal? MaxOrderQuantity { get; }

    public decimal? MaxOrderNotional { get; }

    public decimal? MaxPositionQuantity { get; }

    public decimal? MaxPositionNotional { get; }

    public int? MaxOpenOrders { get; }

    public decimal? PriceBandBps { get; }

    /// <summary>Why the instrument's venue account is halted (null while it trades); engine thread.</summary>
    public string? AccountHaltReason { get; set; }

    /// <summary>True when a limit applies only to orders that open or grow a position (position, total, leverage, daily loss).</summary>
    public bool HasOpeningLimits { get; }

    /// <summary>True when <see cref="Multiplier"/> is 1 (spot, Binance linear): the notional skips a multiplication.</summary>
    public bool MultiplierIsOne { get; }

    /// <summary>True when <paramref name="price"/> is a whole number of ticks.</summary>
    public bool IsOnTick(Price price) => IsMultiple(price.Raw, price.Precision, _tickByPrecision) ?? price.IsMultipleOf(TickSize);

    /// <summary>True when <paramref name="quantity"/> is a whole number of steps.</summary>
    public bool IsOnStep(Quantity quantity) => IsMultiple(quantity.Raw, quantity.Precision, _stepByPrecision) ?? quantity.IsMultipleOf(StepSize);

    /// <summary>Value of <paramref name="quantity"/> at <paramref name="price"/> in the quote asset (inverse: contracts × face value).</summary>
    public decimal Notional(decimal quantity, decimal price) =>
        IsInverse ? quantity * Multiplier : MultiplierIsOne ? quantity * price : quantity * price * Multiplier;

    private static long[] IncrementsByPrecision(long raw, byte precision)
    {
        var increments = new long[Price.MaxPrecision + 1];
        var value = raw;
        for (var p = precision; p <= Price.MaxPrecision && value > 0; p++)
        {
            increments[p] = value;
            value = value <= long.MaxValue / 10 ? value * 10 : 0;
        }

        return increments;
    }

    private static bool? IsMultiple(long raw, byte precision, long[] increments)
    {
        var increment = precision < increments.Length ? increments[precision] : 0;
        return increment > 0 ? raw % increment == 0 : null;
    }
}
