namespace FlowSight.Venues.Binance.Rest;

/// <summary>Asks for an order-book snapshot (<c>depth</c>).</summary>
/// <param name="Symbol">Binance's symbol, e.g. <c>BTCUSDT</c>.</param>
public sealed record DepthRequest(string Symbol)
{
    /// <summary>
    /// Levels per side: spot 1–5000; futures one of 5, 10, 20, 50, 100, 500, 1000. The weight grows with it
    /// (<see cref="BinanceRequestWeights.Depth"/>).
    /// </summary>
    public int Limit { get; init; } = 1000;
}
