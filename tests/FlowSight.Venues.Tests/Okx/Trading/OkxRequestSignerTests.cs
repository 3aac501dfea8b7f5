using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using FlowSight.Venues.Okx.Trading;
using Xunit;

namespace FlowSight.Venues.Tests.Okx.Trading;

/// <summary>
/// OKX's signature. OKX's documentation gives the scheme and the timestamp format (<c>2020-12-08T09:08:57.715Z</c>)
/// but no key with its expected signature, so the signer is checked against RFC 4231's published HMAC-SHA256 vector
/// (the prehash split across its parts) and against the signatures ccxt 4.5.84 computes for the same requests
/// (REST order entry, order lookup with a query, the WebSocket login). The paper venue accepting every call of the
/// other tests is the end-to-end check.
/// </summary>
public sealed class OkxRequestSignerTests
{
    [Fact]
    public void The_timestamp_is_ISO_8601_UTC_with_milliseconds_as_in_OKXs_example()
    {
        var at = new DateTimeOffset(2020, 12, 8, 9, 8, 57, 715, TimeSpan.Zero);
        Assert.Equal("2020-12-08T09:08:57.715Z", OkxRequestSigner.Timestamp(at));
        Assert.Equal("2020-12-08T09:08:57.715Z", OkxRequestSigner.Timestamp(at.ToOffset(TimeSpan.FromHours(8))));
        Assert.Equal("2020-12-08T09:08:57.000Z", OkxRequestSigner.Timestamp(new DateTimeOffset(2020, 12, 8, 9, 8, 57, TimeSpan.Zero)));
    }

    [Fact]
    public void The_signature_is_Base64_of_HMAC_SHA256_over_timestamp_method_path_and_body_RFC_4231_case_2()
    {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?",
        // HMAC-SHA256 = 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843.
        var expected = Convert.ToBase64String(Convert.FromHexString("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        using var signer = new OkxRequestSigner("Jefe");
        Assert.Equal(expected, signer.Sign("what do ya", " want", " for ", "nothing?"));
        Span<byte> utf8 = stackalloc byte[OkxRequestSigner.SignatureLength];
        var written = signer.Sign("what", " do ya want", " for nothing?", default, utf8);
        Assert.Equal(expected, Encoding.ASCII.GetString(utf8[..written]));
    }

    [Fact]
    public void A_body_longer_than_the_stack_buffer_signs_the_same_as_the_string_overload()
    {
        using var signer = new OkxRequestSigner("s");
        var body = "[" + string.Join(',', Enumerable.Range(0, 40).Select(i => $"{{\"instId\":\"BTC-USDT-SWAP\",\"clOrdId\":\"c{i}\"}}")) + "]";
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData("s"u8, Encoding.UTF8.GetBytes("2024-01-01T00:00:00.000ZPOST/api/v5/trade/cancel-batch-orders" + body)));
        Assert.Equal(expected, signer.Sign("2024-01-01T00:00:00.000Z", "POST", "/api/v5/trade/cancel-batch-orders", body));
    }

    [Fact]
    public void Signing_a_request_allocates_nothing()
    {
        using var signer = new OkxRequestSigner("h5-secret-0123456789");
        var body = "{\"instId\":\"BTC-USDT-SWAP\",\"tdMode\":\"cross\",\"clOrdId\":\"a1\",\"side\":\"buy\",\"ordType\":\"limit\",\"px\":\"60000.1\",\"sz\":\"2\"}"u8.ToArray();
        var destination = new byte[OkxRequestSigner.SignatureLength];
        signer.Sign("2024-01-01T00:00:00.000Z", "POST", "/api/v5/trade/order", body, destination);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            signer.Sign("2024-01-01T00:00:00.000Z", "POST", "/api/v5/trade/order", body, destination);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task Signatures_equal_those_ccxt_computes_for_the_same_requests()
    {
        (string Path, string Method, long Nonce, object Params)[] requests =
        [
            ("trade/order", "POST", 1_700_000_000_123L, new { instId = "BTC-USDT-SWAP", tdMode = "cross", clOrdId = "abc123", side = "buy", ordType = "limit", px = "60000.1", sz = "2" }),
            ("trade/order", "GET", 1_700_000_001_000L, new { instId = "BTC-USDT-SWAP", clOrdId = "abc123" }),
            ("trade/cancel-order", "POST", 1_733_011_200_007L, new { instId = "ETH-USDT-SWAP", ordId = "1234567890" }),
            ("account/balance", "GET", 1_733_011_200_999L, new { }),
        ];
        var cases = requests.Select(r => (object)new { path = r.Path, method = r.Method, nonce = r.Nonce, @params = r.Params }).Append(new { login = true, seconds = 1_538_054_050L }).ToList();
        using var results = await RunCcxtAsync(JsonSerializer.Serialize(cases));
        using var signer = new OkxRequestSigner("h5-secret-0123456789");
        var items = results.RootElement.EnumerateArray().ToList();
        Assert.Equal(cases.Count, items.Count);
        for (var i = 0; i < requests.Length; i++)
        {
            var item = items[i];
            var timestamp = item.GetProperty("timestamp").GetString()!;
            Assert.Equal(OkxRequestSigner.Timestamp(DateTimeOffset.FromUnixTimeMilliseconds(requests[i].Nonce)), timestamp);
            var ours = signer.Sign(timestamp, requests[i].Method, item.GetProperty("requestPath").GetString()!, item.GetProperty("body").GetString()!);
            Assert.Equal(item.GetProperty("sign").GetString(), ours);
        }

        var login = items[^1];
        Assert.Equal("1538054050", login.GetProperty("timestamp").GetString());
        Assert.Equal(login.GetProperty("sign").GetString(), signer.SignLogin(1_538_054_050));
    }

    private static async Task<JsonDocument> RunCcxtAsync(string casesJson)
    {
        var ccxtDirectory = CcxtDirectory();
        var node = FindOnPath("node");
        var entry = Path.Combine(ccxtDirectory, "node_modules", "ccxt", "js", "ccxt.js");
        var missing = node is null ? "node is not on PATH" : !File.Exists(entry) ? $"ccxt is not installed in {ccxtDirectory} (npm ci)" : null;
        if (missing is not null)
        {
            var reason = $"{missing}; test.sh installs it.";
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), reason);
            Assert.Skip(reason);
        }

        var start = new ProcessStartInfo(node!)
        {
            WorkingDirectory = ccxtDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(ScriptDirectory(), "okx-sign.mjs"));
        start.ArgumentList.Add(new Uri(entry).AbsoluteUri);
        start.ArgumentList.Add(casesJson);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"node okx-sign.mjs exited {process.ExitCode.ToString(CultureInfo.InvariantCulture)}\n{output}\n{await stderr}");
        return JsonDocument.Parse(output.Trim());
    }

    // From the build output up to the repository (any --artifacts-path under it), else where this file was compiled.
    private static string CcxtDirectory() => RepositoryPath(Path.Combine("tests", "FlowSight.PaperVenue.Tests", "Ccxt"), "package.json");

    private static string ScriptDirectory([CallerFilePath] string source = "")
    {
        var fromRepository = RepositoryPath(Path.Combine("tests", "FlowSight.Venues.Tests", "Okx", "Trading"), "okx-sign.mjs");
        return File.Exists(Path.Combine(fromRepository, "okx-sign.mjs")) ? fromRepository : Path.GetDirectoryName(source)!;
    }

    private static string RepositoryPath(string relative, string marker, [CallerFilePath] string source = "")
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(Path.Combine(candidate, marker)))
            {
                return candidate;
            }
        }

        for (var dir = new DirectoryInfo(Path.GetDirectoryName(source)!); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(Path.Combine(candidate, marker)))
            {
                return candidate;
            }
        }

        return relative;
    }

    private static string? FindOnPath(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(dir, program);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
