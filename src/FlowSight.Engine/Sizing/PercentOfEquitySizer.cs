namespace FlowSight.Engine.Sizing;

/// <summary>A notional of a fraction of equity (times a leverage factor for derivatives).</summary>
public sealed class PercentOfEquitySizer : IPositionSizer
{
    private readonly decimal _fraction;
    private readonly decimal _leverage;

    /// <summary>Sizes at <paramref name="fraction"/> of equity (0.05 = 5 %) × <paramref name="leverage"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1] or the leverage is below 1.</exception>
    public PercentOfEquitySizer(decimal fraction, decimal leverage = 1m)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(fraction, 0m);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1m);
        ArgumentOutOfRangeException.ThrowIfLessThan(leverage, 1m);
        _fraction = fraction;
        _leverage = leverage;
    }

    /// <inheritdoc/>
    public SizingResult Size(in SizingRequest request) =>
        SizingRules.CheckInputs(request, needsEquity: true, out var refusal)
            ? SizingRules.Finish(request.Instrument, SizingRules.QuantityForNotional(request.Instrument, request.Equity * _fraction * _leverage, request.Price), request.Price)
            : refusal;
}
