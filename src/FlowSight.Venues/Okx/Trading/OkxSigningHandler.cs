using System.Text;
using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.Okx.Trading;

/// <summary>
/// Signs each attempt of a private REST call just before it leaves, so a retried call carries a fresh timestamp
/// (OKX refuses one more than 30 seconds old): the path and query as sent, the body from the attempt's
/// <see cref="RestRequest"/>.
/// </summary>
internal sealed class OkxSigningHandler(OkxExecutionClientOptions options, OkxRequestSigner signer, TimeProvider time, HttpMessageHandler inner)
    : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Options.TryGetValue(RestRequest.OptionsKey, out var call) ? call.Body : default;
        var timestamp = OkxRequestSigner.Timestamp(time.GetUtcNow());
        Span<byte> signature = stackalloc byte[OkxRequestSigner.SignatureLength];
        var length = signer.Sign(timestamp, request.Method.Method, request.RequestUri!.PathAndQuery, body.Span, signature);
        request.Headers.TryAddWithoutValidation("OK-ACCESS-KEY", options.ApiKey);
        request.Headers.TryAddWithoutValidation("OK-ACCESS-SIGN", Encoding.ASCII.GetString(signature[..length]));
        request.Headers.TryAddWithoutValidation("OK-ACCESS-TIMESTAMP", timestamp);
        request.Headers.TryAddWithoutValidation("OK-ACCESS-PASSPHRASE", options.Passphrase);
        if (options.DemoTrading)
        {
            request.Headers.TryAddWithoutValidation("x-simulated-trading", "1");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
