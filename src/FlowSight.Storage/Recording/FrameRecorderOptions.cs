using System.IO.Compression;

namespace FlowSight.Storage.Recording;

/// <summary>Options of a <see cref="FrameRecorder"/>.</summary>
public sealed class FrameRecorderOptions
{
    /// <summary>The folder the files go to (created if missing).</summary>
    public required string Directory { get; init; }

    /// <summary>File names are <c>{prefix}_{yyyyMMdd_HHmmss}.gz</c>, the time being the file's first frame's (UTC).</summary>
    public string FilePrefix { get; init; } = "frames";

    /// <summary>gzip (default) or plain text.</summary>
    public RecordingCompression Compression { get; init; } = RecordingCompression.Gzip;

    /// <summary>The gzip level; <see cref="CompressionLevel.Fastest"/> keeps the writer well ahead of any stream.</summary>
    public CompressionLevel CompressionLevel { get; init; } = CompressionLevel.Fastest;

    /// <summary>
    /// Starts a new file once the current one holds this many bytes on disk (compressed; checked after each frame,
    /// so a file can exceed it by one frame plus the compressor's buffer). 0 turns size rotation off.
    /// </summary>
    public long MaxFileBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>
    /// Starts a new file when a frame's receive time enters a new interval counted from the Unix epoch (1 day gives
    /// one file per UTC day, like hftbacktest's). Null turns time rotation off.
    /// </summary>
    public TimeSpan? RotationInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Frames that may wait for the writer. When the queue is full, <see cref="FrameRecorder.TryWrite"/> drops the
    /// frame, counts it and returns false: the receive thread is never blocked, and the replay sees the hole as a gap.
    /// </summary>
    public int QueueCapacity { get; init; } = 65_536;

    /// <summary>
    /// How long written frames may sit in the compressor before a flush makes them readable from the file (and safe
    /// from a crash). Zero flushes whenever the queue is drained.
    /// </summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock for <see cref="FlushInterval"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Opens a new file for writing (tests inject failing streams); the default creates the file and never overwrites one.</summary>
    public Func<string, Stream>? OpenFile { get; init; }
}
