namespace FlowSight.Engine.Sizing;

/// <summary>Always the same quantity (in the instrument's unit), on the step grid.</summary>
/// <param name="quantity">The quantity to trade.</param>
public sealed class FixedQuantitySizer(decimal quantity) : IPositionSizer
{
    /// <inheritdoc/>
    public SizingResult Size(in SizingRequest request) =>
        SizingRules.CheckInputs(request, needsEquity: false, out var refusal)
            ? SizingRules.Finish(request.Instrument, quantity, request.Price)
            : refusal;
}
