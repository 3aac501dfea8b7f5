namespace FlowSight.Storage.Recording;

/// <summary>One file (or in-memory image of one) for a <see cref="RecordingReader"/>.</summary>
/// <param name="Name">A name for diagnostics (the path for files).</param>
/// <param name="Open">Opens the raw bytes (gzip or plain); called once, when the reader first needs them.</param>
public sealed record RecordingSource(string Name, Func<Stream> Open)
{
    /// <summary>A file on disk, opened for sequential reading when first needed.</summary>
    public static RecordingSource FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new RecordingSource(path, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));
    }

    /// <summary>Bytes in memory (a recording edited by a test, say).</summary>
    public static RecordingSource FromBytes(string name, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new RecordingSource(name, () => new MemoryStream(bytes, writable: false));
    }
}
