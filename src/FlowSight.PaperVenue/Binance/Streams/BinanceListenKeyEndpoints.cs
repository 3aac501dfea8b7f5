using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Hosting;
using Microsoft.AspNetCore.Http;

namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>
/// The listen-key REST endpoints (USDⓈ-M <c>POST/PUT/DELETE /fapi/v1/listenKey</c>, spot
/// <c>/api/v3/userDataStream</c>): authenticated by the <c>X-MBX-APIKEY</c> header alone (USER_STREAM security, no
/// signature). USDⓈ-M's <c>PUT</c> and <c>DELETE</c> act on the account's key and answer
/// <c>{"listenKey":..}</c> / <c>{}</c>; spot's take a <c>listenKey</c> parameter and answer <c>{}</c>.
/// </summary>
internal sealed class BinanceListenKeyEndpoints(PaperExchange exchange, BinanceUserDataStreams user)
{
    private bool Futures => exchange.Options.Venue == PaperVenueKind.BinanceUsdm;

    public async Task CreateAsync(HttpContext context)
    {
        if (await AuthenticateAsync(context).ConfigureAwait(false) is not { } credential)
        {
            return;
        }

        var key = user.Keys.Create(credential.AccountId, exchange.WallClockMs);
        await context.Response.WriteAsJsonAsync(new ListenKeyReply(key.Key)).ConfigureAwait(false);
    }

    public async Task KeepAliveAsync(HttpContext context)
    {
        if (await AuthenticateAsync(context).ConfigureAwait(false) is not { } credential)
        {
            return;
        }

        var (ok, given) = await ListenKeyParameterAsync(context).ConfigureAwait(false);
        if (!ok)
        {
            return;
        }

        if (user.Keys.KeepAlive(credential.AccountId, given, exchange.WallClockMs) is not { } key)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, -1125, "This listenKey does not exist.").ConfigureAwait(false);
            return;
        }

        if (Futures)
        {
            await context.Response.WriteAsJsonAsync(new ListenKeyReply(key.Key)).ConfigureAwait(false);
        }
        else
        {
            await context.Response.WriteAsync("{}").ConfigureAwait(false);
        }
    }

    public async Task CloseAsync(HttpContext context)
    {
        if (await AuthenticateAsync(context).ConfigureAwait(false) is not { } credential)
        {
            return;
        }

        var (ok, given) = await ListenKeyParameterAsync(context).ConfigureAwait(false);
        if (!ok)
        {
            return;
        }

        if (user.Keys.Close(credential.AccountId, given) is not { } key)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, -1125, "This listenKey does not exist.").ConfigureAwait(false);
            return;
        }

        BinanceUserDataStreams.Disconnect(key);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{}").ConfigureAwait(false);
    }

    private async Task<PaperCredential?> AuthenticateAsync(HttpContext context)
    {
        var apiKey = context.Request.Headers["X-MBX-APIKEY"].ToString();
        if (string.IsNullOrEmpty(apiKey))
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, -2014, "API-key format invalid.").ConfigureAwait(false);
            return null;
        }

        if (!exchange.Credentials.TryFind(apiKey, out var credential))
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, -2015, "Invalid API-key, IP, or permissions for action.").ConfigureAwait(false);
            return null;
        }

        return credential;
    }

    /// <summary>Spot requires <c>listenKey</c> (query or form body); USDⓈ-M takes none (a given one must match).</summary>
    private async Task<(bool Ok, string? Key)> ListenKeyParameterAsync(HttpContext context)
    {
        string? key = context.Request.Query["listenKey"].ToString();
        if (string.IsNullOrEmpty(key) && context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            key = form["listenKey"].ToString();
        }

        if (string.IsNullOrEmpty(key))
        {
            key = null;
        }

        if (key is null && !Futures)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, -1102, "Mandatory parameter 'listenKey' was not sent, was empty/null, or malformed.").ConfigureAwait(false);
            return (false, null);
        }

        return (true, key);
    }

    private static Task ErrorAsync(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new BinanceErrorReply(code, message));
    }

    private sealed record ListenKeyReply([property: System.Text.Json.Serialization.JsonPropertyName("listenKey")] string ListenKey);

    private sealed record BinanceErrorReply(
        [property: System.Text.Json.Serialization.JsonPropertyName("code")] int Code,
        [property: System.Text.Json.Serialization.JsonPropertyName("msg")] string Msg);
}
