namespace FlowSight.Storage.Recording;

/// <summary>How <see cref="RecordingReader"/> combines several files.</summary>
public enum RecordingFileOrder : byte
{
    /// <summary>One after the other, in the order given (consecutive files of one session: 0808 then 0809).</summary>
    Concatenate = 0,

    /// <summary>
    /// Interleaved by receive time, each file's own order kept (ties go to the earlier file): for sessions split into
    /// parallel files, like cryptofeed's <c>*.ws.*</c> frames and <c>*.http.*</c> snapshots.
    /// </summary>
    MergeByTime = 1,
}
