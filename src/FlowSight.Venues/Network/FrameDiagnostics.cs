using System.Globalization;
using System.Text;

namespace FlowSight.Venues.Network;

/// <summary>
/// Counts the frames a venue parser could not use and keeps the first bytes of the last one, in a fixed buffer, so a
/// connection can log "N malformed, sample: ..." without allocating per bad frame. Written by the parser's thread;
/// counters may be read from any thread.
/// </summary>
/// <typeparam name="TKind">The venue's message-kind enum, to say what the last bad frame was reported as.</typeparam>
public sealed class FrameDiagnostics<TKind>
    where TKind : struct, Enum
{
    /// <summary>Bytes of the last bad frame kept as a sample.</summary>
    public const int SampleCapacity = 256;

    private readonly byte[] _sample = new byte[SampleCapacity];
    private long _malformed;
    private long _unknown;
    private long _unknownSymbols;
    private int _sampleLength;

    /// <summary>Frames that were not valid for their kind.</summary>
    public long MalformedCount => Volatile.Read(ref _malformed);

    /// <summary>Well-formed frames of a kind the parser does not know.</summary>
    public long UnknownCount => Volatile.Read(ref _unknown);

    /// <summary>Frames naming a symbol the registry refused.</summary>
    public long UnknownSymbolCount => Volatile.Read(ref _unknownSymbols);

    /// <summary>What the last bad frame was reported as.</summary>
    public TKind LastKind { get; private set; }

    /// <summary>Why the last bad frame was refused.</summary>
    public string? LastReason { get; private set; }

    /// <summary>The byte offset where parsing of the last bad frame failed, or -1 when unknown.</summary>
    public long LastErrorPosition { get; private set; } = -1;

    /// <summary>The length of the last bad frame.</summary>
    public int LastFrameLength { get; private set; }

    /// <summary>The first <see cref="SampleCapacity"/> bytes of the last bad frame.</summary>
    public ReadOnlySpan<byte> LastSample => _sample.AsSpan(0, _sampleLength);

    /// <summary>A one-line summary for a log, e.g. <c>2 malformed, 0 unknown, 0 unknown symbol; last: ... sample: {...</c> (allocates).</summary>
    public string Describe()
    {
        var builder = new StringBuilder();
        builder.Append(MalformedCount).Append(" malformed, ").Append(UnknownCount).Append(" unknown, ")
            .Append(UnknownSymbolCount).Append(" unknown symbol");
        if (LastReason is not null)
        {
            builder.Append("; last ").Append(LastKind).Append(": ").Append(LastReason)
                .Append(" at byte ").Append(LastErrorPosition).Append(" of ").Append(LastFrameLength).Append(", sample: ");
            foreach (var b in LastSample)
            {
                if (b is >= 0x20 and < 0x7F)
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append("\\x").Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }

            if (LastFrameLength > _sampleLength)
            {
                builder.Append('…');
            }
        }

        return builder.ToString();
    }

    /// <summary>Zeroes the counters and forgets the sample.</summary>
    public void Reset()
    {
        Volatile.Write(ref _malformed, 0);
        Volatile.Write(ref _unknown, 0);
        Volatile.Write(ref _unknownSymbols, 0);
        _sampleLength = 0;
        LastKind = default;
        LastReason = null;
        LastErrorPosition = -1;
        LastFrameLength = 0;
    }

    /// <summary>Records one bad frame (called by the parser).</summary>
    public void Record(FrameProblem problem, TKind kind, string reason, ReadOnlySpan<byte> frame, long position)
    {
        switch (problem)
        {
            case FrameProblem.Malformed:
                Volatile.Write(ref _malformed, _malformed + 1);
                break;
            case FrameProblem.UnknownSymbol:
                Volatile.Write(ref _unknownSymbols, _unknownSymbols + 1);
                break;
            default:
                Volatile.Write(ref _unknown, _unknown + 1);
                break;
        }

        LastKind = kind;
        LastReason = reason;
        LastErrorPosition = position;
        LastFrameLength = frame.Length;
        _sampleLength = Math.Min(frame.Length, SampleCapacity);
        frame[.._sampleLength].CopyTo(_sample);
    }
}
