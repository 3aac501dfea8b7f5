using FlowSight.Core;

namespace FlowSight.Engine.Instruments;

/// <summary>
/// Instrument specs from every venue, each mapped to a <see cref="CommonInstrumentKey"/>, so "BTC/USDT perpetual on
/// all venues" finds <c>BTCUSDT-PERP.BINANCE</c>, <c>BTC-USDT-SWAP.OKX</c> and <c>BTC_USDT-PERP.GATEIO</c>; and exact
/// conversions between venue quantities (contracts) and common quantities (base asset), and between venue prices and
/// a common precision.
/// </summary>
/// <remarks>
/// <para>The mapping uses only what every venue's REST client fills in the <see cref="Instrument"/> spec: base, quote
/// and settle assets, kind, expiry, <see cref="Instrument.ContractMultiplier"/>, tick and step sizes. Venue asset names
/// pass through <see cref="InstrumentRegistryOptions"/>: aliases (<c>XBT</c> → <c>BTC</c>) and unit prefixes
/// (<c>1000SHIB</c> = 1,000 SHIB).</para>
/// <para>Threading: not synchronised. Build it before the engine starts, or change it only on the engine thread
/// (<c>engine.Post(_ => registry.Register(spec))</c>); read it on the engine thread. <see cref="Version"/> moves on every
/// change, so engine components that cache conversion factors know when to refresh them.</para>
/// </remarks>
public sealed class InstrumentRegistry
{
    private readonly AssetNameResolver _assets;
    private readonly Dictionary<InstrumentId, RegisteredInstrument> _byId = [];
    private readonly Dictionary<CommonInstrumentKey, CommonInstrument> _byKey = [];

    /// <summary>Creates an empty registry.</summary>
    public InstrumentRegistry(InstrumentRegistryOptions? options = null) =>
        _assets = new AssetNameResolver(options ?? new InstrumentRegistryOptions());

    /// <summary>Moves on every registration; compare to know whether cached conversions are current.</summary>
    public int Version { get; private set; }

    /// <summary>Every registered venue instrument.</summary>
    public IReadOnlyCollection<RegisteredInstrument> Instruments => _byId.Values;

    /// <summary>Every common key with at least one venue instrument.</summary>
    public IReadOnlyCollection<CommonInstrument> CommonInstruments => _byKey.Values;

    /// <summary>
    /// Adds a venue instrument, or replaces its spec when the id is already registered (a venue changed its tick size).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The spec is invalid, its assets do not form a common key, or its prices or quantities cannot be expressed exactly
    /// at 9 decimals beside the other venues of its key (the message says which and why); nothing changes then.
    /// </exception>
    public RegisteredInstrument Register(Instrument spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.EnsureValid();
        var entry = Map(spec);

        var ids = _byKey.TryGetValue(entry.Key, out var existing)
            ? existing.Instruments.Where(id => id != spec.Id).Append(spec.Id).Order().ToArray()
            : [spec.Id];
        var members = ids.Select(id => id == spec.Id ? entry : _byId[id]).ToArray();
        var common = Describe(entry.Key, members); // throws before anything changes

        if (_byId.TryGetValue(spec.Id, out var previous) && previous.Key != entry.Key)
        {
            Remove(previous);
        }

        _byId[spec.Id] = entry;
        _byKey[entry.Key] = common;
        Version++;
        return entry;
    }

    /// <summary>Registers every spec; stops at the first invalid one (those before it stay registered).</summary>
    public void RegisterAll(IEnumerable<Instrument> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        foreach (var spec in specs)
        {
            Register(spec);
        }
    }

    /// <summary>The registered venue instrument with this id.</summary>
    public bool TryGet(InstrumentId id, out RegisteredInstrument instrument) => _byId.TryGetValue(id, out instrument!);

    /// <summary>The registered venue instrument with this id.</summary>
    /// <exception cref="KeyNotFoundException">It is not registered.</exception>
    public RegisteredInstrument Get(InstrumentId id) =>
        _byId.TryGetValue(id, out var entry) ? entry : throw new KeyNotFoundException($"Instrument {id} is not in the registry; register its spec first.");

    /// <summary>The common key of a venue instrument.</summary>
    /// <exception cref="KeyNotFoundException">It is not registered.</exception>
    public CommonInstrumentKey KeyOf(InstrumentId id) => Get(id).Key;

    /// <summary>The venues' instruments and common precisions of a key.</summary>
    public bool TryGetCommon(CommonInstrumentKey key, out CommonInstrument common) => _byKey.TryGetValue(key, out common!);

    /// <summary>The venue instruments of a key, ordered by id; empty when none is registered.</summary>
    public IReadOnlyList<InstrumentId> InstrumentsOf(CommonInstrumentKey key) =>
        _byKey.TryGetValue(key, out var common) ? common.Instruments : [];

    /// <summary>The venue instruments of a key given as text, e.g. <c>BTC/USDT-PERP</c>.</summary>
    /// <exception cref="FormatException">The text is not a common key.</exception>
    public IReadOnlyList<InstrumentId> InstrumentsOf(string key) => InstrumentsOf(CommonInstrumentKey.Parse(key));

    /// <summary>The venue instrument of a key on one venue (the first by id if a venue lists two).</summary>
    public bool TryFind(CommonInstrumentKey key, Venue venue, out InstrumentId id)
    {
        foreach (var candidate in InstrumentsOf(key))
        {
            if (candidate.Venue == venue)
            {
                id = candidate;
                return true;
            }
        }

        id = default;
        return false;
    }

    // ---- quantities -------------------------------------------------------------------------------------------

    /// <summary>
    /// A venue quantity (contracts, or base units) as a common quantity in <see cref="CommonInstrument.SizeAsset"/>
    /// at the key's <see cref="CommonInstrument.SizePrecision"/>: quantity × multiplier, exact.
    /// </summary>
    /// <exception cref="ArgumentException">The quantity has more decimals than the common precision can hold, or overflows.</exception>
    public Quantity ToCommonQuantity(InstrumentId id, Quantity venueQuantity)
    {
        if (!TryToCommonQuantity(id, venueQuantity, out var common))
        {
            throw new ArgumentException($"{venueQuantity} of {id} × {Get(id).SizeMultiplier} does not fit {_byKey[Get(id).Key].SizePrecision} decimals exactly.", nameof(venueQuantity));
        }

        return common;
    }

    /// <summary>Like <see cref="ToCommonQuantity"/>, false instead of throwing when not exact or too large.</summary>
    /// <exception cref="KeyNotFoundException">The instrument is not registered.</exception>
    public bool TryToCommonQuantity(InstrumentId id, Quantity venueQuantity, out Quantity common)
    {
        var entry = Get(id);
        var precision = _byKey[entry.Key].SizePrecision;
        if (ExactDecimal.TryScale(venueQuantity.Raw, entry.MultiplierMantissa, precision - venueQuantity.Precision - entry.MultiplierScale, out var raw))
        {
            common = Quantity.FromRaw(raw, precision);
            return true;
        }

        common = default;
        return false;
    }

    /// <summary>
    /// A common quantity as a venue quantity: ÷ multiplier, rounded DOWN to a whole number of steps (never more than
    /// asked), with the common quantity that did not fit.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The instrument is not registered.</exception>
    /// <exception cref="OverflowException">The venue quantity does not fit 64 bits.</exception>
    public ContractQuantity ToVenueQuantity(InstrumentId id, Quantity commonQuantity)
    {
        var entry = Get(id);
        var venuePrecision = entry.VenueSizePrecision;

        // venue raw = R × 10^(s - pb + p) / m; steps = floor(venue raw / step raw).
        var exponent = entry.MultiplierScale - commonQuantity.Precision + venuePrecision;
        Int128 numerator = commonQuantity.Raw;
        Int128 denominator = (Int128)entry.MultiplierMantissa * entry.StepRaw;
        // Checked: a wrapped 128-bit product would floor to a wrong count instead of failing.
        if (exponent >= 0)
        {
            numerator = checked(numerator * ExactDecimal.Pow10Wide[exponent]);
        }
        else
        {
            denominator = checked(denominator * ExactDecimal.Pow10Wide[-exponent]);
        }

        var steps = numerator / denominator; // both non-negative: truncation is the floor
        var venueRaw = checked((long)(steps * entry.StepRaw));
        var venue = Quantity.FromRaw(venueRaw, venuePrecision);

        var common = _byKey[entry.Key];
        var usedPrecision = (byte)Math.Max(commonQuantity.Precision, common.SizePrecision);
        if (!ExactDecimal.TryScale(venueRaw, entry.MultiplierMantissa, usedPrecision - venuePrecision - entry.MultiplierScale, out var usedRaw)
            || !ExactDecimal.TryScale(commonQuantity.Raw, 1, usedPrecision - commonQuantity.Precision, out var askedRaw))
        {
            throw new OverflowException($"{commonQuantity} of {id} does not fit 64 bits at {usedPrecision} decimals.");
        }

        return new ContractQuantity(venue, Quantity.FromRaw(askedRaw - usedRaw, usedPrecision));
    }

    // ---- prices -----------------------------------------------------------------------------------------------

    /// <summary>
    /// A venue price as a common price (per common base unit) at the key's <see cref="CommonInstrument.PricePrecision"/>, exact.
    /// </summary>
    /// <exception cref="ArgumentException">The price has more decimals than the common precision can hold, or overflows.</exception>
    public Price ToCommonPrice(InstrumentId id, Price venuePrice)
    {
        if (!TryToCommonPrice(id, venuePrice, out var common))
        {
            throw new ArgumentException($"Price {venuePrice} of {id} does not fit the common precision of {Get(id).Key} exactly.", nameof(venuePrice));
        }

        return common;
    }

    /// <summary>Like <see cref="ToCommonPrice"/>, false instead of throwing.</summary>
    /// <exception cref="KeyNotFoundException">The instrument is not registered.</exception>
    public bool TryToCommonPrice(InstrumentId id, Price venuePrice, out Price common)
    {
        var entry = Get(id);
        var precision = _byKey[entry.Key].PricePrecision;
        if (ExactDecimal.TryScale(venuePrice.Raw, 1, precision - venuePrice.Precision - entry.UnitExponent, out var raw))
        {
            common = Price.FromRaw(raw, precision);
            return true;
        }

        common = default;
        return false;
    }

    /// <summary>A common price as a venue price on the venue's tick grid, rounded as asked (no rounding is implicit).</summary>
    /// <exception cref="KeyNotFoundException">The instrument is not registered.</exception>
    public Price ToVenuePrice(InstrumentId id, Price commonPrice, RoundingMode mode)
    {
        var entry = Get(id);

        // × 10^u: the same raw at u fewer decimals; below 0 decimals, scale the raw up instead.
        var precision = commonPrice.Precision - entry.UnitExponent;
        var venue = precision >= 0
            ? Price.FromRaw(commonPrice.Raw, (byte)precision)
            : Price.FromRaw(checked(commonPrice.Raw * ExactDecimal.Pow10[-precision]), 0);
        return venue.RoundToIncrement(entry.Spec.TickSize, mode).RoundTo(entry.VenuePricePrecision, RoundingMode.ToEven);
    }

    // ---- mapping ----------------------------------------------------------------------------------------------

    private RegisteredInstrument Map(Instrument spec)
    {
        var baseAsset = _assets.ResolveBase(spec.BaseAsset, out var unitExponent);
        var quoteAsset = _assets.Resolve(spec.QuoteAsset);
        var settle = string.IsNullOrWhiteSpace(spec.SettleAsset)
            ? (spec.IsInverse ? baseAsset : quoteAsset)
            : _assets.Resolve(spec.SettleAsset);
        if (spec.Kind == InstrumentKind.Spot)
        {
            settle = quoteAsset;
        }

        DateOnly? expiry = spec.Kind == InstrumentKind.DatedFuture
            ? DateOnly.FromDateTime(UnixNanos.ToDateTimeOffset(spec.Expiry!.Value).UtcDateTime)
            : null;
        CommonInstrumentKey key;
        try
        {
            key = CommonInstrumentKey.Of(baseAsset, quoteAsset, spec.Kind, settle, expiry);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Instrument {spec.Id} has no common key: {ex.Message}", nameof(spec), ex);
        }

        // Inverse contracts are worth a fixed amount of the quote currency (Binance COIN-M contractSize, OKX ctVal in
        // USD): their sizes normalise to that currency, exactly; a base amount would need the price and lose exactness.
        var sizeMultiplier = spec.IsInverse ? spec.ContractMultiplier : spec.ContractMultiplier * Pow10Decimal(unitExponent);
        var sizeAsset = spec.IsInverse ? quoteAsset : baseAsset;
        return new RegisteredInstrument(spec, key, unitExponent, sizeMultiplier, sizeAsset);
    }

    private static CommonInstrument Describe(CommonInstrumentKey key, RegisteredInstrument[] members)
    {
        var pricePrecision = members.Max(m => m.RequiredPricePrecision);
        var sizePrecision = members.Max(m => m.RequiredSizePrecision);
        if (pricePrecision > Price.MaxPrecision)
        {
            var finest = members.MaxBy(m => m.RequiredPricePrecision)!;
            throw new ArgumentException(
                $"Prices of {key} would need {pricePrecision} decimals ({finest.Id}: tick {finest.Spec.TickSize}, unit 10^{finest.UnitExponent}); FlowSight prices hold at most {Price.MaxPrecision}.");
        }

        if (sizePrecision > Quantity.MaxPrecision)
        {
            var finest = members.MaxBy(m => m.RequiredSizePrecision)!;
            throw new ArgumentException(
                $"Quantities of {key} would need {sizePrecision} decimals ({finest.Id}: step {finest.Spec.StepSize} × multiplier {finest.SizeMultiplier}); FlowSight quantities hold at most {Quantity.MaxPrecision}.");
        }

        var sizeAssets = members.Select(m => m.SizeAsset).Distinct().ToArray();
        if (sizeAssets.Length > 1)
        {
            throw new ArgumentException(
                $"The venue instruments of {key} count sizes in different assets ({string.Join(", ", members.Select(m => $"{m.Id}: {m.SizeAsset}"))}); check their IsInverse flags.");
        }

        return new CommonInstrument(key, members.Select(m => m.Id).ToArray(), (byte)pricePrecision, (byte)sizePrecision, sizeAssets[0]);
    }

    private void Remove(RegisteredInstrument previous)
    {
        var common = _byKey[previous.Key];
        var rest = common.Instruments.Where(id => id != previous.Id).ToArray();
        if (rest.Length == 0)
        {
            _byKey.Remove(previous.Key);
        }
        else
        {
            _byKey[previous.Key] = Describe(previous.Key, rest.Select(id => _byId[id]).ToArray());
        }

        _byId.Remove(previous.Id);
    }

    private static decimal Pow10Decimal(int exponent)
    {
        var value = 1m;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10m;
        }

        return value;
    }
}
