namespace FlowSight.Venues.Okx.Rest;

/// <summary>Asks for an order-book snapshot (<c>market/books</c>).</summary>
/// <param name="InstId">OKX's instrument id, e.g. <c>BTC-USDT-SWAP</c>.</param>
public sealed record OkxBookRequest(string InstId)
{
    /// <summary>Levels per side, 1–400 (OKX's default is 1).</summary>
    public int Depth { get; init; } = 400;
}
