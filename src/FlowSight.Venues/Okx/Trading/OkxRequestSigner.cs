using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FlowSight.Venues.Network;

namespace FlowSight.Venues.Okx.Trading;

/// <summary>
/// OKX v5's request signature: <c>OK-ACCESS-SIGN</c> = Base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath
/// (with its query) + body)), with <c>OK-ACCESS-TIMESTAMP</c> in ISO 8601 UTC with milliseconds
/// (<c>2020-12-08T09:08:57.715Z</c>); the private WebSocket's <c>login</c> signs <c>timestamp + "GET" +
/// "/users/self/verify"</c> with the timestamp in Unix seconds. The prehash is assembled in a stack or pooled buffer
/// and hashed from the SHA-256 states after the key's inner and outer padded blocks, computed once
/// (<see cref="HmacSha256Midstate"/>, libcrypto's SHA-256): a one-shot
/// <see cref="HMACSHA256.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/> sets the key up again on
/// every call, and a reused keyed <see cref="IncrementalHash"/> costs more in its reset than the hash itself. No
/// allocation but the caller's output.
/// </summary>
/// <remarks>
/// Thread-safe: the precomputed states are read-only and every signature works on stack copies. Where libcrypto 3's
/// SHA-256 functions are unavailable, each thread signs with its own keyed <see cref="IncrementalHash"/> instead. The
/// key states are zeroed on <see cref="Dispose"/>.
/// </remarks>
public sealed class OkxRequestSigner : IDisposable
{
    /// <summary>Length of a signature: Base64 of 32 bytes.</summary>
    public const int SignatureLength = 44;

    /// <summary>Length of <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
    public const int TimestampLength = 24;

    /// <summary>The path the WebSocket login signs.</summary>
    public const string LoginPath = "/users/self/verify";

    private const int StackLimit = 512;

    private readonly byte[]? _secret;
    private readonly HmacSha256Midstate? _midstate;
    private readonly ThreadLocal<IncrementalHash>? _hmac;

    /// <summary>Creates a signer for the API key's secret.</summary>
    /// <exception cref="ArgumentException">The secret is empty.</exception>
    public OkxRequestSigner(string secret)
        : this(secret, useNativeHash: true)
    {
    }

    /// <summary>Creates a signer; <paramref name="useNativeHash"/> false forces the per-thread <see cref="IncrementalHash"/> fallback (tests, benchmarks).</summary>
    internal OkxRequestSigner(string secret, bool useNativeHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var key = Encoding.UTF8.GetBytes(secret);
        _midstate = useNativeHash ? HmacSha256Midstate.TryCreate(key) : null;
        if (_midstate is not null)
        {
            CryptographicOperations.ZeroMemory(key);
            return;
        }

        // The fallback keys an HMAC per thread, so it keeps the secret (zeroed on Dispose).
        _secret = key;
        _hmac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret), trackAllValues: true);
    }

    /// <summary>Whether signatures use the precomputed native SHA-256 states (false: the IncrementalHash fallback).</summary>
    internal bool UsesNativeHash => _midstate is not null;

    /// <summary>Writes <paramref name="time"/> as OKX's <c>OK-ACCESS-TIMESTAMP</c> (24 characters) into <paramref name="destination"/>.</summary>
    public static int FormatTimestamp(DateTimeOffset time, Span<char> destination) =>
        time.UtcDateTime.TryFormat(destination, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
            ? written
            : throw new ArgumentException("The destination is shorter than a timestamp.", nameof(destination));

    /// <summary>OKX's <c>OK-ACCESS-TIMESTAMP</c> of <paramref name="time"/>.</summary>
    public static string Timestamp(DateTimeOffset time)
    {
        Span<char> text = stackalloc char[TimestampLength];
        return new string(text[..FormatTimestamp(time, text)]);
    }

    /// <summary>
    /// Signs one REST request into <paramref name="destination"/> (UTF-8 Base64, <see cref="SignatureLength"/> bytes).
    /// </summary>
    /// <param name="timestamp">The <c>OK-ACCESS-TIMESTAMP</c> header's value.</param>
    /// <param name="method">GET or POST, upper case.</param>
    /// <param name="requestPath">The path and query exactly as sent, e.g. <c>/api/v5/trade/order?instId=BTC-USDT-SWAP&amp;clOrdId=a1</c>.</param>
    /// <param name="body">The body exactly as sent (empty for GET).</param>
    /// <param name="destination">At least <see cref="SignatureLength"/> bytes.</param>
    /// <returns>The bytes written.</returns>
    public int Sign(ReadOnlySpan<char> timestamp, ReadOnlySpan<char> method, ReadOnlySpan<char> requestPath, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        // All three text parts are ASCII on the wire (OKX's query values are escaped), so one byte per char.
        var length = Encoding.UTF8.GetByteCount(timestamp) + Encoding.UTF8.GetByteCount(method) + Encoding.UTF8.GetByteCount(requestPath) + body.Length;
        byte[]? rented = null;
        var prehash = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var at = Encoding.UTF8.GetBytes(timestamp, prehash);
            at += Encoding.UTF8.GetBytes(method, prehash[at..]);
            at += Encoding.UTF8.GetBytes(requestPath, prehash[at..]);
            body.CopyTo(prehash[at..]);
            at += body.Length;
            return SignPrehash(prehash[..at], destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Signs one REST request: the <c>OK-ACCESS-SIGN</c> header's value.</summary>
    public string Sign(string timestamp, string method, string requestPath, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        byte[]? rented = null;
        var count = Encoding.UTF8.GetByteCount(body);
        var bodyBytes = count <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(count));
        try
        {
            var written = Encoding.UTF8.GetBytes(body, bodyBytes);
            Span<byte> signature = stackalloc byte[SignatureLength];
            var length = Sign(timestamp, method, requestPath, bodyBytes[..written], signature);
            return Encoding.ASCII.GetString(signature[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The <c>sign</c> of a WebSocket <c>login</c> at <paramref name="unixSeconds"/> (also its <c>timestamp</c>).</summary>
    public string SignLogin(long unixSeconds)
    {
        Span<char> timestamp = stackalloc char[20];
        unixSeconds.TryFormat(timestamp, out var written, provider: CultureInfo.InvariantCulture);
        Span<byte> signature = stackalloc byte[SignatureLength];
        var length = Sign(timestamp[..written], "GET", LoginPath, default, signature);
        return Encoding.ASCII.GetString(signature[..length]);
    }

    /// <summary>Zeroes the precomputed key states, or releases the fallback's per-thread HMAC instances and zeroes its key.</summary>
    public void Dispose()
    {
        _midstate?.Dispose();
        if (_hmac is not null)
        {
            foreach (var hmac in _hmac.Values)
            {
                hmac.Dispose();
            }

            _hmac.Dispose();
            CryptographicOperations.ZeroMemory(_secret);
        }
    }

    private int SignPrehash(ReadOnlySpan<byte> prehash, Span<byte> destination)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (_midstate is not null)
        {
            _midstate.Compute(prehash, mac);
        }
        else
        {
            var hmac = _hmac!.Value!;
            hmac.AppendData(prehash);
            hmac.GetHashAndReset(mac);
        }

        var status = Base64.EncodeToUtf8(mac, destination, out _, out var written);
        return status == OperationStatus.Done ? written : throw new ArgumentException("The destination is shorter than a signature.", nameof(destination));
    }
}
