namespace FlowSight.Venues.Okx.Rest;

/// <summary>Asks for the instruments of one type (<c>public/instruments</c>).</summary>
/// <param name="Type">SPOT, SWAP or FUTURES.</param>
public sealed record OkxInstrumentsRequest(OkxInstrumentType Type)
{
    /// <summary>Only this instrument family (<c>instFamily</c>, e.g. <c>BTC-USD</c>); null for all.</summary>
    public string? InstrumentFamily { get; init; }

    /// <summary>Only this instrument (<c>instId</c>); null for all.</summary>
    public string? InstId { get; init; }
}
