namespace FlowSight.Storage.Recording;

/// <summary>Why a <see cref="FrameRecorder"/> stopped: the file it was writing and the error (a full disk, a removed folder...).</summary>
/// <param name="Path">The file being written when it failed.</param>
/// <param name="Exception">The error.</param>
/// <param name="FramesWritten">Frames written, in all files, before the failure.</param>
public sealed record FrameRecorderFailure(string Path, Exception Exception, long FramesWritten)
{
    /// <summary>A one-line description for logs and the console.</summary>
    public override string ToString() =>
        $"Recording stopped while writing {Path}: {Exception.Message} ({FramesWritten:N0} frames were written before; earlier files are complete).";
}
