namespace FlowSight.Venues.Network.Http;

/// <summary>One REST call as the venue client describes it: route, query, what it costs and whether it may be retried.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path below the base address, e.g. <c>/fapi/v1/depth</c>.</param>
public sealed record RestRequest(HttpMethod Method, string Path)
{
    /// <summary>Query parameters in order (values unescaped; the client escapes them).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];

    /// <summary>What the request draws from the host's rate-limit pools; reserved before it is sent.</summary>
    public IReadOnlyList<RateLimitCost> Costs { get; init; } = [];

    /// <summary>
    /// True when sending it twice is harmless, so transient failures and rate limits may be retried. Defaults to
    /// true for GET only: a venue's 5xx leaves the outcome of a POST unknown.
    /// </summary>
    public bool IsIdempotent { get; init; } = Method == HttpMethod.Get;

    /// <summary>The body to send (OKX's JSON order requests); empty for none. Sent unchanged on every attempt.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The media type of <see cref="Body"/>.</summary>
    public string BodyContentType { get; init; } = "application/json";

    /// <summary>
    /// Under this key each attempt's <see cref="HttpRequestMessage.Options"/> carries the request, so that a signing
    /// handler (<see cref="VenueRestOptions.HandlerFactory"/>) reads the body it signs without copying it.
    /// </summary>
    public static readonly HttpRequestOptionsKey<RestRequest> OptionsKey = new("FlowSight.RestRequest");

    /// <summary>A short name for logs and errors, e.g. <c>depth</c>; defaults to the path.</summary>
    public string? Name { get; init; }

    /// <summary>The path and escaped query, e.g. <c>/api/v3/depth?symbol=BTCUSDT&amp;limit=1000</c>.</summary>
    public string PathAndQuery
    {
        get
        {
            if (Query.Count == 0)
            {
                return Path;
            }

            var text = new System.Text.StringBuilder(Path).Append('?');
            for (var i = 0; i < Query.Count; i++)
            {
                if (i > 0)
                {
                    text.Append('&');
                }

                text.Append(Uri.EscapeDataString(Query[i].Key)).Append('=').Append(Uri.EscapeDataString(Query[i].Value));
            }

            return text.ToString();
        }
    }

    /// <summary>The name used in logs and errors.</summary>
    public string DisplayName => Name ?? Path;
}
