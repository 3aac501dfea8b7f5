
namespace FlowSight.Core;

/// <summary>
/// The leverage brackets of one instrument, smallest notional first: which leverage a position of a given notional may
/// use and what maintenance margin it needs. Maintenance amounts are derived from the tiers, so a table can never be
/// inconsistent. Shared by the simulated venue (FlowSight.Simulator) and the engine's portfolio, so both compute
/// maintenance margin and liquidation prices from the same tiers.
/// </summary>
public sealed class LeverageBracketTable
{
    /// <summary>Decimals of every notional and maintenance amount the table takes or returns as a raw long (USDT to 8 decimals).</summary>
    public const byte AmountPrecision = 8;

    private readonly LeverageBracket[] _brackets;
    private readonly long[] _capRaw;
    private readonly long[] _rateNumerators;
    private readonly long[] _rateDenominators;
    private readonly long[] _cumRaw;

    private LeverageBracketTable(LeverageBracket[] brackets)
    {
        _brackets = brackets;
        _capRaw = new long[brackets.Length];
        _rateNumerators = new long[brackets.Length];
        _rateDenominators = new long[brackets.Length];
        _cumRaw = new long[brackets.Length];
        for (var i = 0; i < brackets.Length; i++)
        {
            _capRaw[i] = brackets[i].NotionalCap.Raw;
            (_rateNumerators[i], _rateDenominators[i]) = Split(brackets[i].MaintenanceMarginRate);
            _cumRaw[i] = brackets[i].MaintenanceAmount.Raw;
        }
    }

    /// <summary>The tiers, bracket 1 first.</summary>
    public IReadOnlyList<LeverageBracket> Brackets => _brackets;

    /// <summary>The highest leverage of any tier (bracket 1's).</summary>
    public int MaxLeverage => _brackets[0].MaxLeverage;

    /// <summary>The largest position notional the table allows at all.</summary>
    public Money MaxNotional => _brackets[^1].NotionalCap;

    /// <summary>
    /// Builds a table from (notional cap, max leverage, maintenance margin rate) tiers, smallest cap first; floors are
    /// the previous caps and maintenance amounts follow from cum(n) = cum(n−1) + floor(n) × (rate(n) − rate(n−1)).
    /// </summary>
    /// <exception cref="ArgumentException">Caps not increasing, leverage not decreasing, or rates not increasing.</exception>
    public static LeverageBracketTable Create(IReadOnlyList<(decimal NotionalCap, int MaxLeverage, decimal MaintenanceMarginRate)> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        if (tiers.Count == 0)
        {
            throw new ArgumentException("A bracket table needs at least one tier.", nameof(tiers));
        }

        var brackets = new LeverageBracket[tiers.Count];
        var floor = 0m;
        var cum = 0m;
        var previousRate = 0m;
        for (var i = 0; i < tiers.Count; i++)
        {
            var (cap, leverage, rate) = tiers[i];
            if (cap <= floor || leverage < 1 || rate <= 0m || rate >= 1m
                || (i > 0 && (leverage > brackets[i - 1].MaxLeverage || rate < previousRate)))
            {
                throw new ArgumentException($"Tier {i + 1} ({cap}, {leverage}x, {rate}) does not follow the previous one.", nameof(tiers));
            }

            cum += floor * (rate - previousRate);
            brackets[i] = new LeverageBracket(
                i + 1,
                Money.FromDecimal(floor, AmountPrecision),
                Money.FromDecimal(cap, AmountPrecision),
                leverage,
                rate,
                Money.FromDecimal(cum, AmountPrecision));
            floor = cap;
            previousRate = rate;
        }

        return new LeverageBracketTable(brackets);
    }

    /// <summary>
    /// Binance's BTCUSDT USDⓈ-M brackets (the published <c>leverageBracket</c> tiers: 125× to 50,000 USDT at 0.4 %,
    /// down to 1× to 500,000,000 USDT at 50 %; maintenance amounts 0, 50, 1,300, 16,300, … 100,016,300).
    /// </summary>
    public static LeverageBracketTable BinanceBtcUsdt() => Create(
    [
        (50_000m, 125, 0.004m),
        (250_000m, 100, 0.005m),
        (1_000_000m, 50, 0.01m),
        (10_000_000m, 20, 0.025m),
        (20_000_000m, 10, 0.05m),
        (50_000_000m, 5, 0.10m),
        (100_000_000m, 4, 0.125m),
        (200_000_000m, 3, 0.15m),
        (300_000_000m, 2, 0.25m),
        (500_000_000m, 1, 0.50m),
    ]);

    /// <summary>
    /// A table in the shape Binance uses for smaller perpetuals, starting at <paramref name="maxLeverage"/>: leverage
    /// steps down through 100/75/50/25/20/10/5/4/3/2/1 as the notional cap grows (5,000 … 250,000,000), and the
    /// maintenance margin rate is half the initial margin rate, 0.5 / leverage (rounded to 6 decimals), as in Binance's tiers.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLeverage"/> is below 1 or above 125.</exception>
    public static LeverageBracketTable Generic(int maxLeverage)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLeverage, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLeverage, 125);
        int[] ladder = [100, 75, 50, 25, 20, 10, 5, 4, 3, 2, 1];
        decimal[] caps = [5_000m, 25_000m, 100_000m, 250_000m, 1_000_000m, 2_500_000m, 5_000_000m, 10_000_000m, 25_000_000m, 50_000_000m, 100_000_000m, 250_000_000m];
        var tiers = new List<(decimal, int, decimal)> { (caps[0], maxLeverage, HalfInitialRate(maxLeverage)) };
        foreach (var leverage in ladder)
        {
            if (leverage < maxLeverage)
            {
                tiers.Add((caps[tiers.Count], leverage, HalfInitialRate(leverage)));
            }
        }

        return Create(tiers);

        static decimal HalfInitialRate(int leverage) => Math.Round(0.5m / leverage, 6, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Maintenance margin of a position of <paramref name="notionalRaw"/> (raw at <see cref="AmountPrecision"/>):
    /// notional × rate, rounded up, minus the tier's maintenance amount.
    /// </summary>
    public long MaintenanceMarginRaw(long notionalRaw)
    {
        var i = IndexOf(notionalRaw);
        var product = (Int128)notionalRaw * _rateNumerators[i];
        var quotient = product / _rateDenominators[i];
        if (product - (quotient * _rateDenominators[i]) > 0)
        {
            quotient++;
        }

        return checked((long)quotient) - _cumRaw[i];
    }

    /// <summary>The tier index for a notional of <paramref name="notionalRaw"/> (raw at <see cref="AmountPrecision"/>); the last tier beyond the last cap.</summary>
    public int IndexOf(long notionalRaw)
    {
        var i = 0;
        while (i < _capRaw.Length - 1 && notionalRaw >= _capRaw[i])
        {
            i++;
        }

        return i;
    }

    /// <summary>Tier <paramref name="index"/>'s maintenance margin rate as an integer over a power of ten, for exact integer maths.</summary>
    public (long Numerator, long Denominator) MaintenanceRateAt(int index) => (_rateNumerators[index], _rateDenominators[index]);

    /// <summary>Tier <paramref name="index"/>'s maintenance amount (<c>cum</c>), raw at <see cref="AmountPrecision"/>.</summary>
    public long MaintenanceAmountRawAt(int index) => _cumRaw[index];

    /// <summary>The tier for a position of <paramref name="notional"/> (the last tier beyond the last cap).</summary>
    public LeverageBracket Find(Money notional)
    {
        foreach (var bracket in _brackets)
        {
            if (notional < bracket.NotionalCap)
            {
                return bracket;
            }
        }

        return _brackets[^1];
    }

    /// <summary>
    /// The largest position notional allowed at <paramref name="leverage"/> (Binance −2027 "Exceeded the maximum
    /// allowable position at current leverage"): the cap of the last tier whose max leverage is at least that; zero
    /// when no tier allows it.
    /// </summary>
    public Money MaxNotionalAt(int leverage)
    {
        var max = Money.Zero(AmountPrecision);
        foreach (var bracket in _brackets)
        {
            if (bracket.MaxLeverage >= leverage)
            {
                max = bracket.NotionalCap;
            }
        }

        return max;
    }

    private static (long Numerator, long Denominator) Split(decimal rate)
    {
        rate /= 1.000000000000000000000000000000000m; // drop trailing zeros
        if (rate.Scale > 18)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "A maintenance margin rate needs at most 18 decimals.");
        }

        var denominator = 1L;
        for (var i = 0; i < rate.Scale; i++)
        {
            denominator *= 10;
        }

        return ((long)(rate * denominator), denominator);
    }
}
