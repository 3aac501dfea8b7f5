using System.Security.Cryptography;
using System.Text;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>
/// Signs Binance SIGNED (TRADE / USER_DATA) requests: HMAC-SHA256 of the total parameters (query string followed by
/// the body, exactly as sent) keyed by the API secret, as 64 lower-case hex characters in the <c>signature</c>
/// parameter; the API key travels in the <c>X-MBX-APIKEY</c> header. Allocation-free after construction.
/// </summary>
/// <remarks>
/// Thread-safe. The HMAC context keyed with the secret is made once and reset after each signature
/// (<see cref="IncrementalHash"/>): the one-shot <see cref="HMACSHA256.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>
/// sets the key up again on every call, which costs more than hashing an order's few hundred bytes. Calls
/// serialise on a lock (uncontended in practice: one signer per account). The secret is never exposed.
/// </remarks>
public sealed class BinanceRequestSigner : IDisposable
{
    /// <summary>Length of a hex signature.</summary>
    public const int SignatureLength = 64;

    /// <summary>The header that carries the API key.</summary>
    public const string ApiKeyHeader = "X-MBX-APIKEY";

    private readonly IncrementalHash _hmac;
    private readonly Lock _lock = new();

    /// <summary>Creates a signer for one API key pair.</summary>
    /// <exception cref="ArgumentException">The key or secret is empty.</exception>
    public BinanceRequestSigner(string apiKey, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ApiKey = apiKey;
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>The API key (sent in <see cref="ApiKeyHeader"/>).</summary>
    public string ApiKey { get; }

    /// <summary>Writes the signature of <paramref name="totalParams"/> as lower-case hex into <paramref name="hex"/> (64 bytes).</summary>
    /// <exception cref="ArgumentException"><paramref name="hex"/> is shorter than <see cref="SignatureLength"/>.</exception>
    public void ComputeSignature(ReadOnlySpan<byte> totalParams, Span<byte> hex)
    {
        if (hex.Length < SignatureLength)
        {
            throw new ArgumentException($"A signature needs {SignatureLength} bytes.", nameof(hex));
        }

        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        lock (_lock)
        {
            _hmac.AppendData(totalParams);
            _hmac.GetHashAndReset(hash);
        }

        Convert.TryToHexStringLower(hash, hex, out _);
    }

    /// <summary>The signature of <paramref name="totalParams"/> as a string (tests and diagnostics).</summary>
    public string ComputeSignature(string totalParams)
    {
        ArgumentNullException.ThrowIfNull(totalParams);
        Span<byte> hex = stackalloc byte[SignatureLength];
        ComputeSignature(Encoding.UTF8.GetBytes(totalParams), hex);
        return Encoding.ASCII.GetString(hex);
    }

    /// <summary>
    /// Appends <c>&amp;signature=HEX</c> over the <paramref name="length"/> parameter bytes already in
    /// <paramref name="buffer"/>; returns the new length.
    /// </summary>
    /// <exception cref="ArgumentException">The buffer has no room for the signature.</exception>
    public int AppendSignature(Span<byte> buffer, int length)
    {
        ReadOnlySpan<byte> name = "&signature="u8;
        if (buffer.Length < length + name.Length + SignatureLength)
        {
            throw new ArgumentException("The buffer has no room for the signature.", nameof(buffer));
        }

        var written = buffer[..length];
        name.CopyTo(buffer[length..]);
        ComputeSignature(written, buffer.Slice(length + name.Length, SignatureLength));
        return length + name.Length + SignatureLength;
    }

    /// <summary>Releases the HMAC context.</summary>
    public void Dispose() => _hmac.Dispose();
}
