namespace FlowSight.Core;

/// <summary>
/// The trading rules of one instrument, as the venue publishes them (Binance <c>exchangeInfo</c>, OKX
/// <c>public/instruments</c>, Gate.io contracts and currency pairs). Prices of this instrument carry
/// <see cref="PricePrecision"/> decimals and quantities <see cref="SizePrecision"/>.
/// </summary>
public sealed record Instrument
{
    /// <summary>FlowSight's id, e.g. <c>BTCUSDT-PERP.BINANCE</c>.</summary>
    public required InstrumentId Id { get; init; }

    /// <summary>The venue's own symbol, e.g. <c>BTCUSDT</c>, <c>BTC-USDT-SWAP</c>, <c>BTC_USDT</c>.</summary>
    public required string VenueSymbol { get; init; }

    /// <summary>Spot, perpetual or dated future.</summary>
    public required InstrumentKind Kind { get; init; }

    /// <summary>The asset bought or sold, e.g. <c>BTC</c>.</summary>
    public required string BaseAsset { get; init; }

    /// <summary>The asset prices are quoted in, e.g. <c>USDT</c>.</summary>
    public required string QuoteAsset { get; init; }

    /// <summary>The asset margin and PnL settle in (the quote asset for linear contracts, the base for inverse).</summary>
    public string SettleAsset { get; init; } = string.Empty;

    /// <summary>True for inverse (coin-margined) contracts whose PnL is in the base asset.</summary>
    public bool IsInverse { get; init; }

    /// <summary>The smallest price increment.</summary>
    public required Price TickSize { get; init; }

    /// <summary>The smallest quantity increment (in contracts where the venue quotes contracts).</summary>
    public required Quantity StepSize { get; init; }

    /// <summary>The smallest order quantity.</summary>
    public required Quantity MinQuantity { get; init; }

    /// <summary>The largest limit-order quantity, if the venue sets one.</summary>
    public Quantity? MaxQuantity { get; init; }

    /// <summary>The smallest order value (price × quantity × multiplier) in the quote asset; zero when none.</summary>
    public Money MinNotional { get; init; }

    /// <summary>
    /// Units of the base asset per contract (1 for spot and Binance linear contracts, OKX <c>ctVal</c>,
    /// Gate.io <c>quanto_multiplier</c>).
    /// </summary>
    public decimal ContractMultiplier { get; init; } = 1m;

    /// <summary>The highest leverage the venue allows; 1 for spot.</summary>
    public decimal MaxLeverage { get; init; } = 1m;

    /// <summary>The maker fee rate (negative for a rebate), e.g. 0.0002.</summary>
    public decimal MakerFee { get; init; }

    /// <summary>The taker fee rate, e.g. 0.0005.</summary>
    public decimal TakerFee { get; init; }

    /// <summary>Expiry in Unix nanoseconds for dated futures; null otherwise.</summary>
    public long? Expiry { get; init; }

    /// <summary>Decimals of this instrument's prices: the tick size's significant decimals.</summary>
    public byte PricePrecision => SignificantDecimals(TickSize.ToDecimal());

    /// <summary>Decimals of this instrument's quantities: the step size's significant decimals.</summary>
    public byte SizePrecision => SignificantDecimals(StepSize.ToDecimal());

    /// <summary>Checks the spec is self-consistent and returns every problem found (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Id.IsDefault)
        {
            errors.Add("Id is required.");
        }

        if (string.IsNullOrWhiteSpace(VenueSymbol))
        {
            errors.Add("VenueSymbol is required.");
        }

        if (string.IsNullOrWhiteSpace(BaseAsset) || string.IsNullOrWhiteSpace(QuoteAsset))
        {
            errors.Add("BaseAsset and QuoteAsset are required.");
        }

        if (TickSize.Raw <= 0)
        {
            errors.Add($"TickSize must be positive, was {TickSize}.");
        }

        if (StepSize.Raw <= 0)
        {
            errors.Add($"StepSize must be positive, was {StepSize}.");
        }

        if (MinQuantity.ToDecimal() < 0m)
        {
            errors.Add($"MinQuantity must not be negative, was {MinQuantity}.");
        }

        if (MaxQuantity is { } max && max.ToDecimal() < MinQuantity.ToDecimal())
        {
            errors.Add($"MaxQuantity {max} is below MinQuantity {MinQuantity}.");
        }

        if (ContractMultiplier <= 0m)
        {
            errors.Add($"ContractMultiplier must be positive, was {ContractMultiplier}.");
        }

        if (MaxLeverage < 1m)
        {
            errors.Add($"MaxLeverage must be at least 1, was {MaxLeverage}.");
        }

        if (Kind == InstrumentKind.Spot && (MaxLeverage != 1m || IsInverse))
        {
            errors.Add("A spot instrument has no leverage and is never inverse.");
        }

        if (Kind == InstrumentKind.DatedFuture && Expiry is null)
        {
            errors.Add("A dated future needs an Expiry.");
        }

        return errors;
    }

    /// <summary>Throws when <see cref="Validate"/> finds problems.</summary>
    /// <exception cref="ArgumentException">The spec is inconsistent; the message lists every problem.</exception>
    public Instrument EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Instrument {Id} is invalid: {string.Join(" ", errors)}");
        }

        return this;
    }

    private static byte SignificantDecimals(decimal value)
    {
        value /= 1.000000000000000000000000000000000m; // strips trailing zeros from the decimal's scale
        return (byte)value.Scale;
    }
}
