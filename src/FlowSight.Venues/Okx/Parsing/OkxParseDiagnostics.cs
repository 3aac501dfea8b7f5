using System.Globalization;
using System.Text;

namespace FlowSight.Venues.Okx.Parsing;

/// <summary>
/// Counts the frames an <see cref="OkxStreamParser"/> could not use and keeps the first bytes of the last one, in a
/// fixed buffer, so a connection can log "N malformed, sample: ..." without allocating per bad frame.
/// </summary>
/// <remarks>Written by the parser's thread only; the counters may be read from any thread.</remarks>
public sealed class OkxParseDiagnostics
{
    /// <summary>How many leading bytes of the last bad frame are kept.</summary>
    public const int SampleCapacity = 256;

    private readonly byte[] _sample = new byte[SampleCapacity];
    private long _malformed;
    private long _unknown;
    private int _sampleLength;

    /// <summary>Frames that were not valid JSON or lacked a required field.</summary>
    public long MalformedCount => Volatile.Read(ref _malformed);

    /// <summary>Well-formed frames of a channel or event the parser does not know.</summary>
    public long UnknownCount => Volatile.Read(ref _unknown);

    /// <summary>The kind of the last bad frame (<see cref="OkxMessageKind.None"/> if there was none).</summary>
    public OkxMessageKind LastKind { get; private set; }

    /// <summary>Why the last bad frame was refused (a constant text, never allocated per frame), or null.</summary>
    public string? LastReason { get; private set; }

    /// <summary>The byte offset in the last bad frame where parsing stopped, or -1.</summary>
    public long LastErrorPosition { get; private set; } = -1;

    /// <summary>The length of the last bad frame.</summary>
    public int LastFrameLength { get; private set; }

    /// <summary>The first <see cref="SampleCapacity"/> bytes of the last bad frame.</summary>
    public ReadOnlySpan<byte> LastSample => _sample.AsSpan(0, _sampleLength);

    /// <summary>A one-line summary for a log (allocates).</summary>
    public string Describe()
    {
        var builder = new StringBuilder();
        builder.Append(MalformedCount).Append(" malformed, ").Append(UnknownCount).Append(" unknown");
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
        _sampleLength = 0;
        LastKind = OkxMessageKind.None;
        LastReason = null;
        LastErrorPosition = -1;
        LastFrameLength = 0;
    }

    internal void Record(OkxMessageKind kind, string reason, ReadOnlySpan<byte> frame, long position)
    {
        if (kind == OkxMessageKind.Malformed)
        {
            Volatile.Write(ref _malformed, _malformed + 1);
        }
        else
        {
            Volatile.Write(ref _unknown, _unknown + 1);
        }

        LastKind = kind;
        LastReason = reason;
        LastErrorPosition = position;
        LastFrameLength = frame.Length;
        _sampleLength = Math.Min(frame.Length, SampleCapacity);
        frame[.._sampleLength].CopyTo(_sample);
    }
}
