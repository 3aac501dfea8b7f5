namespace FlowSight.Engine.Sizing;

/// <summary>
/// The Kelly criterion for a bet won with probability p paying b per unit lost: f* = p − (1 − p) ÷ b of equity, times
/// a fractional-Kelly factor (full Kelly is too volatile for estimated edges), capped. No edge (f* ≤ 0) trades nothing.
/// </summary>
public sealed class KellySizer : IPositionSizer
{
    private readonly decimal _winRate;
    private readonly decimal _winLossRatio;
    private readonly decimal _kellyFactor;
    private readonly decimal _maxFraction;

    /// <summary>A Kelly sizer.</summary>
    /// <param name="winRate">p, the probability a trade wins, in [0, 1].</param>
    /// <param name="winLossRatio">b, the average win over the average loss; positive.</param>
    /// <param name="kellyFactor">The fraction of full Kelly to use, in (0, 1] (0.5 = half Kelly).</param>
    /// <param name="maxFraction">The largest fraction of equity to commit, in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of its range.</exception>
    public KellySizer(decimal winRate, decimal winLossRatio, decimal kellyFactor = 0.5m, decimal maxFraction = 0.25m)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(winRate, 0m);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(winRate, 1m);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(winLossRatio, 0m);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(kellyFactor, 0m);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(kellyFactor, 1m);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxFraction, 0m);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFraction, 1m);
        _winRate = winRate;
        _winLossRatio = winLossRatio;
        _kellyFactor = kellyFactor;
        _maxFraction = maxFraction;
    }

    /// <summary>f* = p − (1 − p) ÷ b, before the factor and the cap.</summary>
    public decimal FullKelly => _winRate - ((1m - _winRate) / _winLossRatio);

    /// <summary>The fraction of equity used: max(0, min(f* × factor, cap)).</summary>
    public decimal Fraction => FullKelly <= 0m ? 0m : Math.Min(FullKelly * _kellyFactor, _maxFraction);

    /// <inheritdoc/>
    public SizingResult Size(in SizingRequest request)
    {
        if (!SizingRules.CheckInputs(request, needsEquity: true, out var refusal))
        {
            return refusal;
        }

        var kelly = FullKelly;
        if (kelly <= 0m)
        {
            return SizingRules.Zero(
                request.Instrument,
                $"no edge: win rate {SizingRules.Format(_winRate)} and win/loss {SizingRules.Format(_winLossRatio)} give Kelly f* = {SizingRules.Format(Math.Round(kelly, 6))}");
        }

        var notional = request.Equity * Fraction;
        return SizingRules.Finish(request.Instrument, SizingRules.QuantityForNotional(request.Instrument, notional, request.Price), request.Price);
    }
}
