using System.Buffers;
using System.Globalization;
using System.Text.Json;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FlowSight.PaperVenue.Binance.Rest;

/// <summary>
/// What every Binance REST endpoint goes through, in Binance's order: parameters read, request weight counted per IP
/// (<c>X-MBX-USED-WEIGHT-1M</c>, 429/-1003 over the limit), the API key and signature checked for its security type
/// (-2014/-2015 HTTP 401, -1102, -1021, -1022), new orders counted per account (<c>X-MBX-ORDER-COUNT-10S/1M</c>,
/// 429/-1015), then the handler; any <see cref="BinanceApiException"/> or other failure becomes Binance's JSON error.
/// </summary>
public sealed class BinanceRestPipeline
{
    private const int MaxRecvWindow = 60_000;
    private readonly PaperExchange _exchange;

    /// <summary>Creates the pipeline of <paramref name="exchange"/> with its configured limits.</summary>
    public BinanceRestPipeline(PaperExchange exchange)
    {
        _exchange = exchange ?? throw new ArgumentNullException(nameof(exchange));
        var options = exchange.Options;
        Limits = new BinanceRateLimiter(exchange.Time, options.RequestWeightPerMinute, options.OrdersPer10Seconds, options.OrdersPerMinute);
    }

    /// <summary>The rate limits.</summary>
    public BinanceRateLimiter Limits { get; }

    /// <summary>Maps <paramref name="method"/> <paramref name="path"/> through the pipeline.</summary>
    /// <param name="app">The application.</param>
    /// <param name="method">GET, POST, PUT or DELETE.</param>
    /// <param name="path">The route.</param>
    /// <param name="security">What the caller must prove.</param>
    /// <param name="weight">The request weight, given the parameters.</param>
    /// <param name="handler">Produces the JSON body.</param>
    /// <param name="countsOrder">True for endpoints that place orders (counted against the order limits).</param>
    public void Map(WebApplication app, string method, string path, BinanceSecurity security, Func<BinanceParameters, int> weight,
        Func<BinanceRestCall, Task<byte[]>> handler, bool countsOrder = false)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMethods(path, [method], context => RunAsync(context, security, weight, handler, countsOrder));
    }

    /// <summary>Writes <c>{"code":..,"msg":..}</c> with <paramref name="status"/>.</summary>
    public static async Task WriteErrorAsync(HttpContext context, int status, int code, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        var body = Json(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("code"u8, code);
            json.WriteString("msg"u8, message);
            json.WriteEndObject();
        });
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes what <paramref name="write"/> writes into a byte array.</summary>
    public static byte[] Json(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            write(json);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task RunAsync(HttpContext context, BinanceSecurity security, Func<BinanceParameters, int> weight,
        Func<BinanceRestCall, Task<byte[]>> handler, bool countsOrder)
    {
        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "local";
        try
        {
            BinanceParameters parameters;
            try
            {
                parameters = await BinanceParameters.ReadAsync(context.Request).ConfigureAwait(false);
            }
            catch
            {
                CountWeight(context, ip, 1);
                throw;
            }

            if (!CountWeight(context, ip, weight(parameters)))
            {
                RetryAfter(context, 60_000);
                throw new BinanceApiException(-1003,
                    $"Too much request weight used; current limit is {Limits.WeightPerMinute} request weight per 1 MINUTE. Please use the websocket for live updates to avoid polling the API.",
                    StatusCodes.Status429TooManyRequests);
            }

            var credential = security == BinanceSecurity.None ? null : Authenticate(context, parameters, security);
            if (countsOrder)
            {
                var (ten, minute, exceeded) = Limits.AddOrder(credential!.AccountId);
                context.Response.Headers["X-MBX-ORDER-COUNT-10S"] = ten.ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["X-MBX-ORDER-COUNT-1M"] = minute.ToString(CultureInfo.InvariantCulture);
                if (exceeded is not null)
                {
                    var (limit, interval) = exceeded == "10S" ? (Limits.OrdersPer10Seconds, "10 SECOND") : (Limits.OrdersPerMinute, "1 MINUTE");
                    RetryAfter(context, exceeded == "10S" ? 10_000 : 60_000);
                    throw new BinanceApiException(-1015, $"Too many new orders; current limit is {limit} orders per {interval}.", StatusCodes.Status429TooManyRequests);
                }
            }

            var body = await handler(new BinanceRestCall(context, parameters, credential)).ConfigureAwait(false);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json;charset=UTF-8";
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BinanceApiException ex) when (!context.Response.HasStarted)
        {
            await WriteErrorAsync(context, ex.HttpStatus, ex.Code, ex.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (!context.Response.HasStarted)
        {
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, -1001, "Internal error; unable to process your request. Please try again.").ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever a handler missed is Binance's -1000 error, never a 500 page.
        catch (Exception) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, -1000, "An unknown error occurred while processing the request.").ConfigureAwait(false);
        }
    }

    /// <summary>Binance's <c>Retry-After</c> on a 429: whole seconds until the fixed window turns.</summary>
    private void RetryAfter(HttpContext context, long windowMs)
    {
        var now = _exchange.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var seconds = ((windowMs - (now % windowMs)) + 999) / 1000;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
    }

    private bool CountWeight(HttpContext context, string ip, int weight)
    {
        var (used, allowed) = Limits.AddWeight(ip, weight);
        context.Response.Headers["X-MBX-USED-WEIGHT-1M"] = used.ToString(CultureInfo.InvariantCulture);
        return allowed;
    }

    private PaperCredential Authenticate(HttpContext context, BinanceParameters parameters, BinanceSecurity security)
    {
        var apiKey = context.Request.Headers["X-MBX-APIKEY"].ToString();
        if (apiKey.Length == 0)
        {
            throw new BinanceApiException(-2014, "API-key format invalid.", StatusCodes.Status401Unauthorized);
        }

        if (!_exchange.Credentials.TryFind(apiKey, out var credential))
        {
            throw new BinanceApiException(-2015, "Invalid API-key, IP, or permissions for action.", StatusCodes.Status401Unauthorized);
        }

        if (security != BinanceSecurity.Signed)
        {
            return credential;
        }

        var timestamp = parameters.Long("timestamp") ?? throw BinanceApiException.Mandatory("timestamp");
        if (parameters.Signature is null or { Length: 0 })
        {
            throw BinanceApiException.Mandatory("signature");
        }

        var recvWindow = parameters.Long("recvWindow") ?? _exchange.Options.DefaultRecvWindowMs;
        if (recvWindow <= 0 || recvWindow > MaxRecvWindow)
        {
            throw new BinanceApiException(-1131, $"recvWindow must be less than {MaxRecvWindow}.");
        }

        var serverTime = _exchange.WallClockMs;
        if (timestamp >= serverTime + 1000)
        {
            throw new BinanceApiException(-1021, "Timestamp for this request was 1000ms ahead of the server's time.");
        }

        if (serverTime - timestamp > recvWindow)
        {
            throw new BinanceApiException(-1021, "Timestamp for this request is outside of the recvWindow.");
        }

        if (!BinanceSignature.Verify(credential.Secret, parameters.SignedPayload, parameters.Signature))
        {
            throw new BinanceApiException(-1022, "Signature for this request is not valid.");
        }

        return credential;
    }
}
