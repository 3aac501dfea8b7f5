using BenchmarkDotNet.Attributes;
using FlowSight.Venues.Okx.Trading;

namespace FlowSight.Benchmarks.Okx;

/// <summary>
/// OKX request signing (<see cref="OkxRequestSigner"/>): Base64(HMAC-SHA256(secret, timestamp + method + path +
/// body)) for a limit order's JSON body (the hot path: every order), an order lookup with its query, and the
/// timestamp formatting that precedes each. Issue 7's target: ≤ 300 ns per request. Run:
/// <c>dotnet run -c Release --project bench/FlowSight.Benchmarks -- --filter '*OkxSigning*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class OkxSigningBenchmarks
{
    private const string Timestamp = "2026-11-24T19:30:00.123Z";
    private static readonly DateTimeOffset At = new(2026, 11, 24, 19, 30, 0, 123, TimeSpan.Zero);

    // Static: one per process, as a client keeps one for its life (BenchmarkDotNet needs an unsealed class, no disposal).
    private static readonly OkxRequestSigner Signer = new("h5-bench-secret-0123456789ABCDEF");

    private readonly byte[] _body = "{\"instId\":\"BTC-USDT-SWAP\",\"tdMode\":\"cross\",\"clOrdId\":\"s1o000000123\",\"side\":\"buy\",\"ordType\":\"limit\",\"px\":\"60000.1\",\"sz\":\"2\"}"u8.ToArray();
    private readonly byte[] _signature = new byte[OkxRequestSigner.SignatureLength];
    private readonly char[] _timestamp = new char[OkxRequestSigner.TimestampLength];

    /// <summary>POST trade/order with its JSON body, into a byte span (no allocation).</summary>
    [Benchmark(Baseline = true)]
    public int SignOrder() => Signer.Sign(Timestamp, "POST", "/api/v5/trade/order", _body, _signature);

    /// <summary>GET trade/order by client id, into a byte span.</summary>
    [Benchmark]
    public int SignQuery() => Signer.Sign(Timestamp, "GET", "/api/v5/trade/order?instId=BTC-USDT-SWAP&clOrdId=s1o000000123", default, _signature);

    /// <summary>Timestamp formatting, then signing the order: what each attempt does.</summary>
    [Benchmark]
    public int TimestampAndSignOrder()
    {
        var length = OkxRequestSigner.FormatTimestamp(At, _timestamp);
        return Signer.Sign(_timestamp.AsSpan(0, length), "POST", "/api/v5/trade/order", _body, _signature);
    }
}
