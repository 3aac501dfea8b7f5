using System.Text;
using System.Text.Json;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Okx.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FlowSight.PaperVenue.Okx.Rest;

/// <summary>
/// Maps OKX REST endpoints with what every call goes through: the per-endpoint rate limit (50011, HTTP 429),
/// for private endpoints the signature check (501xx, HTTP 401), JSON body parsing (50002), and OKX's error
/// envelope for every failure.
/// </summary>
internal sealed class OkxRestPipeline(PaperExchange exchange, OkxAuthenticator authenticator, OkxRateLimiter limiter)
{
    private const int MaxBodyBytes = 1 << 20;

    /// <summary>The exchange.</summary>
    public PaperExchange Exchange => exchange;

    /// <summary>A public GET endpoint limited to <paramref name="limit"/> requests per 2 s per IP.</summary>
    public void Public(WebApplication app, string path, int limit, Func<OkxCall, Task<byte[]>> handler) =>
        app.MapGet(path, context => RunAsync(context, path, limit, false, false, handler));

    /// <summary>
    /// A private endpoint limited to <paramref name="limit"/> requests per 2 s per user, or per user and instrument
    /// family (<c>BTC-USDT</c> of <c>BTC-USDT-SWAP</c>) when <paramref name="perFamily"/>, as OKX counts order entry.
    /// </summary>
    public void Private(WebApplication app, string method, string path, int limit, Func<OkxCall, Task<byte[]>> handler, bool perFamily = false) =>
        app.MapMethods(path, [method], context => RunAsync(context, path, limit, perFamily, true, handler));

    /// <summary>Writes an OKX error envelope with its HTTP status.</summary>
    public static Task WriteErrorAsync(HttpContext context, string code, string msg, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(OkxJson.Error(code, msg)).AsTask();
    }

    private async Task RunAsync(HttpContext context, string path, int limit, bool perFamily, bool signed, Func<OkxCall, Task<byte[]>> handler)
    {
        byte[] response;
        try
        {
            response = await HandleAsync(context, path, limit, perFamily, signed, handler).ConfigureAwait(false);
        }
        catch (OkxApiException ex)
        {
            await WriteErrorAsync(context, ex.Code, ex.Message, ex.HttpStatus).ConfigureAwait(false);
            return;
        }
        catch (JsonException)
        {
            await WriteErrorAsync(context, "50002", "Json data format error", 400).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(response).ConfigureAwait(false);
    }

    private async Task<byte[]> HandleAsync(HttpContext context, string path, int limit, bool perFamily, bool signed, Func<OkxCall, Task<byte[]>> handler)
    {
        var request = context.Request;
        var body = string.Empty;
        if (HttpMethods.IsPost(request.Method))
        {
            body = await ReadBodyAsync(request).ConfigureAwait(false);
        }

        Hosting.PaperCredential? credential = null;
        if (signed)
        {
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString).ToString();
            credential = authenticator.Authenticate(
                Header(request, "OK-ACCESS-KEY"), Header(request, "OK-ACCESS-SIGN"), Header(request, "OK-ACCESS-TIMESTAMP"),
                Header(request, "OK-ACCESS-PASSPHRASE"), request.Method.ToUpperInvariant(), target, body);
        }

        var who = credential?.ApiKey ?? context.Connection.RemoteIpAddress?.ToString() ?? "?";
        if (!perFamily && !limiter.TryAcquire(path, who, limit))
        {
            throw new OkxApiException("50011", "Too Many Requests", 429);
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return await handler(new OkxCall(credential, OkxParameters.FromQuery(request.Query), default)).ConfigureAwait(false);
        }

        if (body.Length == 0)
        {
            throw new OkxApiException("50000", "Body for POST request cannot be empty.", 400);
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement.Clone();
        var parameters = root.ValueKind == JsonValueKind.Object ? OkxParameters.FromObject(root) : OkxParameters.FromQuery(QueryCollection.Empty);
        if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            throw new OkxApiException("50002", "Json data format error", 400);
        }

        if (perFamily && !limiter.TryAcquire(path, who + "|" + Family(root.ValueKind == JsonValueKind.Object ? parameters.Get("instId") : null), limit))
        {
            throw new OkxApiException("50011", "Too Many Requests", 429);
        }

        return await handler(new OkxCall(credential, parameters, root)).ConfigureAwait(false);
    }

    private static string Family(string? instId)
    {
        if (instId is null)
        {
            return string.Empty;
        }

        var second = instId.IndexOf('-', instId.IndexOf('-', StringComparison.Ordinal) + 1);
        return second > 0 ? instId[..second] : instId;
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw new OkxApiException("50000", "Request body too large.", 400);
            }
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new OkxApiException("50002", "Json data format error", 400);
        }
    }
}
