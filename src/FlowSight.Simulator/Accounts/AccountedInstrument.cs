using FlowSight.Core;

namespace FlowSight.Simulator.Accounts;

/// <summary>What the accounts keep per instrument: dense asset indices, the bracket table, the mark, and exact notional maths.</summary>
internal sealed class AccountedInstrument
{
    // 10^(8 − price decimals − size decimals) when a notional is a plain integer product; 0 otherwise.
    private readonly long _notionalScale;

    public AccountedInstrument(Instrument instrument, int index, int baseAsset, int quoteAsset, int settleAsset, LeverageBracketTable brackets)
    {
        Instrument = instrument;
        Index = index;
        IsSpot = instrument.Kind == InstrumentKind.Spot;
        BaseAsset = baseAsset;
        QuoteAsset = quoteAsset;
        SettleAsset = settleAsset;
        Brackets = brackets;
        SizePrecision = instrument.SizePrecision;
        PricePrecision = instrument.PricePrecision;
        Multiplier = instrument.ContractMultiplier;
        MakerRate = ScaledRate.From(instrument.MakerFee);
        TakerRate = ScaledRate.From(instrument.TakerFee);
        if (Multiplier == 1m && PricePrecision + SizePrecision <= SimulatedAccounts.MoneyPrecision)
        {
            _notionalScale = 1;
            for (var i = PricePrecision + SizePrecision; i < SimulatedAccounts.MoneyPrecision; i++)
            {
                _notionalScale *= 10;
            }
        }

        if (SizePrecision > SimulatedAccounts.MoneyPrecision || PricePrecision > SimulatedAccounts.MoneyPrecision)
        {
            throw new ArgumentException($"{instrument.Id}: prices and quantities above {SimulatedAccounts.MoneyPrecision} decimals are not supported by the accounts.");
        }
    }

    public Instrument Instrument { get; }

    /// <summary>10^(8 − price decimals − size decimals) when notionals are plain integer products (multiplier 1); 0 otherwise.</summary>
    public long NotionalScale => _notionalScale;

    public ScaledRate MakerRate { get; }

    public ScaledRate TakerRate { get; }

    public int Index { get; }

    public bool IsSpot { get; }

    public int BaseAsset { get; }

    public int QuoteAsset { get; }

    public int SettleAsset { get; }

    public LeverageBracketTable Brackets { get; set; }

    public byte SizePrecision { get; }

    public byte PricePrecision { get; }

    public decimal Multiplier { get; }

    public Price Mark { get; set; }

    public bool HasMark { get; set; }

    public long QuantityRaw(Quantity quantity) => quantity.RoundTo(SizePrecision, RoundingMode.ToEven).Raw;

    public Quantity Quantity(long raw) => Core.Quantity.FromRaw(raw, SizePrecision);

    /// <summary>A base-asset amount at money precision (exact: the size precision is at most 8).</summary>
    public long BaseMoneyRaw(long quantityRaw) => Core.Quantity.FromRaw(quantityRaw, SizePrecision).RoundTo(SimulatedAccounts.MoneyPrecision, RoundingMode.ToEven).Raw;

    /// <summary>price × quantity × multiplier at 8 decimals: exact when the price and size decimals add up to 8 or fewer.</summary>
    public long NotionalRaw(Price price, long quantityRaw)
    {
        if (_notionalScale != 0 && price.Precision == PricePrecision)
        {
            var product = (Int128)price.Raw * quantityRaw * _notionalScale;
            if (product >= long.MinValue && product <= long.MaxValue)
            {
                return (long)product; // exact: no rounding needed
            }
        }

        var notional = price.Notional(Quantity(quantityRaw), SimulatedAccounts.MoneyPrecision, RoundingMode.ToEven);
        return Multiplier == 1m ? notional.Raw : notional.Multiply(Multiplier, SimulatedAccounts.MoneyPrecision, RoundingMode.ToEven).Raw;
    }

    /// <summary>A derived price (bankruptcy, liquidation) on the tick grid, rounded with <paramref name="mode"/>.</summary>
    public Price RoundPrice(decimal value, RoundingMode mode)
    {
        var tick = Instrument.TickSize.ToDecimal();
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
