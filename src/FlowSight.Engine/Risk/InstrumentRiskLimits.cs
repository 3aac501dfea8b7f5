namespace FlowSight.Engine.Risk;

/// <summary>
/// Limits for one instrument (or the defaults every instrument starts from). Null means "no limit" in the defaults
/// and "as the defaults" in an override. Quantities are in the instrument's own unit, notionals in its quote asset.
/// </summary>
public sealed record InstrumentRiskLimits
{
    /// <summary>The largest quantity of one order.</summary>
    public decimal? MaxOrderQuantity { get; init; }

    /// <summary>The largest value of one order (price × quantity × contract multiplier).</summary>
    public decimal? MaxOrderNotional { get; init; }

    /// <summary>The largest position in either direction, counting working orders on that side and the new order.</summary>
    public decimal? MaxPositionQuantity { get; init; }

    /// <summary>The largest position value in either direction, counting working orders on that side and the new order.</summary>
    public decimal? MaxPositionNotional { get; init; }

    /// <summary>The most working orders at once on this instrument.</summary>
    public int? MaxOpenOrders { get; init; }

    /// <summary>How far a limit price may be from the mark price, in basis points of the mark (100 = 1 %).</summary>
    public decimal? PriceBandBps { get; init; }

    /// <summary>This override's values where set, <paramref name="defaults"/>' elsewhere.</summary>
    public InstrumentRiskLimits Over(InstrumentRiskLimits defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        return new InstrumentRiskLimits
        {
            MaxOrderQuantity = MaxOrderQuantity ?? defaults.MaxOrderQuantity,
            MaxOrderNotional = MaxOrderNotional ?? defaults.MaxOrderNotional,
            MaxPositionQuantity = MaxPositionQuantity ?? defaults.MaxPositionQuantity,
            MaxPositionNotional = MaxPositionNotional ?? defaults.MaxPositionNotional,
            MaxOpenOrders = MaxOpenOrders ?? defaults.MaxOpenOrders,
            PriceBandBps = PriceBandBps ?? defaults.PriceBandBps,
        };
    }
}
