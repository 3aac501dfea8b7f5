namespace FlowSight.PaperVenue.Binance.Rest;

/// <summary>An endpoint's security type, as Binance's docs label it.</summary>
public enum BinanceSecurity
{
    /// <summary>Public market data: no key.</summary>
    None = 0,

    /// <summary>API key only (<c>X-MBX-APIKEY</c>), no signature (MARKET_DATA / USER_STREAM).</summary>
    ApiKey = 1,

    /// <summary>API key, <c>timestamp</c>, <c>recvWindow</c> and an HMAC-SHA256 <c>signature</c> (TRADE / USER_DATA).</summary>
    Signed = 2,
}
