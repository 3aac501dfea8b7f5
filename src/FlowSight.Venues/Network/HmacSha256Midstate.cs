using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace FlowSight.Venues.Network;

/// <summary>
/// HMAC-SHA256 with the key's two padded blocks hashed once: HMAC(K, m) = SHA256((K ⊕ opad) ‖ SHA256((K ⊕ ipad) ‖ m)),
/// and K ⊕ ipad, K ⊕ opad are one 64-byte block each, so the SHA-256 state after each (the midstate) is kept and a
/// signature only hashes the message blocks from the inner midstate, then one block (the 32-byte inner hash and its
/// padding) from the outer one. The compression is OpenSSL's (libcrypto's SHA256_Update / SHA256_Transform, which
/// use the SHA extensions where the CPU has them): .NET exposes no SHA intrinsics, and <see cref="IncrementalHash"/>
/// resets and re-keys an EVP HMAC context per signature, which costs more than the hashing.
/// </summary>
/// <remarks>
/// Thread-safe and allocation-free per signature: the midstates are read-only after construction and every
/// signature works on stack copies. <see cref="TryCreate"/> returns null when libcrypto 3 or one of the functions
/// cannot be loaded, or when the once-per-process self-test against <see cref="HMACSHA256"/> fails (e.g. a libcrypto
/// whose SHA256_CTX layout differs), so callers keep their <see cref="IncrementalHash"/> path. The key material is
/// zeroed on <see cref="Dispose"/>.
/// </remarks>
internal sealed unsafe class HmacSha256Midstate : IDisposable
{
    /// <summary>Bytes of an HMAC-SHA256.</summary>
    public const int HashSize = 32;

    private const int BlockSize = 64;

    private static readonly Native? Functions = Native.Load();

    private Sha256Context _inner;
    private Sha256Context _outer;
    private volatile bool _disposed;

    private HmacSha256Midstate(ReadOnlySpan<byte> key, Native functions)
    {
        Span<byte> pad = stackalloc byte[BlockSize];
        try
        {
            // Keys longer than a block are hashed first (RFC 2104); shorter ones are zero-padded.
            if (key.Length > BlockSize)
            {
                SHA256.HashData(key, pad);
            }
            else
            {
                key.CopyTo(pad);
            }

            Xor(pad, 0x36);
            _inner = functions.Midstate(pad);
            Xor(pad, 0x36 ^ 0x5c);
            _outer = functions.Midstate(pad);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pad);
        }
    }

    /// <summary>Whether libcrypto's SHA-256 was loaded and passed the self-test (false: callers use their fallback).</summary>
    public static bool IsAvailable => Functions is not null;

    /// <summary>The precomputed HMAC for <paramref name="key"/>, or null when the native SHA-256 is unavailable.</summary>
    public static HmacSha256Midstate? TryCreate(ReadOnlySpan<byte> key) =>
        Functions is { } functions ? new HmacSha256Midstate(key, functions) : null;

    /// <summary>Writes HMAC-SHA256(key, <paramref name="message"/>) into <paramref name="mac"/> (32 bytes).</summary>
    /// <exception cref="ObjectDisposedException">The instance was disposed.</exception>
    public void Compute(ReadOnlySpan<byte> message, Span<byte> mac)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(mac.Length, HashSize, nameof(mac));
        Compute(Functions!, _inner, 0, _outer, message, mac);
    }

    /// <summary>
    /// The inner hash's state after <paramref name="blocks"/>, whole 64-byte blocks that later messages begin with:
    /// <see cref="Compute(Prefix, ReadOnlySpan{byte}, Span{byte})"/> then hashes only what follows them.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="blocks"/> is not a whole number of blocks.</exception>
    /// <exception cref="ObjectDisposedException">The instance was disposed.</exception>
    public Prefix CreatePrefix(ReadOnlySpan<byte> blocks)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (blocks.Length % BlockSize != 0)
        {
            throw new ArgumentException($"A prefix is a whole number of {BlockSize}-byte blocks.", nameof(blocks));
        }

        var context = _inner;
        if (!blocks.IsEmpty)
        {
            fixed (byte* data = blocks)
            {
                _ = Functions!.Update(&context, data, (nuint)blocks.Length);
            }
        }

        return new Prefix(this, context, blocks.ToArray());
    }

    /// <summary>
    /// Writes HMAC-SHA256(key, <paramref name="message"/>) into <paramref name="mac"/>, hashing only the bytes after
    /// <paramref name="prefix"/>, which <paramref name="message"/> begins with (checked: a vector compare).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="message"/> does not begin with the prefix, or the prefix is another key's.</exception>
    /// <exception cref="ObjectDisposedException">The instance was disposed.</exception>
    public void Compute(Prefix prefix, ReadOnlySpan<byte> message, Span<byte> mac)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(mac.Length, HashSize, nameof(mac));
        if (!ReferenceEquals(prefix.Owner, this) || !message.StartsWith(prefix.Bytes))
        {
            throw new ArgumentException("The message does not begin with this key's prefix.", nameof(message));
        }

        Compute(Functions!, prefix.State, prefix.Bytes.Length, _outer, message[prefix.Bytes.Length..], mac);
    }

    /// <summary>Zeroes the key-derived states.</summary>
    public void Dispose()
    {
        _disposed = true;
        _inner = default;
        _outer = default;
    }

    /// <summary>
    /// The HMAC of a message whose first <paramref name="hashed"/> bytes (whole blocks) are already in
    /// <paramref name="innerState"/> and whose other bytes are <paramref name="message"/>.
    /// </summary>
    private static void Compute(Native functions, in Sha256Context innerState, int hashed, in Sha256Context outerState, ReadOnlySpan<byte> message, Span<byte> mac)
    {
        // Stack copies: the midstates stay untouched (thread-safe), and the GC cannot move a stack local under libcrypto.
        // The padding is written here rather than by SHA256_Final, so the inner hash is at most two Update calls
        // (the message's whole blocks, then its tail with the padding) and the outer one a single Transform.
        var context = innerState;
        Span<byte> block = stackalloc byte[2 * BlockSize];
        var whole = message.Length & ~(BlockSize - 1);
        var tail = message[whole..];
        var tailLength = tail.Length + 9 <= BlockSize ? BlockSize : 2 * BlockSize;
        tail.CopyTo(block);
        block[tail.Length] = 0x80;
        block[(tail.Length + 1)..(tailLength - 8)].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(block[(tailLength - 8)..], (ulong)(BlockSize + hashed + message.Length) * 8);
        fixed (byte* data = message)
        fixed (byte* padded = block)
        {
            if (whole > 0)
            {
                _ = functions.Update(&context, data, (nuint)whole);
            }

            _ = functions.Update(&context, padded, (nuint)tailLength);

            // The outer hash's only block: the inner hash, 0x80, zeros, the bit length of 64 + 32 bytes.
            for (var i = 0; i < 8; i++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(block[(i * 4)..], context.H[i]);
            }

            block[HashSize] = 0x80;
            block[(HashSize + 1)..(BlockSize - 8)].Clear();
            BinaryPrimitives.WriteUInt64BigEndian(block[(BlockSize - 8)..], (BlockSize + HashSize) * 8);
            context = outerState;
            functions.Transform(&context, padded);
        }

        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(mac[(i * 4)..], context.H[i]);
        }

        // The stack copies hold key-derived state and the inner hash.
        context = default;
        CryptographicOperations.ZeroMemory(block);
    }

    private static void Xor(Span<byte> pad, byte value)
    {
        for (var i = 0; i < pad.Length; i++)
        {
            pad[i] ^= value;
        }
    }

    /// <summary>
    /// A key's inner SHA-256 state after a constant leading part of messages (<see cref="CreatePrefix"/>), with those
    /// bytes. Read-only once created, so signatures share it across threads.
    /// </summary>
    public sealed class Prefix
    {
        private readonly byte[] _bytes;
        private Sha256Context _state;

        internal Prefix(HmacSha256Midstate owner, Sha256Context state, byte[] bytes)
        {
            Owner = owner;
            _state = state;
            _bytes = bytes;
        }

        /// <summary>The bytes hashed into the state (a whole number of blocks).</summary>
        public ReadOnlySpan<byte> Bytes => _bytes;

        internal HmacSha256Midstate Owner { get; }

        internal ref readonly Sha256Context State => ref _state;

        /// <summary>Zeroes the key-derived state (when its signer is disposed).</summary>
        public void Clear() => _state = default;
    }

    /// <summary>
    /// OpenSSL 3's SHA256_CTX (h[8], Nl, Nh, data[16], num, md_len: 112 bytes), with spare room so a libcrypto whose
    /// context were larger could not write past it (the self-test would then reject it).
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Sha256Context
    {
        public fixed uint H[8];
        public fixed byte Rest[96];
    }

    /// <summary>libcrypto's low-level SHA-256 functions (deprecated in OpenSSL 3, still exported).</summary>
    private sealed class Native
    {
        // Short, non-blocking, no callbacks: the GC transition would cost as much as hashing an order.
        private readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<Sha256Context*, int> _init;
        private readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<Sha256Context*, byte*, nuint, int> _update;
        private readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<Sha256Context*, byte*, void> _transform;

        private Native(nint init, nint update, nint transform)
        {
            _init = (delegate* unmanaged[Cdecl, SuppressGCTransition]<Sha256Context*, int>)init;
            _update = (delegate* unmanaged[Cdecl, SuppressGCTransition]<Sha256Context*, byte*, nuint, int>)update;
            _transform = (delegate* unmanaged[Cdecl, SuppressGCTransition]<Sha256Context*, byte*, void>)transform;
        }

        public static Native? Load()
        {
            try
            {
                if (!NativeLibrary.TryLoad("libcrypto.so.3", typeof(Native).Assembly, null, out var library))
                {
                    return null;
                }

                if (!NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
                    || !NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
                    || !NativeLibrary.TryGetExport(library, "SHA256_Transform", out var transform))
                {
                    return null;
                }

                var native = new Native(init, update, transform);
                return native.SelfTest() ? native : null;
            }
            catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or InvalidOperationException)
            {
                return null;
            }
        }

        public int Update(Sha256Context* context, byte* data, nuint length) => _update(context, data, length);

        public void Transform(Sha256Context* context, byte* block) => _transform(context, block);

        public Sha256Context Midstate(ReadOnlySpan<byte> block)
        {
            Sha256Context context = default;
            _ = _init(&context);
            fixed (byte* data = block)
            {
                _ = _update(&context, data, (nuint)block.Length);
            }

            return context;
        }

        private bool SelfTest()
        {
            // Keys below, at and above the block size; messages of 0 to 3 blocks and odd tails.
            Span<byte> key = stackalloc byte[100];
            Span<byte> message = stackalloc byte[300];
            Span<byte> expected = stackalloc byte[HashSize];
            Span<byte> actual = stackalloc byte[HashSize];
            Span<byte> pad = stackalloc byte[BlockSize];
            for (var i = 0; i < key.Length; i++)
            {
                key[i] = (byte)(i * 7 + 1);
            }

            for (var i = 0; i < message.Length; i++)
            {
                message[i] = (byte)(i * 13 + 5);
            }

            foreach (var keyLength in (ReadOnlySpan<int>)[1, 32, 64, 100])
            {
                pad.Clear();
                if (keyLength > BlockSize)
                {
                    SHA256.HashData(key[..keyLength], pad);
                }
                else
                {
                    key[..keyLength].CopyTo(pad);
                }

                Xor(pad, 0x36);
                var inner = Midstate(pad);
                Xor(pad, 0x36 ^ 0x5c);
                var outer = Midstate(pad);
                foreach (var length in (ReadOnlySpan<int>)[0, 1, 55, 56, 63, 64, 65, 119, 120, 200, 300])
                {
                    HMACSHA256.HashData(key[..keyLength], message[..length], expected);
                    Compute(this, inner, 0, outer, message[..length], actual);
                    if (!expected.SequenceEqual(actual))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
