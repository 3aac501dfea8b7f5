namespace FlowSight.Venues.Okx.Rest;

/// <summary>Asks for one derivative's open interest (<c>public/open-interest</c>).</summary>
/// <param name="InstId">A swap or future, e.g. <c>BTC-USDT-SWAP</c>; its type is read from the id.</param>
public sealed record OkxOpenInterestRequest(string InstId);
