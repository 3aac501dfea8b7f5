using FlowSight.Core;

namespace FlowSight.Engine.Risk;

/// <summary>One instrument as the risk engine checks it: its spec and its resolved limits, looked up once at start-up.</summary>
internal sealed class RiskInstrument
{
    public RiskInstrument(Instrument spec, InstrumentRiskLimits limits)
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

    /// <summary>Value of <paramref name="quantity"/> at <paramref name="price"/> in the quote asset (inverse: contracts × face value).</summary>
    public decimal Notional(decimal quantity, decimal price) =>
        IsInverse ? quantity * Multiplier : quantity * price * Multiplier;
}
