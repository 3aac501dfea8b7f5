namespace FlowSight.Storage.Recording;

/// <summary>How <see cref="FrameRecorder"/> stores its files.</summary>
public enum RecordingCompression : byte
{
    /// <summary>gzip (<c>.gz</c>), like hftbacktest's files: about 8× smaller for Binance JSON.</summary>
    Gzip = 0,

    /// <summary>Plain text (<c>.txt</c>).</summary>
    None = 1,
}
