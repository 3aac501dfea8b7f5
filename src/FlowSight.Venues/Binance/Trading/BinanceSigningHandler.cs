using System.Buffers;
using System.Text;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>
/// Adds <c>X-MBX-APIKEY</c> to every request of a trading client and signs every request but the listen-key ones
/// (USER_STREAM: key only) at the moment it is handed to the socket: <c>recvWindow</c>, a fresh <c>timestamp</c> and
/// the <c>signature</c> are appended to the query then, so a request that waited for a rate-limit window or a 429
/// block, or is retried, never goes out with a stale timestamp (-1021).
/// </summary>
internal sealed class BinanceSigningHandler(BinanceRequestSigner signer, string unsignedPath, int recvWindowMs, TimeProvider time, HttpMessageHandler inner)
    : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation(BinanceRequestSigner.ApiKeyHeader, signer.ApiKey);
        if (request.RequestUri is { } uri && !string.Equals(uri.AbsolutePath, unsignedPath, StringComparison.Ordinal))
        {
            request.RequestUri = Sign(uri);
        }

        return base.SendAsync(request, cancellationToken);
    }

    private Uri Sign(Uri uri)
    {
        var query = uri.Query.Length > 0 ? uri.Query[1..] : string.Empty;
        var buffer = ArrayPool<byte>.Shared.Rent(query.Length + 256);
        try
        {
            var length = Encoding.ASCII.GetBytes(query, buffer);
            var writer = new BinanceQueryWriter(buffer, length);
            BinanceOrderEncoder.WriteTiming(ref writer, recvWindowMs, time.GetUtcNow().ToUnixTimeMilliseconds());
            // A new order of a known kind begins with that kind's hashed blocks: only the rest is hashed.
            length = signer.AppendSignature(buffer, writer.Length, signer.Templates?.FindPrefix(buffer.AsSpan(0, writer.Length)));
            return new Uri(string.Concat(uri.GetLeftPart(UriPartial.Path), "?", Encoding.ASCII.GetString(buffer, 0, length)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
