using System.Security.Cryptography;
using System.Text;
using FlowSight.Core;
using FlowSight.TestKit;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Trading;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Trading;

/// <summary>
/// New orders signed from per-kind templates (<see cref="BinanceOrderTemplates"/>: the kind's parameters and the hash
/// state after their whole blocks) are byte for byte the plain encoding with the signature of those bytes, whatever
/// the kind, the symbol's length (kind parameters shorter than one block, between one and two, longer) or the cache's state.
/// </summary>
public sealed class BinanceOrderTemplateTests
{
    private const string Secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    private static readonly OrderType[] UsdmTypes = [OrderType.Market, OrderType.Limit, OrderType.StopMarket, OrderType.StopLimit, OrderType.TakeProfitMarket, OrderType.TakeProfitLimit];
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "1000SHIBUSDT", "A", "XYZ1234567890ABCDEFUSDT", "BTCUSDT_260327"];

    [Fact]
    public void Signed_new_orders_are_the_plain_encoding_and_the_HMAC_of_exactly_those_bytes()
    {
        using var signer = new BinanceRequestSigner("key", Secret);
        using var fallback = new BinanceRequestSigner("key", Secret, useNativeHash: false);
        Assert.SkipUnless(signer.UsesNativeHash, "libcrypto's SHA-256 is unavailable: no templates");
        var random = new Random(7);
        var signed = new byte[BinanceOrderEncoder.MaxRequestLength];
        var plain = new byte[BinanceOrderEncoder.MaxRequestLength];
        var viaFallback = new byte[BinanceOrderEncoder.MaxRequestLength];
        var checkedOrders = 0;
        for (var i = 0; i < 3_000; i++)
        {
            var market = random.Next(3) == 0 ? BinanceMarket.Spot : BinanceMarket.UsdM;
            var order = RandomOrder(random, market);
            var symbol = Encoding.ASCII.GetBytes(Symbols[random.Next(Symbols.Length)]);
            var recvWindow = random.Next(2) == 0 ? 5_000 : random.Next(1, 60_000);
            var timestamp = 1_764_000_000_000 + random.NextInt64(1_000_000_000);
            int expectedLength;
            try
            {
                var writer = new BinanceQueryWriter(plain);
                BinanceOrderEncoder.WriteNewOrder(ref writer, market, symbol, order);
                BinanceOrderEncoder.WriteTiming(ref writer, recvWindow, timestamp);
                expectedLength = signer.AppendSignature(plain, writer.Length);
            }
            catch (NotSupportedException)
            {
                Assert.Throws<NotSupportedException>(() => BinanceOrderEncoder.WriteSignedNewOrder(signed, signer, market, symbol, order, recvWindow, timestamp));
                continue;
            }

            var length = BinanceOrderEncoder.WriteSignedNewOrder(signed, signer, market, symbol, order, recvWindow, timestamp);
            Assert.Equal(Encoding.ASCII.GetString(plain, 0, expectedLength), Encoding.ASCII.GetString(signed, 0, length));

            var parameters = signed.AsSpan(0, length - "&signature=".Length - BinanceRequestSigner.SignatureLength);
            Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), parameters)), Encoding.ASCII.GetString(signed, length - BinanceRequestSigner.SignatureLength, BinanceRequestSigner.SignatureLength));

            var fallbackLength = BinanceOrderEncoder.WriteSignedNewOrder(viaFallback, fallback, market, symbol, order, recvWindow, timestamp);
            Assert.Equal(Encoding.ASCII.GetString(signed, 0, length), Encoding.ASCII.GetString(viaFallback, 0, fallbackLength));
            checkedOrders++;
        }

        Assert.True(checkedOrders > 2_000, $"{checkedOrders} orders checked");
        Assert.Equal(BinanceOrderTemplates.Capacity, signer.Templates!.Count); // more kinds than the cache keeps: both paths were taken
    }

    [Fact]
    public void Orders_of_one_kind_share_one_template_and_their_kind_parameters_lead()
    {
        using var signer = new BinanceRequestSigner("key", Secret);
        Assert.SkipUnless(signer.UsesNativeHash, "libcrypto's SHA-256 is unavailable: no templates");
        var buffer = new byte[BinanceOrderEncoder.MaxRequestLength];
        for (var i = 0; i < 50; i++)
        {
            BinanceOrderEncoder.WriteSignedNewOrder(buffer, signer, BinanceMarket.UsdM, "BTCUSDT"u8, PostOnlySell(i), 5_000, 1_764_000_000_000 + i);
            BinanceOrderEncoder.WriteSignedNewOrder(buffer, signer, BinanceMarket.UsdM, "BTCUSDT"u8, PostOnlySell(i) with { Side = OrderSide.Buy }, 5_000, 1_764_000_000_000 + i);
        }

        Assert.Equal(2, signer.Templates!.Count);
        var length = BinanceOrderEncoder.WriteSignedNewOrder(buffer, signer, BinanceMarket.UsdM, "BTCUSDT"u8, PostOnlySell(7), 5_000, 1_764_000_000_123);
        Assert.StartsWith(
            "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTX&newOrderRespType=RESULT&quantity=0.012&price=61800.7&newClientOrderId=fs-7&recvWindow=5000&timestamp=1764000000123&signature=",
            Encoding.ASCII.GetString(buffer, 0, length),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_signed_as_it_leaves_finds_its_kinds_template_and_signs_the_same_bytes()
    {
        using var signer = new BinanceRequestSigner("key", Secret);
        Assert.SkipUnless(signer.UsesNativeHash, "libcrypto's SHA-256 is unavailable: no templates");
        var order = PostOnlySell(3);
        var buffer = new byte[BinanceOrderEncoder.MaxRequestLength];
        var writer = new BinanceQueryWriter(buffer);
        BinanceOrderEncoder.WriteNewOrder(ref writer, BinanceMarket.UsdM, "1000SHIBUSDT"u8, order);
        BinanceOrderEncoder.WriteTiming(ref writer, 5_000, 1_764_000_000_000);
        var unsigned = writer.Length;
        Assert.Null(signer.Templates!.FindPrefix(buffer.AsSpan(0, unsigned))); // no kind kept yet

        signer.Templates.Get(BinanceMarket.UsdM, "1000SHIBUSDT"u8, order);
        var prefix = signer.Templates.FindPrefix(buffer.AsSpan(0, unsigned));
        Assert.NotNull(prefix);
        var length = signer.AppendSignature(buffer, unsigned, prefix);
        Assert.Equal(
            Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), buffer.AsSpan(0, unsigned))),
            Encoding.ASCII.GetString(buffer, length - BinanceRequestSigner.SignatureLength, BinanceRequestSigner.SignatureLength));
        Assert.Null(signer.Templates.FindPrefix("symbol=ETHUSDT&side=BUY"u8));
    }

    [Fact]
    public void Building_and_signing_a_new_order_allocates_nothing()
    {
        using var signer = new BinanceRequestSigner("key", Secret);
        var buffer = new byte[BinanceOrderEncoder.MaxRequestLength];
        var order = PostOnlySell(1);
        var timestamp = 1_764_000_000_000L;
        var allocated = Allocations.SteadyState(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                BinanceOrderEncoder.WriteSignedNewOrder(buffer, signer, BinanceMarket.UsdM, "BTCUSDT"u8, order, 5_000, timestamp++);
            }
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_disposed_signer_refuses_to_sign_from_its_templates()
    {
        var signer = new BinanceRequestSigner("key", Secret);
        var buffer = new byte[BinanceOrderEncoder.MaxRequestLength];
        BinanceOrderEncoder.WriteSignedNewOrder(buffer, signer, BinanceMarket.UsdM, "BTCUSDT"u8, PostOnlySell(1), 5_000, 1_764_000_000_000);
        signer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => BinanceOrderEncoder.WriteSignedNewOrder(buffer, signer, BinanceMarket.UsdM, "BTCUSDT"u8, PostOnlySell(1), 5_000, 1_764_000_000_000));
    }

    [Fact]
    public void The_query_writer_formats_numbers_as_the_fixed_point_types_and_long_do()
    {
        var random = new Random(11);
        var buffer = new byte[64];
        var expected = new byte[64];
        long[] edges = [0, 1, 9, 10, 99, 100, 101, 999_999_999, 1_000_000_000, long.MaxValue, long.MinValue, -1, -10, 1_764_000_000_000];
        for (var i = 0; i < 20_000; i++)
        {
            var raw = i < edges.Length ? edges[i] : random.Next(4) switch
            {
                0 => random.NextInt64(-1_000, 1_000),
                1 => random.NextInt64(),
                2 => -random.NextInt64(1_000_000_000_000),
                _ => random.NextInt64(1_000_000_000_000_000_000),
            };
            var precision = (byte)random.Next(Price.MaxPrecision + 1);

            var writer = new BinanceQueryWriter(buffer);
            writer.Add("p"u8, Price.FromRaw(raw, precision));
            Assert.True(Price.FromRaw(raw, precision).TryFormat(expected, out var n));
            Assert.Equal("p=" + Encoding.ASCII.GetString(expected, 0, n), Encoding.ASCII.GetString(writer.Written));

            if (raw >= 0)
            {
                writer = new BinanceQueryWriter(buffer);
                writer.Add("q"u8, Quantity.FromRaw(raw, precision));
                Assert.Equal("q=" + Quantity.FromRaw(raw, precision).ToString(), Encoding.ASCII.GetString(writer.Written));
            }

            writer = new BinanceQueryWriter(buffer);
            writer.Add("n"u8, raw);
            Assert.Equal("n=" + raw.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(writer.Written));
        }
    }

    [Fact]
    public void The_query_writer_refuses_what_does_not_fit()
    {
        var buffer = new byte[12];
        var writer = new BinanceQueryWriter(buffer);
        writer.Add("t"u8, 1_764_000_000L); // "t=1764000000": exactly full
        Assert.Equal(12, writer.Length);
        var full = false;
        try
        {
            writer.Add("x"u8, 1);
        }
        catch (InvalidOperationException)
        {
            full = true;
        }

        Assert.True(full);
    }

    private static SubmitOrder PostOnlySell(int i) => new()
    {
        ClientOrderId = ClientOrderId.Parse($"fs-{i}"),
        Instrument = InstrumentId.Of("BTCUSDT-PERP", Venue.Binance),
        Side = OrderSide.Sell,
        Type = OrderType.Limit,
        Quantity = Quantity.FromDecimal(0.012m, 3),
        Price = Price.FromRaw(618_000 + i, 1),
        TimeInForce = TimeInForce.Gtx,
    };

    private static SubmitOrder RandomOrder(Random random, BinanceMarket market)
    {
        var type = UsdmTypes[random.Next(UsdmTypes.Length)];
        var precision = (byte)random.Next(0, 9);
        var stop = type is OrderType.StopMarket or OrderType.StopLimit or OrderType.TakeProfitMarket or OrderType.TakeProfitLimit;
        return new SubmitOrder
        {
            ClientOrderId = ClientOrderId.Parse(random.Next(4) == 0 ? $"x:{random.Next()}/y" : $"fs-s{random.Next(100)}-{random.NextInt64(1_000_000_000_000)}"),
            Instrument = InstrumentId.Of("BTCUSDT-PERP", Venue.Binance),
            Side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell,
            Type = type,
            Quantity = Quantity.FromRaw(random.NextInt64(1, 10_000_000), (byte)random.Next(0, 9)),
            Price = random.Next(5) == 0 ? null : Price.FromRaw(random.NextInt64(1, 100_000_000_000), precision),
            TriggerPrice = stop ? Price.FromRaw(random.NextInt64(1, 100_000_000_000), precision) : null,
            TimeInForce = (TimeInForce)random.Next(1, 5),
            ReduceOnly = random.Next(4) == 0,
            PositionSide = (PositionSide)random.Next(3),
        };
    }
}
