namespace FlowSight.Venues.Network.Http;

/// <summary>A venue's error payload: its code and message (Binance <c>{"code":-1121,"msg":"Invalid symbol."}</c>).</summary>
/// <param name="Code">The venue's error code as text (Binance <c>-1121</c>, OKX <c>51000</c>, Gate.io <c>INVALID_PARAM</c>).</param>
/// <param name="Message">The venue's message.</param>
public readonly record struct VenueErrorBody(string Code, string Message);
