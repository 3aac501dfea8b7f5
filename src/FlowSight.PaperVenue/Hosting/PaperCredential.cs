namespace FlowSight.PaperVenue.Hosting;

/// <summary>One API key of the paper venue and the simulated account it trades.</summary>
/// <param name="ApiKey">The key clients send (Binance <c>X-MBX-APIKEY</c>, OKX <c>OK-ACCESS-KEY</c>).</param>
/// <param name="Secret">The HMAC secret requests are signed with.</param>
/// <param name="Passphrase">OKX's passphrase; null for Binance.</param>
/// <param name="AccountId">The simulated account (positive; negative ids belong to the synthetic market's participants).</param>
public sealed record PaperCredential(string ApiKey, string Secret, string? Passphrase, int AccountId);
