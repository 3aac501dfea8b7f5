using System.Security.Cryptography;
using System.Text;
using FlowSight.Venues.Network;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>
/// Signs Binance SIGNED (TRADE / USER_DATA) requests: HMAC-SHA256 of the total parameters (query string followed by
/// the body, exactly as sent) keyed by the API secret, as 64 lower-case hex characters in the <c>signature</c>
/// parameter; the API key travels in the <c>X-MBX-APIKEY</c> header. Allocation-free after construction.
/// </summary>
/// <remarks>
/// Thread-safe. The SHA-256 states after the secret's inner and outer padded blocks are computed once
/// (<see cref="HmacSha256Midstate"/>, libcrypto's SHA-256): a signature hashes only the parameters and one outer
/// block, on stack copies, so calls run concurrently without a lock. The one-shot
/// <see cref="HMACSHA256.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/> sets the key up again on every
/// call, and even a reused keyed <see cref="IncrementalHash"/> costs more in its reset than hashing an order's few
/// hundred bytes. Where libcrypto 3's SHA-256 functions are unavailable, the signer falls back to one
/// <see cref="IncrementalHash"/> keyed once and reset after each signature, with calls serialised on a lock
/// (uncontended in practice: one signer per account). The secret is never exposed; the key states are zeroed on
/// <see cref="Dispose"/>.
/// </remarks>
public sealed class BinanceRequestSigner : IDisposable
{
    /// <summary>Length of a hex signature.</summary>
    public const int SignatureLength = 64;

    /// <summary>The header that carries the API key.</summary>
    public const string ApiKeyHeader = "X-MBX-APIKEY";

    private readonly HmacSha256Midstate? _midstate;
    private readonly IncrementalHash? _hmac;
    private readonly Lock _lock = new();

    /// <summary>Creates a signer for one API key pair.</summary>
    /// <exception cref="ArgumentException">The key or secret is empty.</exception>
    public BinanceRequestSigner(string apiKey, string secret)
        : this(apiKey, secret, useNativeHash: true)
    {
    }

    /// <summary>Creates a signer; <paramref name="useNativeHash"/> false forces the <see cref="IncrementalHash"/> fallback (tests, benchmarks).</summary>
    internal BinanceRequestSigner(string apiKey, string secret, bool useNativeHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ApiKey = apiKey;
        var key = Encoding.UTF8.GetBytes(secret);
        try
        {
            _midstate = useNativeHash ? HmacSha256Midstate.TryCreate(key) : null;
            _hmac = _midstate is null ? IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key) : null;
            Templates = _midstate is null ? null : new BinanceOrderTemplates(_midstate);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Whether signatures use the precomputed native SHA-256 states (false: the IncrementalHash fallback).</summary>
    internal bool UsesNativeHash => _midstate is not null;

    /// <summary>New-order templates with their hash states (<see cref="BinanceOrderEncoder.WriteSignedNewOrder"/>); null on the fallback.</summary>
    internal BinanceOrderTemplates? Templates { get; }

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
        if (_midstate is not null)
        {
            _midstate.Compute(totalParams, hash);
        }
        else
        {
            lock (_lock)
            {
                _hmac!.AppendData(totalParams);
                _hmac.GetHashAndReset(hash);
            }
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
    public int AppendSignature(Span<byte> buffer, int length) => AppendSignature(buffer, length, null);

    /// <summary>
    /// <see cref="AppendSignature(Span{byte}, int)"/> for parameters that begin with <paramref name="prefix"/>'s bytes,
    /// already hashed: only the rest is.
    /// </summary>
    /// <exception cref="ArgumentException">The buffer has no room for the signature, or its parameters do not begin with the prefix.</exception>
    internal int AppendSignature(Span<byte> buffer, int length, HmacSha256Midstate.Prefix? prefix)
    {
        ReadOnlySpan<byte> name = "&signature="u8;
        if (buffer.Length < length + name.Length + SignatureLength)
        {
            throw new ArgumentException("The buffer has no room for the signature.", nameof(buffer));
        }

        var written = buffer[..length];
        name.CopyTo(buffer[length..]);
        var hex = buffer.Slice(length + name.Length, SignatureLength);
        if (prefix is not null && _midstate is not null)
        {
            Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
            _midstate.Compute(prefix, written, hash);
            Convert.TryToHexStringLower(hash, hex, out _);
        }
        else
        {
            ComputeSignature(written, hex);
        }

        return length + name.Length + SignatureLength;
    }

    /// <summary>Zeroes the precomputed key states, or releases the fallback's HMAC context.</summary>
    public void Dispose()
    {
        Templates?.Clear();
        _midstate?.Dispose();
        _hmac?.Dispose();
    }
}
