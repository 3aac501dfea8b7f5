using FlowSight.Engine.Replay;

namespace FlowSight.Storage.Recording;

/// <summary>
/// FlowSight's recording layout, which is hftbacktest's: <c>&lt;receive_time&gt; &lt;message exactly as received&gt;</c>,
/// one per line. The time is an integer in ns (our files, hftbacktest 2024) or µs (hftbacktest's 2023
/// <c>.dat.gz</c>), told apart by magnitude. REST snapshots sit in the same stream as their raw body.
/// </summary>
public sealed class TimestampedLineFormat : IRecordingLineFormat
{
    /// <summary>The shared instance (stateless).</summary>
    public static TimestampedLineFormat Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "timestamped";

    /// <inheritdoc/>
    public bool Recognizes(ReadOnlySpan<byte> firstLine)
    {
        int space = firstLine.IndexOf((byte)' ');
        return space > 0 && RecordingTimestamps.TryParseDigits(firstLine[..space], out _);
    }

    /// <inheritdoc/>
    public bool TryParse(ReadOnlySpan<byte> line, out RecordedLine parsed)
    {
        int space = line.IndexOf((byte)' ');
        if (space <= 0 || !RecordingTimestamps.TryParseDigits(line[..space], out long time))
        {
            parsed = default;
            return false;
        }

        parsed = new RecordedLine(RecordingTimestamps.ToNanoseconds(time), RecordedFrameKind.Received, new Range(space + 1, line.Length), default);
        return true;
    }
}
