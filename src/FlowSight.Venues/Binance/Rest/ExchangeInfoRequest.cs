namespace FlowSight.Venues.Binance.Rest;

/// <summary>Asks for <c>exchangeInfo</c>: every symbol, or only <see cref="Symbols"/>.</summary>
public sealed record ExchangeInfoRequest
{
    /// <summary>
    /// The symbols wanted (Binance's spelling, e.g. <c>BTCUSDT</c>); empty for all. Spot filters on the server
    /// (<c>symbols=[...]</c>); the futures endpoints take no filter, so the client filters their answer.
    /// </summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];
}
