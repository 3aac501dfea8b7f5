using FlowSight.Engine.Replay;

namespace FlowSight.Storage.Recording;

/// <summary>
/// A text recording layout, one message per line. <see cref="RecordingReader"/> asks each known format whether it
/// recognises a file's first line and then splits every line of that file with it; a new layout plugs in by
/// implementing this and passing it in <see cref="RecordingReaderOptions.Formats"/>.
/// </summary>
public interface IRecordingLineFormat
{
    /// <summary>A short name for diagnostics ("timestamped", "cryptofeed").</summary>
    string Name { get; }

    /// <summary>True when <paramref name="firstLine"/> (the file's first non-empty line) looks like this format.</summary>
    bool Recognizes(ReadOnlySpan<byte> firstLine);

    /// <summary>Splits one line (without its line ending); false when it does not follow the format.</summary>
    bool TryParse(ReadOnlySpan<byte> line, out RecordedLine parsed);
}
