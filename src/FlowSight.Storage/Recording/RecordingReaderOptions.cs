namespace FlowSight.Storage.Recording;

/// <summary>Options of a <see cref="RecordingReader"/>.</summary>
public sealed class RecordingReaderOptions
{
    /// <summary>How several files are combined.</summary>
    public RecordingFileOrder Order { get; init; } = RecordingFileOrder.Concatenate;

    /// <summary>The layouts tried, in order, on each file's first line: ours/hftbacktest's, then cryptofeed's.</summary>
    public IReadOnlyList<IRecordingLineFormat> Formats { get; init; } = [TimestampedLineFormat.Instance, CryptofeedLineFormat.Instance];

    /// <summary>Initial line buffer per file; it doubles for longer lines (a 1.8 MB exchangeInfo body, say).</summary>
    public int BufferSize { get; init; } = 256 * 1024;
}
