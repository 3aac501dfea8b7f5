using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace FlowSight.Core;

/// <summary>
/// Up to 48 printable ASCII bytes stored inline, so order identifiers can live in unmanaged events and be
/// compared, hashed and written to the wire without allocating.
/// </summary>
internal struct AsciiId : IEquatable<AsciiId>
{
    public const int Capacity = 48;

    private Bytes _bytes;
    private byte _length;

    public readonly int Length => _length;

    [UnscopedRef]
    public readonly ReadOnlySpan<byte> Span => ((ReadOnlySpan<byte>)_bytes)[.._length];

    public static bool TryCreate(ReadOnlySpan<byte> ascii, int maxLength, Func<byte, bool>? allowed, out AsciiId id)
    {
        id = default;
        if (ascii.IsEmpty || ascii.Length > maxLength || ascii.Length > Capacity)
        {
            return false;
        }

        foreach (var b in ascii)
        {
            if (b is < 0x21 or > 0x7E || (allowed is not null && !allowed(b)))
            {
                return false;
            }
        }

        ascii.CopyTo(id._bytes);
        id._length = (byte)ascii.Length;
        return true;
    }

    public static bool TryCreate(ReadOnlySpan<char> text, int maxLength, Func<byte, bool>? allowed, out AsciiId id)
    {
        Span<byte> buffer = stackalloc byte[Capacity];
        if (text.Length > Capacity || text.IsEmpty)
        {
            id = default;
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0x7F)
            {
                id = default;
                return false;
            }

            buffer[i] = (byte)text[i];
        }

        return TryCreate(buffer[..text.Length], maxLength, allowed, out id);
    }

    public readonly bool Equals(AsciiId other) => Span.SequenceEqual(other.Span);

    public override readonly bool Equals(object? obj) => obj is AsciiId other && Equals(other);

    public override readonly int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Span);
        return hash.ToHashCode();
    }

    public override readonly string ToString() => Encoding.ASCII.GetString(Span);

    [InlineArray(Capacity)]
    private struct Bytes
    {
        private byte _first;
    }
}
