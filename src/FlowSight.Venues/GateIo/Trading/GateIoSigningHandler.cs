using System.Globalization;
using System.Text;
using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.GateIo.Trading;

/// <summary>
/// Signs each attempt of a private REST call just before it leaves, so a retried call carries a fresh
/// <c>Timestamp</c> (Gate refuses one more than 60 seconds off): the path and query exactly as sent, the body from the
/// attempt's <see cref="RestRequest"/>.
/// </summary>
internal sealed class GateIoSigningHandler(string apiKey, GateIoRequestSigner signer, TimeProvider time, HttpMessageHandler inner)
    : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Options.TryGetValue(RestRequest.OptionsKey, out var call) ? call.Body : default;
        var uri = request.RequestUri!;
        var query = uri.Query.Length > 0 ? uri.Query.AsSpan(1) : default;
        var seconds = time.GetUtcNow().ToUnixTimeSeconds();
        Span<byte> signature = stackalloc byte[GateIoRequestSigner.SignatureLength];
        signer.Sign(request.Method.Method, uri.AbsolutePath, query, body.Span, seconds, signature);
        request.Headers.TryAddWithoutValidation("KEY", apiKey);
        request.Headers.TryAddWithoutValidation("Timestamp", seconds.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("SIGN", Encoding.ASCII.GetString(signature));
        return base.SendAsync(request, cancellationToken);
    }
}
