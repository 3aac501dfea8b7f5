using FlowSight.Core;

namespace FlowSight.Engine.Portfolio;

/// <summary>What the portfolio keeps per instrument: spec, settings, the latest prices, funding schedule and the legs.</summary>
internal sealed class TrackedInstrument
{
    private readonly PositionLeg?[] _legs = new PositionLeg?[3];

    public TrackedInstrument(Instrument spec, LeverageBracketTable brackets, int leverage, AccountBook account)
    {
        Spec = spec;
        Account = account;
        Brackets = brackets;
        Leverage = leverage;
        IsSpot = spec.Kind == InstrumentKind.Spot;
        SettleAsset = string.IsNullOrEmpty(spec.SettleAsset) ? spec.QuoteAsset : spec.SettleAsset;
        SizePrecision = spec.SizePrecision;
        PricePrecision = spec.PricePrecision;
        Multiplier = spec.ContractMultiplier;
        if (Multiplier == 1m && PricePrecision + SizePrecision <= Portfolio.AmountPrecision)
        {
            NotionalScale = 1;
            for (var i = PricePrecision + SizePrecision; i < Portfolio.AmountPrecision; i++)
            {
                NotionalScale *= 10;
            }
        }
    }

    public Instrument Spec { get; }

    /// <summary>The venue account that trades it: fills, fees, funding and PnL move this account's balances.</summary>
    public AccountBook Account { get; set; }

    public InstrumentId Id => Spec.Id;

    public bool IsSpot { get; }

    public string SettleAsset { get; }

    public byte SizePrecision { get; }

    public byte PricePrecision { get; }

    public decimal Multiplier { get; }

    /// <summary>10^(8 − price decimals − size decimals) when a notional is an exact integer product; 0 otherwise.</summary>
    public long NotionalScale { get; }

    public LeverageBracketTable Brackets { get; set; }

    public int Leverage { get; set; }

    public MarginMode MarginMode { get; set; }

    public Price Mark { get; set; }

    public bool HasMark { get; set; }

    public Price LastPrice { get; set; }

    public bool HasLastPrice { get; set; }

    public decimal FundingRate { get; set; }

    public long NextFundingTime { get; set; }

    /// <summary>The last funding time settled, Unix nanoseconds: a later announcement of it is not paid again.</summary>
    public long SettledFundingTime { get; set; }

    /// <summary>The mark, else the last fill or trade price; false when neither was seen.</summary>
    public bool TryGetValuationPrice(out Price price)
    {
        price = HasMark ? Mark : LastPrice;
        return HasMark || HasLastPrice;
    }

    public PositionLeg? LegOrNull(PositionSide side) => _legs[(int)side];

    public PositionLeg Leg(PositionSide side) => _legs[(int)side] ??= new PositionLeg(this, side);

    public long QuantityRaw(Quantity quantity) => quantity.RoundTo(SizePrecision, RoundingMode.ToEven).Raw;

    public Quantity Quantity(long raw) => Core.Quantity.FromRaw(raw, SizePrecision);

    /// <summary>A signed size as a decimal (a <see cref="Core.Quantity"/> is never negative).</summary>
    public decimal SignedSize(long signedRaw) =>
        signedRaw < 0 ? -Core.Quantity.FromRaw(-signedRaw, SizePrecision).ToDecimal() : Core.Quantity.FromRaw(signedRaw, SizePrecision).ToDecimal();

    /// <summary>price × |size| × multiplier at 8 decimals, computed as the paper venue computes it so the two agree to the unit.</summary>
    public long NotionalRaw(Price price, long absSizeRaw)
    {
        if (NotionalScale != 0 && price.Precision == PricePrecision)
        {
            var product = (Int128)price.Raw * absSizeRaw * NotionalScale;
            if (product >= long.MinValue && product <= long.MaxValue)
            {
                return (long)product;
            }
        }

        var notional = price.Notional(Quantity(absSizeRaw), Portfolio.AmountPrecision, RoundingMode.ToEven);
        return Multiplier == 1m ? notional.Raw : notional.Multiply(Multiplier, Portfolio.AmountPrecision, RoundingMode.ToEven).Raw;
    }

    /// <summary>A derived price (liquidation) on the tick grid, rounded with <paramref name="mode"/>.</summary>
    public Price RoundPrice(decimal value, RoundingMode mode)
    {
        var tick = Spec.TickSize.ToDecimal();
        var units = value / tick;
        var whole = mode switch
        {
            RoundingMode.Up => Math.Ceiling(units),
            RoundingMode.Down => Math.Floor(units),
            _ => Math.Round(units, MidpointRounding.ToEven),
        };
        return Price.FromDecimal(whole * tick, PricePrecision);
    }
}
