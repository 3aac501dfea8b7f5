using FlowSight.PaperVenue.Hosting;
using Microsoft.AspNetCore.Http;

namespace FlowSight.PaperVenue.Binance.Rest;

/// <summary>One authenticated (or public) REST request as a handler sees it.</summary>
/// <param name="Http">The HTTP exchange.</param>
/// <param name="Parameters">Query and body parameters.</param>
/// <param name="Credential">The caller's key for API-key and signed endpoints; null on public ones.</param>
public sealed record BinanceRestCall(HttpContext Http, BinanceParameters Parameters, PaperCredential? Credential)
{
    /// <summary>The caller's account (signed endpoints only).</summary>
    public int AccountId => Credential?.AccountId ?? throw new InvalidOperationException("A public endpoint has no account.");
}
