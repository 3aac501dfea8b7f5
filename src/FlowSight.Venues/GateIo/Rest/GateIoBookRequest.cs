namespace FlowSight.Venues.GateIo.Rest;

/// <summary>Asks for an order-book snapshot with its update id (<c>order_book?with_id=true</c>).</summary>
/// <param name="Market">Spot or USDT futures.</param>
/// <param name="Name">The currency pair or contract, e.g. <c>BTC_USDT</c>.</param>
public sealed record GateIoBookRequest(GateIoMarket Market, string Name)
{
    /// <summary>Levels per side (Gate's own default is 10; the recorded snapshots ask for 100).</summary>
    public int Limit { get; init; } = 100;
}
