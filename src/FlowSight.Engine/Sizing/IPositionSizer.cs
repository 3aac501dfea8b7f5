namespace FlowSight.Engine.Sizing;

/// <summary>
/// Turns a strategy's intent into an order quantity. Every sizer rounds down to the instrument's step size and returns
/// zero, with the reason, when the result is below the minimum quantity or minimum notional, so a strategy never sends
/// an order the venue (or the risk engine) would refuse for its size.
/// </summary>
public interface IPositionSizer
{
    /// <summary>The quantity to trade for <paramref name="request"/> (absolute; the strategy picks the side).</summary>
    SizingResult Size(in SizingRequest request);
}
