namespace FlowSight.Venues.Okx.Trading;

/// <summary>
/// What OKX answered to one order-entry request (REST or WebSocket), or that nobody knows.
/// </summary>
/// <param name="Succeeded">The venue took the request (<c>sCode</c> 0).</param>
/// <param name="FateUnknown">Sent, but no answer: the venue may or may not have acted.</param>
/// <param name="Code">OKX's <c>sCode</c> (or the envelope's <c>code</c> when the whole request failed).</param>
/// <param name="Message">OKX's <c>sMsg</c>/<c>msg</c>, or what went wrong on our side.</param>
/// <param name="OrdId">OKX's order id, when it gave one.</param>
internal readonly record struct OkxOrderResult(bool Succeeded, bool FateUnknown, string? Code, string Message, string? OrdId)
{
    public static OkxOrderResult Unknown(string message) => new(false, true, null, message, null);

    public static OkxOrderResult Refused(string? code, string message) => new(false, false, code, message, null);
}
