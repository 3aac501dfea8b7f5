using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FlowSight.PaperVenue.Hosting;

/// <summary>One venue's wire protocol on the paper venue: its routes, feeds and error format.</summary>
public interface IPaperProtocol
{
    /// <summary>Maps the REST routes and WebSocket endpoints, and registers the feeds with the exchange.</summary>
    void Map(WebApplication app);

    /// <summary>
    /// The addresses a client needs, by name (e.g. <c>rest</c>, <c>ws</c>, <c>ws-private</c>), given the server's
    /// base address (<c>http://127.0.0.1:PORT</c>).
    /// </summary>
    IReadOnlyList<KeyValuePair<string, Uri>> Endpoints(Uri baseAddress);

    /// <summary>
    /// Writes the venue's error for an unknown route (<paramref name="exception"/> null) or a failure no handler
    /// caught: never a 500 page or a stack trace.
    /// </summary>
    Task WriteErrorAsync(HttpContext context, Exception? exception);
}
