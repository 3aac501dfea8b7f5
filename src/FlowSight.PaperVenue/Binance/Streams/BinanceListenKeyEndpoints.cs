using FlowSight.PaperVenue.Binance.Rest;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Hosting;
using Microsoft.AspNetCore.Builder;

namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>
/// The listen-key REST endpoints (USDⓈ-M <c>POST/PUT/DELETE /fapi/v1/listenKey</c>, weight 1; spot
/// <c>/api/v3/userDataStream</c>, weight 2), through the Binance REST pipeline as USER_STREAM endpoints: the
/// <c>X-MBX-APIKEY</c> header alone, no signature (-2014/-2015 otherwise). USDⓈ-M's <c>PUT</c> and <c>DELETE</c> act
/// on the account's key and answer <c>{"listenKey":..}</c> / <c>{}</c>; spot's require <c>listenKey</c> and answer
/// <c>{}</c>; an unknown or expired key is -1125.
/// </summary>
internal sealed class BinanceListenKeyEndpoints(PaperExchange exchange, BinanceUserDataStreams user)
{
    private bool Futures => exchange.Options.Venue == PaperVenueKind.BinanceUsdm;

    public void Map(WebApplication app, BinanceRestPipeline pipeline)
    {
        var path = Futures ? "/fapi/v1/listenKey" : "/api/v3/userDataStream";
        var weight = Futures ? 1 : 2;
        pipeline.Map(app, "POST", path, BinanceSecurity.ApiKey, _ => weight, Create);
        pipeline.Map(app, "PUT", path, BinanceSecurity.ApiKey, _ => weight, KeepAlive);
        pipeline.Map(app, "DELETE", path, BinanceSecurity.ApiKey, _ => weight, Close);
    }

    private Task<byte[]> Create(BinanceRestCall call)
    {
        var key = user.Keys.Create(call.AccountId, exchange.WallClockMs);
        return Task.FromResult(ListenKeyReply(key.Key));
    }

    private Task<byte[]> KeepAlive(BinanceRestCall call)
    {
        var key = user.Keys.KeepAlive(call.AccountId, ListenKeyParameter(call), exchange.WallClockMs) ?? throw NoSuchKey();
        return Task.FromResult(Futures ? ListenKeyReply(key.Key) : "{}"u8.ToArray());
    }

    private Task<byte[]> Close(BinanceRestCall call)
    {
        var key = user.Keys.Close(call.AccountId, ListenKeyParameter(call)) ?? throw NoSuchKey();
        BinanceUserDataStreams.Disconnect(key);
        return Task.FromResult("{}"u8.ToArray());
    }

    /// <summary>Spot requires <c>listenKey</c> (query or form body); USDⓈ-M takes none (one given must match).</summary>
    private string? ListenKeyParameter(BinanceRestCall call) =>
        Futures ? call.Parameters.Get("listenKey") : call.Parameters.Required("listenKey");

    private static BinanceApiException NoSuchKey() => new(-1125, "This listenKey does not exist.");

    private static byte[] ListenKeyReply(string key) => BinanceRestPipeline.Json(json =>
    {
        json.WriteStartObject();
        json.WriteString("listenKey"u8, key);
        json.WriteEndObject();
    });
}
