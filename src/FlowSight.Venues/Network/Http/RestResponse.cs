using System.Net;

namespace FlowSight.Venues.Network.Http;

/// <summary>A successful REST response, read to the end.</summary>
/// <param name="Request">The request it answers.</param>
/// <param name="StatusCode">The HTTP status (2xx).</param>
/// <param name="Body">The body bytes as received.</param>
/// <param name="SentAt">When the successful attempt was handed to the socket, Unix nanoseconds on the client's clock.</param>
/// <param name="ReceivedAt">When its response headers arrived, Unix nanoseconds on the client's clock.</param>
/// <param name="Attempts">How many attempts it took (1 without retries).</param>
public sealed record RestResponse(RestRequest Request, HttpStatusCode StatusCode, ReadOnlyMemory<byte> Body, long SentAt, long ReceivedAt, int Attempts);
