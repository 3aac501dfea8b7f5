using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FlowSight.Venues.GateIo.Trading;

/// <summary>
/// Gate.io API v4's signatures. REST: <c>SIGN</c> = hex(HMAC-SHA512(secret, METHOD + "\n" + path (with the
/// <c>/api/v4</c> prefix) + "\n" + query (as sent, without <c>?</c>) + "\n" + hex(SHA512(body)) + "\n" +
/// Timestamp)), with <c>KEY</c> and <c>Timestamp</c> (Unix seconds) headers. Private WebSocket channels:
/// <c>auth.SIGN</c> = hex(HMAC-SHA512(secret, "channel=" + channel + "&amp;event=" + event + "&amp;time=" + time)).
/// The prehash is assembled in a stack or pooled buffer and hashed with the static span APIs: no allocation but the
/// caller's output.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class GateIoRequestSigner
{
    /// <summary>Length of a signature: lower-case hex of 64 bytes.</summary>
    public const int SignatureLength = 128;

    private const int StackLimit = 1024;

    private readonly byte[] _secret;

    /// <summary>Creates a signer for the API key's secret.</summary>
    /// <exception cref="ArgumentException">The secret is empty.</exception>
    public GateIoRequestSigner(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _secret = Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>Signs one REST request into <paramref name="destination"/> (<see cref="SignatureLength"/> ASCII hex bytes).</summary>
    /// <param name="method">GET, POST, PUT, PATCH or DELETE, upper case.</param>
    /// <param name="path">The path with the <c>/api/v4</c> prefix, e.g. <c>/api/v4/spot/orders</c>.</param>
    /// <param name="query">The query string exactly as sent, without the leading <c>?</c> (empty for none).</param>
    /// <param name="body">The body exactly as sent (empty for none).</param>
    /// <param name="unixSeconds">The <c>Timestamp</c> header's value.</param>
    /// <param name="destination">At least <see cref="SignatureLength"/> bytes.</param>
    public void Sign(ReadOnlySpan<char> method, ReadOnlySpan<char> path, ReadOnlySpan<char> query, ReadOnlySpan<byte> body, long unixSeconds, Span<byte> destination)
    {
        if (destination.Length < SignatureLength)
        {
            throw new ArgumentException("The destination is shorter than a signature.", nameof(destination));
        }

        var length = Encoding.UTF8.GetByteCount(method) + Encoding.UTF8.GetByteCount(path) + Encoding.UTF8.GetByteCount(query) + SignatureLength + 4 + 20;
        byte[]? rented = null;
        var prehash = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var at = Encoding.UTF8.GetBytes(method, prehash);
            prehash[at++] = (byte)'\n';
            at += Encoding.UTF8.GetBytes(path, prehash[at..]);
            prehash[at++] = (byte)'\n';
            at += Encoding.UTF8.GetBytes(query, prehash[at..]);
            prehash[at++] = (byte)'\n';
            Span<byte> bodyHash = stackalloc byte[SHA512.HashSizeInBytes];
            SHA512.HashData(body, bodyHash);
            at += WriteHex(bodyHash, prehash[at..]);
            prehash[at++] = (byte)'\n';
            unixSeconds.TryFormat(prehash[at..], out var written, provider: CultureInfo.InvariantCulture);
            at += written;
            Mac(prehash[..at], destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Signs one REST request: the <c>SIGN</c> header's value.</summary>
    public string Sign(string method, string path, string query, string body, long unixSeconds)
    {
        ArgumentNullException.ThrowIfNull(body);
        Span<byte> signature = stackalloc byte[SignatureLength];
        Sign(method, path, query, Encoding.UTF8.GetBytes(body), unixSeconds, signature);
        return Encoding.ASCII.GetString(signature);
    }

    /// <summary>The <c>auth.SIGN</c> of a private channel request (<paramref name="channelEvent"/> is <c>subscribe</c> or <c>unsubscribe</c>) sent with <c>time</c> = <paramref name="unixSeconds"/>.</summary>
    public string SignChannel(string channel, string channelEvent, long unixSeconds)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(channelEvent);
        Span<byte> prehash = stackalloc byte[StackLimit];
        var at = Encoding.UTF8.GetBytes("channel=", prehash);
        at += Encoding.UTF8.GetBytes(channel, prehash[at..]);
        at += Encoding.UTF8.GetBytes("&event=", prehash[at..]);
        at += Encoding.UTF8.GetBytes(channelEvent, prehash[at..]);
        at += Encoding.UTF8.GetBytes("&time=", prehash[at..]);
        unixSeconds.TryFormat(prehash[at..], out var written, provider: CultureInfo.InvariantCulture);
        at += written;
        Span<byte> signature = stackalloc byte[SignatureLength];
        Mac(prehash[..at], signature);
        return Encoding.ASCII.GetString(signature);
    }

    private void Mac(ReadOnlySpan<byte> prehash, Span<byte> destination)
    {
        Span<byte> mac = stackalloc byte[HMACSHA512.HashSizeInBytes];
        HMACSHA512.HashData(_secret, prehash, mac);
        WriteHex(mac, destination);
    }

    private static int WriteHex(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        const string digits = "0123456789abcdef";
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = (byte)digits[bytes[i] >> 4];
            destination[(2 * i) + 1] = (byte)digits[bytes[i] & 0xF];
        }

        return bytes.Length * 2;
    }
}
