using System.Security.Cryptography;
using FlowSight.Benchmarks.Okx;
using FlowSight.Core;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Trading;

namespace FlowSight.Benchmarks.Binance;

/// <summary>
/// Binance build + sign (and OKX signing, so it is not regressed) in thread CPU time, best of N rounds of ≥ 20 ms each,
/// cases interleaved in every round, with the encoder and signing path as they were before the order templates
/// (<see cref="LegacyBinanceNewOrder"/>, a frozen copy) in the same process: an A/B that a shared machine's noise
/// cannot tilt. Run: <c>dotnet run -c Release --project bench/FlowSight.Benchmarks -- signing-cpu 15</c>.
/// </summary>
public static class SigningCpuTimeRunner
{
    private const int PerCall = 1_000;

    private static void Macs(Venues.Network.HmacSha256Midstate midstate, ReadOnlySpan<byte> message, Span<byte> mac)
    {
        for (var i = 0; i < PerCall; i++)
        {
            midstate.Compute(message, mac);
        }
    }

    /// <summary>Runs <paramref name="rounds"/> rounds and prints ns per request for each case.</summary>
    public static void Run(int rounds)
    {
        var binance = new BinanceSigningBenchmarks();
        binance.Setup();
        var okx = new OkxSigningBenchmarks();
        var buffer = new byte[BinanceOrderEncoder.MaxRequestLength];
        var hex = new byte[64];
        var hash = new byte[32];
        var secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"u8.ToArray();
        var signer = new BinanceRequestSigner("vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A", "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j");
        var order = binance.Order;
        var symbol = "BTCUSDT"u8.ToArray();
        var legacyLength = LegacyBinanceNewOrder.WriteSigned(buffer, signer, symbol, order, 5000, 1_764_000_000_000);
        var message = buffer.AsSpan(0, legacyLength - 75).ToArray(); // the parameters, without &signature=…
        long timestamp = 1_764_000_000_000;
        using var midstate = Venues.Network.HmacSha256Midstate.TryCreate(secret)!;
        var cases = new (string Name, Action Run)[]
        {
            ("Binance build + sign, before (frozen copy)", () =>
            {
                for (var i = 0; i < PerCall; i++)
                {
                    LegacyBinanceNewOrder.WriteSigned(buffer, signer, symbol, order, 5000, timestamp++);
                }
            }),
            ("Binance build + sign (WriteSignedNewOrder)", () =>
            {
                for (var i = 0; i < PerCall; i++)
                {
                    BinanceOrderEncoder.WriteSignedNewOrder(buffer, signer, BinanceMarket.UsdM, symbol, order, 5000, timestamp++);
                }
            }),
            ("Binance encode only, before (frozen copy)", () =>
            {
                for (var i = 0; i < PerCall; i++)
                {
                    LegacyBinanceNewOrder.Write(buffer, symbol, order, 5000, timestamp++);
                }
            }),
            ("Binance encode only (WriteNewOrder + WriteTiming)", () =>
            {
                for (var i = 0; i < PerCall; i++)
                {
                    var writer = new BinanceQueryWriter(buffer);
                    BinanceOrderEncoder.WriteNewOrder(ref writer, BinanceMarket.UsdM, symbol, order);
                    BinanceOrderEncoder.WriteTiming(ref writer, 5000, timestamp++);
                }
            }),
            ("Binance template lookup + its parameters copied (no values)", () =>
            {
                for (var i = 0; i < PerCall; i++)
                {
                    var template = signer.Templates!.Get(BinanceMarket.UsdM, symbol, order)!;
                    var writer = new BinanceQueryWriter(buffer);
                    writer.AppendRaw(template.Parameters);
                }
            }),
            ("Binance order values + timing after the template", () =>
            {
                var template = signer.Templates!.Get(BinanceMarket.UsdM, symbol, order)!;
                for (var i = 0; i < PerCall; i++)
                {
                    var writer = new BinanceQueryWriter(buffer, template.Parameters.Length);
                    writer.Add("quantity"u8, order.Quantity);
                    writer.Add("price"u8, order.Price!.Value);
                    writer.Add("newClientOrderId"u8, order.ClientOrderId.Utf8);
                    BinanceOrderEncoder.WriteTiming(ref writer, 5000, timestamp++);
                }
            }),
            ("Binance signature from the template (HMAC + hex + append)", () =>
            {
                var template = signer.Templates!.Get(BinanceMarket.UsdM, symbol, order)!;
                var length = BinanceOrderEncoder.WriteSignedNewOrder(buffer, signer, BinanceMarket.UsdM, symbol, order, 5000, timestamp) - 75;
                for (var i = 0; i < PerCall; i++)
                {
                    signer.AppendSignature(buffer, length, template.Prefix);
                }
            }),
            ("midstate HMAC, 0 B (1 inner + 1 outer block)", () => Macs(midstate, message.AsSpan(0, 0), hash)),
            ("midstate HMAC, 64 B (2 + 1 blocks)", () => Macs(midstate, message.AsSpan(0, 64), hash)),
            ("midstate HMAC, 128 B (3 + 1 blocks)", () => Macs(midstate, message.AsSpan(0, 128), hash)),
            ("midstate HMAC, 181 B (4 + 1 blocks)", () => Macs(midstate, message.AsSpan(0, 181), hash)),
            ($"Binance HMAC + hex of the {message.Length}-byte order, no template", () =>
            {
                for (var i = 0; i < PerCall; i++)
                {
                    signer.ComputeSignature(message, hex);
                }
            }),
            ("Binance HMAC of the documentation example (111 B)", () =>
            {
                for (var i = 0; i < PerCall; i++)
                {
                    binance.SignDocumentationExample();
                }
            }),
            ("hex of 32 bytes (Convert.TryToHexStringLower)", () =>
            {
                for (var i = 0; i < PerCall; i++)
                {
                    Convert.TryToHexStringLower(hash, hex, out _);
                    hash[0]++;
                }
            }),
            ("OKX order body sign", () =>
            {
                for (var i = 0; i < PerCall; i++)
                {
                    okx.SignOrder();
                }
            }),
            ("OKX timestamp + order body sign", () =>
            {
                for (var i = 0; i < PerCall; i++)
                {
                    okx.TimestampAndSignOrder();
                }
            }),
        };
        var best = Enumerable.Repeat(double.MaxValue, cases.Length).ToArray();
        var all = cases.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                var start = ThreadCpuTime.Now();
                var calls = 0;
                long end;
                do
                {
                    cases[c].Run();
                    calls++;
                }
                while ((end = ThreadCpuTime.Now()) - start < 20_000_000);

                var ns = (double)(end - start) / calls / PerCall;
                best[c] = Math.Min(best[c], ns);
                all[c].Add(ns);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            BinanceOrderEncoder.WriteSignedNewOrder(buffer, signer, BinanceMarket.UsdM, symbol, order, 5000, timestamp++);
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / 1_000;
        for (var c = 0; c < cases.Length; c++)
        {
            all[c].Sort();
            Console.WriteLine($"{cases[c].Name,-60} best {best[c],7:N1} ns   median {all[c][all[c].Count / 2],7:N1} ns");
        }

        Console.WriteLine($"allocated per WriteSignedNewOrder (warm, 1,000 calls): {allocated} B");
        var length = BinanceOrderEncoder.WriteSignedNewOrder(buffer, signer, BinanceMarket.UsdM, symbol, order, 5000, 1_764_000_000_000);
        Console.WriteLine($"request ({length} B): {System.Text.Encoding.ASCII.GetString(buffer, 0, length)}");
        GC.KeepAlive(secret);
    }
}
