using System.Text;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Trading;
using FlowSight.Venues.Tests.Trading;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Trading;

/// <summary>
/// Binance request signing: the HMAC-SHA256 example of Binance's documentation ("SIGNED Endpoint Examples for POST
/// /api/v3/order"), and the signature ccxt 4.5.84 computes for the same new-order request our encoder writes.
/// </summary>
public sealed class BinanceRequestSignerTests
{
    private const string DocApiKey = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    private const string DocSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private const string DocParams = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
    private const string DocSignature = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";

    [Fact]
    public void The_documentation_example_signs_to_the_documented_signature()
    {
        using var signer = new BinanceRequestSigner(DocApiKey, DocSecret);
        Assert.Equal(DocSignature, signer.ComputeSignature(DocParams));
        Assert.Equal(DocSignature, signer.ComputeSignature(DocParams)); // the reused HMAC context was reset
    }

    [Fact]
    public void AppendSignature_appends_the_signature_parameter_over_the_bytes_already_written()
    {
        using var signer = new BinanceRequestSigner(DocApiKey, DocSecret);
        var buffer = new byte[512];
        var length = Encoding.ASCII.GetBytes(DocParams, buffer);
        length = signer.AppendSignature(buffer, length);
        Assert.Equal(DocParams + "&signature=" + DocSignature, Encoding.ASCII.GetString(buffer, 0, length));
    }

    [Fact]
    public void The_encoder_writes_the_documentation_order_with_its_kind_parameters_first()
    {
        var order = new SubmitOrder
        {
            ClientOrderId = ClientOrderId.Parse("doc-1"),
            Instrument = InstrumentId.Of("LTCBTC", Venue.Binance),
            Side = OrderSide.Buy,
            Type = OrderType.Limit,
            Quantity = Quantity.FromDecimal(1m, 0),
            Price = Price.FromDecimal(0.1m, 1),
        };
        using var signer = new BinanceRequestSigner(DocApiKey, DocSecret);
        var buffer = new byte[BinanceOrderEncoder.MaxRequestLength];
        var length = BinanceOrderEncoder.WriteSignedNewOrder(buffer, signer, BinanceMarket.Spot, "LTCBTC"u8, order, 5000, 1499827319559);
        var text = Encoding.ASCII.GetString(buffer, 0, length);
        // The documentation's parameters and values, ours added; those fixed by the order's kind lead (Binance signs
        // the bytes as sent, in any order), so their hash is computed once per kind.
        const string expectedParams = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&newOrderRespType=RESULT&quantity=1&price=0.1&newClientOrderId=doc-1&recvWindow=5000&timestamp=1499827319559";
        Assert.Equal(expectedParams + "&signature=" + signer.ComputeSignature(expectedParams), text);
    }

    [Fact]
    public void The_query_writer_percent_encodes_what_is_not_unreserved()
    {
        var buffer = new byte[64];
        var writer = new BinanceQueryWriter(buffer);
        writer.Add("newClientOrderId"u8, "a:b/c_d-e.f~g"u8);
        Assert.Equal("newClientOrderId=a%3Ab%2Fc_d-e.f~g", Encoding.ASCII.GetString(writer.Written));
    }

    [Theory]
    [InlineData("binanceusdm", "fapiPrivate", "BTCUSDT", "GTX", false)]
    [InlineData("binanceusdm", "fapiPrivate", "BTCUSDT", "GTC", true)]
    [InlineData("binance", "private", "BTCUSDT", "GTC", false)]
    public async Task Ccxt_signs_our_new_order_request_to_the_same_signature(string exchange, string api, string symbol, string timeInForce, bool reduceOnly)
    {
        const string apiKey = "flowsight-ccxt-key";
        const string secret = "flowsight-ccxt-secret-0123456789";
        const long timestamp = 1_764_000_000_123;
        var market = exchange == "binance" ? BinanceMarket.Spot : BinanceMarket.UsdM;
        var order = new SubmitOrder
        {
            ClientOrderId = ClientOrderId.Parse("fs-sign-0001"),
            Instrument = InstrumentId.Of(symbol, Venue.Binance),
            Side = OrderSide.Sell,
            Type = OrderType.Limit,
            Quantity = Quantity.FromDecimal(0.012m, 3),
            Price = Price.FromDecimal(61800.1m, 1),
            TimeInForce = timeInForce == "GTX" ? TimeInForce.Gtx : TimeInForce.Gtc,
            ReduceOnly = reduceOnly,
        };
        using var signer = new BinanceRequestSigner(apiKey, secret);
        var buffer = new byte[BinanceOrderEncoder.MaxRequestLength];
        var length = BinanceOrderEncoder.WriteSignedNewOrder(buffer, signer, market, Encoding.ASCII.GetBytes(symbol), order, 5000, timestamp);
        var ours = Encoding.ASCII.GetString(buffer, 0, length);
        var oursParams = ours[..ours.IndexOf("&signature=", StringComparison.Ordinal)];

        // ccxt gets the same parameters (without timing: it adds timestamp from its nonce and recvWindow from options).
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in oursParams.Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (pair[..eq] is not ("timestamp" or "recvWindow"))
            {
                parameters[pair[..eq]] = Uri.UnescapeDataString(pair[(eq + 1)..]);
            }
        }

        var ccxtQuery = await CcxtSignAsync(exchange, api, apiKey, secret, timestamp, parameters);
        var split = ccxtQuery.IndexOf("&signature=", StringComparison.Ordinal);
        var ccxtParams = ccxtQuery[..split];
        var ccxtSignature = ccxtQuery[(split + "&signature=".Length)..];

        // ccxt orders the parameters its own way (timestamp first): the same set, each signed over its own text.
        Assert.Equal(Pairs(oursParams), Pairs(ccxtParams));
        Assert.Equal(ccxtSignature, signer.ComputeSignature(ccxtParams));
        Assert.Equal(ours[(ours.IndexOf("&signature=", StringComparison.Ordinal) + "&signature=".Length)..], signer.ComputeSignature(oursParams));
    }

    private static SortedSet<string> Pairs(string query) => new(query.Split('&'), StringComparer.Ordinal);

    private static async Task<string> CcxtSignAsync(string exchange, string api, string apiKey, string secret, long timestamp, Dictionary<string, string> parameters)
    {
        const string script = """
            import ccxt from 'ccxt';
            const [exchangeId, api, apiKey, secret, timestamp, params] = process.argv.slice(1);
            const exchange = new ccxt[exchangeId]({ apiKey, secret, options: { recvWindow: 5000 } });
            exchange.nonce = () => Number(timestamp);
            const signed = exchange.sign('order', api, 'POST', JSON.parse(params));
            const query = signed.body ?? signed.url.substring(signed.url.indexOf('?') + 1);
            process.stdout.write(JSON.stringify({ query }));
            """;
        var stdout = await CcxtNode.RunAsync(["--input-type=module", "-e", script, exchange, api, apiKey, secret, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), JsonSerializer.Serialize(parameters)]);
        using var result = JsonDocument.Parse(stdout);
        return result.RootElement.GetProperty("query").GetString()!;
    }
}
