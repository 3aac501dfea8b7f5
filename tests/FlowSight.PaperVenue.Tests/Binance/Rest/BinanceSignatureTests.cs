using FlowSight.PaperVenue.Binance.Rest;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Binance.Rest;

/// <summary>The verifier against the worked examples of Binance's API documentation.</summary>
public sealed class BinanceSignatureTests
{
    [Fact]
    public void The_USDM_documentation_example_signature_verifies()
    {
        const string secret = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";
        const string query = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943";
        Assert.Equal("3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9", BinanceSignature.Sign(secret, query));
        Assert.True(BinanceSignature.Verify(secret, query, "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9"));
    }

    [Fact]
    public void The_spot_documentation_examples_verify_for_query_body_and_mixed()
    {
        const string secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
        const string all = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        const string signature = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";

        // Example 1 (query string) and 2 (body): totalParams is the same string.
        var inQuery = BinanceParameters.Parse(all + "&signature=" + signature, string.Empty);
        var inBody = BinanceParameters.Parse(string.Empty, all + "&signature=" + signature);
        Assert.True(BinanceSignature.Verify(secret, inQuery.SignedPayload, inQuery.Signature));
        Assert.True(BinanceSignature.Verify(secret, inBody.SignedPayload, inBody.Signature));

        // Example 3: query and body concatenated without a separator.
        var mixed = BinanceParameters.Parse("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC",
            "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559&signature=0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77");
        Assert.True(BinanceSignature.Verify(secret, mixed.SignedPayload, mixed.Signature));
        Assert.Equal("1", mixed.Get("quantity"));
    }

    [Fact]
    public void A_changed_payload_or_wrong_secret_or_malformed_signature_does_not_verify()
    {
        const string secret = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";
        const string query = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943";
        const string signature = "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9";
        Assert.False(BinanceSignature.Verify(secret, query.Replace("quantity=1", "quantity=2", StringComparison.Ordinal), signature));
        Assert.False(BinanceSignature.Verify(secret + "0", query, signature));
        Assert.False(BinanceSignature.Verify(secret, query, "zz" + signature[2..]));
        Assert.False(BinanceSignature.Verify(secret, query, signature[..10]));
        Assert.True(BinanceSignature.Verify(secret, query, signature.ToUpperInvariant()));
    }
}
