using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FlowSight.TestKit;
using FlowSight.Venues.GateIo.Trading;
using FlowSight.Venues.Tests.Trading;
using Xunit;

namespace FlowSight.Venues.Tests.GateIo.Trading;

/// <summary>
/// Gate.io v4 signatures: the documented construction computed independently, the signature ccxt 4.5.84's
/// <c>gate</c> computes for the same requests (REST and private-channel subscription), and no allocation per request.
/// Gate's documentation shows the construction with code but publishes no expected signature value, so the
/// independent computation and ccxt stand in for a published vector.
/// </summary>
public sealed class GateIoRequestSignerTests
{
    private const string Key = "0123456789abcdef0123456789abcdef";
    private const string Secret = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    [Theory]
    [InlineData("POST", "/api/v4/spot/orders", "", """{"text":"t-abc","currency_pair":"BTC_USDT","type":"limit","account":"spot","side":"buy","amount":"0.001","price":"65000","time_in_force":"gtc"}""")]
    [InlineData("GET", "/api/v4/spot/orders/t-abc", "currency_pair=BTC_USDT", "")]
    [InlineData("DELETE", "/api/v4/futures/usdt/orders", "contract=BTC_USDT&side=ask", "")]
    [InlineData("POST", "/api/v4/futures/usdt/price_orders", "", """{"initial":{"contract":"BTC_USDT","size":-10,"price":"0","tif":"ioc","text":"t-sl-1","reduce_only":true},"trigger":{"strategy_type":0,"price_type":0,"price":"49000.0","rule":2}}""")]
    [InlineData("GET", "/api/v4/futures/usdt/price_orders", "status=open&limit=100", "")]
    [InlineData("DELETE", "/api/v4/futures/usdt/price_orders/1001", "", "")]
    public void The_signature_is_hex_hmac_sha512_of_the_documented_five_lines(string method, string path, string query, string body)
    {
        const long timestamp = 1_700_000_000;
        var bodyHash = Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(body)));
        var expected = Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{method}\n{path}\n{query}\n{bodyHash}\n{timestamp}")));
        Assert.Equal(expected, new GateIoRequestSigner(Secret).Sign(method, path, query, body, timestamp));
    }

    [Fact]
    public void The_hash_of_an_empty_body_is_sha512_of_nothing()
    {
        // Gate's documentation: the hashed payload of a GET is the SHA512 of the empty string, cf83e135…
        var signer = new GateIoRequestSigner(Secret);
        var withEmpty = signer.Sign("GET", "/api/v4/spot/accounts", string.Empty, string.Empty, 1);
        var manual = Convert.ToHexStringLower(HMACSHA512.HashData(
            Encoding.UTF8.GetBytes(Secret),
            Encoding.UTF8.GetBytes("GET\n/api/v4/spot/accounts\n\ncf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e\n1")));
        Assert.Equal(manual, withEmpty);
    }

    [Fact]
    public void The_channel_signature_signs_channel_event_and_time()
    {
        var expected = Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(Secret), "channel=spot.orders&event=subscribe&time=1700000000"u8));
        Assert.Equal(expected, new GateIoRequestSigner(Secret).SignChannel("spot.orders", "subscribe", 1_700_000_000));
    }

    [Fact]
    public void Signing_a_request_allocates_nothing()
    {
        var signer = new GateIoRequestSigner(Secret);
        var body = """{"contract":"BTC_USDT","size":-3,"price":"65000.1","tif":"poc","text":"t-ab12"}"""u8.ToArray();
        var destination = new byte[GateIoRequestSigner.SignatureLength];
        var allocated = Allocations.SteadyState(() => signer.Sign("POST", "/api/v4/futures/usdt/orders", string.Empty, body, 1_700_000_000, destination));
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData("orders", "spot", "POST", """{"currency_pair":"BTC_USDT","type":"limit","account":"spot","side":"buy","amount":"0.001","price":"65000","time_in_force":"gtc","text":"t-abc"}""")]
    [InlineData("orders/{order_id}", "spot", "GET", """{"order_id":"t-abc","currency_pair":"BTC_USDT"}""")]
    [InlineData("orders/{order_id}", "spot", "DELETE", """{"order_id":"123456","currency_pair":"BTC_USDT"}""")]
    [InlineData("{settle}/orders", "futures", "POST", """{"settle":"usdt","contract":"BTC_USDT","size":-3,"price":"65000.1","tif":"poc","text":"t-abc","reduce_only":true}""")]
    [InlineData("{settle}/orders/{order_id}", "futures", "PUT", """{"settle":"usdt","order_id":"123456","size":-5,"price":"65010"}""")]
    [InlineData("{settle}/price_orders", "futures", "POST", """{"settle":"usdt","initial":{"contract":"BTC_USDT","size":-10,"price":"0","tif":"ioc","text":"t-sl-1","reduce_only":true},"trigger":{"strategy_type":0,"price_type":0,"price":"49000.0","rule":2}}""")]
    [InlineData("{settle}/price_orders", "futures", "GET", """{"settle":"usdt","status":"open","contract":"BTC_USDT"}""")]
    [InlineData("{settle}/price_orders/{order_id}", "futures", "DELETE", """{"settle":"usdt","order_id":"1001"}""")]
    public async Task Ccxt_signs_the_same_request_to_the_same_signature(string path, string api, string method, string parameters)
    {
        const long timestamp = 1_700_000_123;
        using var result = await CcxtAsync("rest", path, api, method, parameters, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var root = result.RootElement;
        var url = new Uri(root.GetProperty("url").GetString()!);
        var body = root.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : string.Empty;
        var headers = root.GetProperty("headers");
        Assert.Equal(Key, headers.GetProperty("KEY").GetString());
        Assert.Equal("1700000123", headers.GetProperty("Timestamp").GetString());
        var ours = new GateIoRequestSigner(Secret).Sign(method, url.AbsolutePath, url.Query.TrimStart('?'), body, timestamp);
        Assert.Equal(headers.GetProperty("SIGN").GetString(), ours);
    }

    [Theory]
    [InlineData("spot.orders")]
    [InlineData("futures.usertrades")]
    public async Task Ccxt_signs_the_same_private_subscription_to_the_same_signature(string channel)
    {
        using var result = await CcxtAsync("ws", channel, string.Empty, string.Empty, "[]", "1700000456");
        var request = result.RootElement.GetProperty("request");
        Assert.Equal("subscribe", request.GetProperty("event").GetString());
        Assert.Equal(1_700_000_456, request.GetProperty("time").GetInt64());
        var auth = request.GetProperty("auth");
        Assert.Equal("api_key", auth.GetProperty("method").GetString());
        Assert.Equal(new GateIoRequestSigner(Secret).SignChannel(channel, "subscribe", 1_700_000_456), auth.GetProperty("SIGN").GetString());
    }

    private static async Task<JsonDocument> CcxtAsync(string mode, string path, string api, string method, string parameters, string time)
    {
        // REST: ccxt's own sign() with its clock fixed. WS: ccxt pro's subscribePrivate with watch() captured.
        const string script = """
            import ccxt from 'ccxt';
            const [mode, path, api, method, params, time, apiKey, secret] = process.argv.slice(1);
            if (mode === 'rest') {
              const exchange = new ccxt.gate({ apiKey, secret });
              exchange.nonce = () => Number(time) * 1000;
              const signed = exchange.sign(path, ['private', api], method, JSON.parse(params));
              process.stdout.write(JSON.stringify(signed));
            } else {
              const exchange = new ccxt.pro.gate({ apiKey, secret });
              exchange.seconds = () => Number(time);
              exchange.watch = async (url, hash, request) => request;
              const request = await exchange.subscribePrivate('wss://api.gateio.ws/ws/v4/', 'h', ['!all'], path, {});
              process.stdout.write(JSON.stringify({ request }));
            }
            """;
        return JsonDocument.Parse(await CcxtNode.RunAsync(["--input-type=module", "-e", script, mode, path, api, method, parameters, time, Key, Secret]));
    }
}
