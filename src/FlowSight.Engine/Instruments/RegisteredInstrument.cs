using FlowSight.Core;

namespace FlowSight.Engine.Instruments;

/// <summary>
/// One venue instrument in the <see cref="InstrumentRegistry"/>: its spec, its common key and how its quantities and
/// prices convert to the common units.
/// </summary>
public sealed record RegisteredInstrument
{
    internal RegisteredInstrument(Instrument spec, CommonInstrumentKey key, int unitExponent, decimal sizeMultiplier, string sizeAsset)
    {
        Spec = spec;
        Key = key;
        UnitExponent = unitExponent;
        SizeMultiplier = sizeMultiplier;
        SizeAsset = sizeAsset;
        (MultiplierMantissa, MultiplierScale) = ExactDecimal.Decompose(sizeMultiplier);
        VenuePricePrecision = spec.PricePrecision;
        VenueSizePrecision = spec.SizePrecision;
        StepRaw = spec.StepSize.Raw / ExactDecimal.Pow10[spec.StepSize.Precision - VenueSizePrecision];
    }

    /// <summary>The venue's spec.</summary>
    public Instrument Spec { get; }

    /// <summary>The venue instrument's id.</summary>
    public InstrumentId Id => Spec.Id;

    /// <summary>What the instrument is across venues.</summary>
    public CommonInstrumentKey Key { get; }

    /// <summary>
    /// The power of ten of common base units in one venue base unit: 3 for Binance's <c>1000SHIB</c>, else 0.
    /// Common prices are venue prices ÷ 10^UnitExponent.
    /// </summary>
    public int UnitExponent { get; }

    /// <summary>
    /// Common size units per unit of venue quantity: <see cref="Instrument.ContractMultiplier"/> × 10^<see cref="UnitExponent"/>
    /// (1 for spot and Binance linear contracts, 0.01 for OKX <c>BTC-USDT-SWAP</c>, 0.0001 for Gate.io <c>BTC_USDT</c>,
    /// 1,000 for Binance <c>1000SHIBUSDT</c>; for inverse contracts the USD value of one contract).
    /// </summary>
    public decimal SizeMultiplier { get; }

    /// <summary>The asset normalised sizes count: the base asset, or for inverse contracts the contract's quote currency.</summary>
    public string SizeAsset { get; }

    /// <summary><see cref="SizeMultiplier"/> = mantissa × 10^-scale, trailing zeros removed (the scale may be negative).</summary>
    internal long MultiplierMantissa { get; }

    internal int MultiplierScale { get; }

    internal byte VenuePricePrecision { get; }

    internal byte VenueSizePrecision { get; }

    /// <summary>The step size's raw value at <see cref="VenueSizePrecision"/>.</summary>
    internal long StepRaw { get; }

    /// <summary>The decimals a common size needs to hold any venue quantity of this instrument exactly.</summary>
    internal int RequiredSizePrecision => Math.Max(0, VenueSizePrecision + MultiplierScale);

    /// <summary>The decimals a common price needs to hold any venue price of this instrument exactly.</summary>
    internal int RequiredPricePrecision => VenuePricePrecision + UnitExponent;
}
