namespace FlowSight.Engine.Sizing;

/// <summary>The quantity worth a fixed notional in the quote asset at the reference price.</summary>
/// <param name="notional">The order value, e.g. 1,000 USDT.</param>
public sealed class FixedNotionalSizer(decimal notional) : IPositionSizer
{
    /// <inheritdoc/>
    public SizingResult Size(in SizingRequest request) =>
        SizingRules.CheckInputs(request, needsEquity: false, out var refusal)
            ? SizingRules.Finish(request.Instrument, SizingRules.QuantityForNotional(request.Instrument, notional, request.Price), request.Price)
            : refusal;
}
