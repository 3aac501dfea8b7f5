namespace FlowSight.Engine.Sizing;

/// <summary>
/// Volatility targeting: a notional of equity × target volatility ÷ the instrument's realised volatility (both
/// annualised), so the position contributes about the target volatility to the account; capped at a leverage.
/// </summary>
public sealed class VolatilityTargetSizer : IPositionSizer
{
    private readonly decimal _targetVolatility;
    private readonly decimal _maxLeverage;

    /// <summary>A sizer aiming at <paramref name="targetVolatility"/> (0.2 = 20 % a year), notional at most <paramref name="maxLeverage"/> × equity.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The target is not positive or the cap is not positive.</exception>
    public VolatilityTargetSizer(decimal targetVolatility, decimal maxLeverage = 1m)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(targetVolatility, 0m);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxLeverage, 0m);
        _targetVolatility = targetVolatility;
        _maxLeverage = maxLeverage;
    }

    /// <inheritdoc/>
    public SizingResult Size(in SizingRequest request)
    {
        if (!SizingRules.CheckInputs(request, needsEquity: true, out var refusal))
        {
            return refusal;
        }

        if (request.RealizedVolatility is not { } volatility || volatility <= 0m)
        {
            return SizingRules.Zero(request.Instrument, $"volatility targeting needs a positive realised volatility, got {(request.RealizedVolatility is { } v ? SizingRules.Format(v) : "none")}");
        }

        var leverage = Math.Min(_targetVolatility / volatility, _maxLeverage);
        var notional = request.Equity * leverage;
        return SizingRules.Finish(request.Instrument, SizingRules.QuantityForNotional(request.Instrument, notional, request.Price), request.Price);
    }
}
