using System.Text.Json;
using FlowSight.PaperVenue.Hosting;

namespace FlowSight.PaperVenue.Okx.Rest;

/// <summary>One REST call after authentication: who (private calls), its parameters and, for POST, the JSON body.</summary>
/// <param name="Credential">The caller's key (null on public endpoints).</param>
/// <param name="Parameters">Query parameters (GET) or the body object (POST with an object body).</param>
/// <param name="Body">The parsed body of a POST (an object or, for batch endpoints, an array); default for GET.</param>
internal sealed record OkxCall(PaperCredential? Credential, OkxParameters Parameters, JsonElement Body)
{
    /// <summary>The caller's account (private endpoints only).</summary>
    public int AccountId => Credential?.AccountId ?? throw new InvalidOperationException("A public call has no account.");
}
