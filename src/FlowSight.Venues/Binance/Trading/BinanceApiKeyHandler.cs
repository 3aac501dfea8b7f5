namespace FlowSight.Venues.Binance.Trading;

/// <summary>Adds <c>X-MBX-APIKEY</c> to every request of a trading client (the signature itself is in the query).</summary>
internal sealed class BinanceApiKeyHandler(string apiKey, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation(BinanceRequestSigner.ApiKeyHeader, apiKey);
        return base.SendAsync(request, cancellationToken);
    }
}
