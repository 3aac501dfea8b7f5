using System.Security.Cryptography;
using System.Text;
using FlowSight.Venues.Binance.Trading;
using FlowSight.Venues.Network;
using FlowSight.Venues.Okx.Trading;
using Xunit;

namespace FlowSight.Venues.Tests.Trading;

/// <summary>
/// The signers' HMAC from precomputed SHA-256 midstates (<see cref="HmacSha256Midstate"/>, libcrypto) against .NET's
/// <see cref="HMACSHA256"/>, and the <see cref="IncrementalHash"/> fallback (forced through the internal constructors)
/// giving the same signatures.
/// </summary>
public sealed class PrecomputedHmacSignerTests
{
    private const string DocSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private const string DocParams = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
    private const string DocSignature = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";

    [Fact]
    public void The_native_midstate_loads_on_linux()
    {
        // This machine (and CI) has OpenSSL 3: the fast path must not silently fall back there.
        Assert.SkipUnless(OperatingSystem.IsLinux(), "libcrypto.so.3 is a Linux library name");
        Assert.True(HmacSha256Midstate.IsAvailable);
        using var signer = new BinanceRequestSigner("key", DocSecret);
        Assert.True(signer.UsesNativeHash);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(131)]
    public void The_midstate_HMAC_equals_HMACSHA256_for_keys_and_messages_of_every_length(int keyLength)
    {
        using var midstate = HmacSha256Midstate.TryCreate(Bytes(keyLength, 3));
        Assert.SkipWhen(midstate is null, "libcrypto's SHA-256 is unavailable");
        var expected = new byte[32];
        var actual = new byte[32];
        for (var length = 0; length <= 300; length++)
        {
            var message = Bytes(length, 11);
            HMACSHA256.HashData(Bytes(keyLength, 3), message, expected);
            midstate.Compute(message, actual);
            Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(actual));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(64)]
    [InlineData(128)]
    public void A_prefix_state_continues_the_HMAC_of_messages_that_begin_with_it(int prefixLength)
    {
        var key = Bytes(20, 3);
        using var midstate = HmacSha256Midstate.TryCreate(key);
        Assert.SkipWhen(midstate is null, "libcrypto's SHA-256 is unavailable");
        var message = Bytes(400, 11);
        var prefix = midstate.CreatePrefix(message.AsSpan(0, prefixLength));
        var expected = new byte[32];
        var actual = new byte[32];
        for (var length = prefixLength; length <= 400; length++)
        {
            HMACSHA256.HashData(key, message.AsSpan(0, length), expected);
            midstate.Compute(prefix, message.AsSpan(0, length), actual);
            Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(actual));
        }
    }

    [Fact]
    public void A_prefix_refuses_messages_that_do_not_begin_with_it_and_partial_blocks()
    {
        using var midstate = HmacSha256Midstate.TryCreate(Bytes(20, 3));
        Assert.SkipWhen(midstate is null, "libcrypto's SHA-256 is unavailable");
        using var other = HmacSha256Midstate.TryCreate(Bytes(20, 5))!;
        var message = Bytes(200, 11);
        var prefix = midstate.CreatePrefix(message.AsSpan(0, 64));
        var mac = new byte[32];
        var changed = (byte[])message.Clone();
        changed[10] ^= 1;
        Assert.Throws<ArgumentException>(() => midstate.Compute(prefix, changed, mac));
        Assert.Throws<ArgumentException>(() => midstate.Compute(prefix, message.AsSpan(0, 63), mac));
        Assert.Throws<ArgumentException>(() => other.Compute(prefix, message, mac));
        Assert.Throws<ArgumentException>(() => midstate.CreatePrefix(message.AsSpan(0, 65)));
    }

    [Fact]
    public void The_Binance_fallback_signs_the_documentation_example_to_the_documented_signature()
    {
        using var signer = new BinanceRequestSigner("key", DocSecret, useNativeHash: false);
        Assert.False(signer.UsesNativeHash);
        Assert.Equal(DocSignature, signer.ComputeSignature(DocParams));
        Assert.Equal(DocSignature, signer.ComputeSignature(DocParams));
    }

    [Fact]
    public void The_OKX_fallback_signs_as_the_native_path()
    {
        using var native = new OkxRequestSigner("h5-secret-0123456789");
        using var fallback = new OkxRequestSigner("h5-secret-0123456789", useNativeHash: false);
        Assert.False(fallback.UsesNativeHash);
        const string body = "{\"instId\":\"BTC-USDT-SWAP\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"limit\",\"px\":\"60000.1\",\"sz\":\"2\"}";
        var at = "2026-11-24T19:30:00.123Z";
        Assert.Equal(fallback.Sign(at, "POST", "/api/v5/trade/order", body), native.Sign(at, "POST", "/api/v5/trade/order", body));
        Assert.Equal(fallback.SignLogin(1_764_000_000), native.SignLogin(1_764_000_000));
    }

    [Fact]
    public void Concurrent_signatures_are_all_correct()
    {
        using var signer = new BinanceRequestSigner("key", DocSecret);
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                Assert.Equal(DocSignature, signer.ComputeSignature(DocParams));
            }
        });
    }

    [Fact]
    public void Signing_after_dispose_throws_rather_than_signing_with_a_zeroed_key()
    {
        var signer = new BinanceRequestSigner("key", DocSecret);
        signer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => signer.ComputeSignature(DocParams));
    }

    [Fact]
    public void Signing_allocates_nothing()
    {
        using var signer = new BinanceRequestSigner("key", DocSecret);
        var message = Encoding.ASCII.GetBytes(DocParams);
        var hex = new byte[BinanceRequestSigner.SignatureLength];
        signer.ComputeSignature(message, hex);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            signer.ComputeSignature(message, hex);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(DocSignature, Encoding.ASCII.GetString(hex));
    }

    private static byte[] Bytes(int length, int step)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * step) + 1);
        }

        return bytes;
    }
}
