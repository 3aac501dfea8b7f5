using FlowSight.Engine.Replay;

namespace FlowSight.Storage.Recording;

/// <summary>
/// Reads recordings of raw frames — ours (<see cref="FrameRecorder"/>), hftbacktest's and cryptofeed's — one line
/// at a time: gzip or plain (by magic bytes), the layout recognised per file, several files concatenated or merged
/// by time (<see cref="RecordingReaderOptions.Order"/>). Nothing is allocated per line: each file has one buffer,
/// and a yielded <see cref="RecordedFrame"/> points into it until the next <see cref="TryRead"/>.
/// </summary>
/// <remarks>
/// A line no known layout can split is skipped and counted in <see cref="MalformedLines"/>; a file cut short (a
/// gzip stream without its trailer, a last line without a newline) yields what it holds. Not thread-safe.
/// </remarks>
public sealed class RecordingReader : IRecordedFrameSource, IDisposable
{
    private readonly RecordingFileCursor[] _cursors;
    private readonly RecordingFileOrder _order;
    private readonly bool[] _hasCurrent;
    private int _current;
    private int _yielded = -1;
    private bool _started;

    /// <summary>Opens <paramref name="paths"/> (read lazily, in order).</summary>
    public RecordingReader(IEnumerable<string> paths, RecordingReaderOptions? options = null)
        : this(paths?.Select(RecordingSource.FromFile) ?? throw new ArgumentNullException(nameof(paths)), options)
    {
    }

    /// <summary>Reads <paramref name="sources"/> (opened lazily, in order).</summary>
    public RecordingReader(IEnumerable<RecordingSource> sources, RecordingReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        options ??= new RecordingReaderOptions();
        _order = options.Order;
        _cursors = sources.Select((s, i) => new RecordingFileCursor(s.Open, s.Name, i, options.Formats, options.BufferSize)).ToArray();
        _hasCurrent = new bool[_cursors.Length];
        Sources = _cursors.Select(c => c.Name).ToArray();
    }

    /// <summary>The names of the files, in the order given.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>Frames yielded so far.</summary>
    public long FramesRead { get; private set; }

    /// <summary>Lines skipped because no layout could split them.</summary>
    public long MalformedLines => _cursors.Sum(c => c.MalformedLines);

    /// <summary>The layout recognised in file <paramref name="index"/> ("timestamped", "cryptofeed"), or null before its first line.</summary>
    public string? FormatOf(int index) => _cursors[index].Format?.Name;

    /// <summary>True when file <paramref name="index"/> is gzip-compressed (known once it has been opened).</summary>
    public bool IsGzip(int index) => _cursors[index].IsGzip;

    /// <summary>Reads the next frame; false when every file is exhausted. The frame's memory is valid until the next call.</summary>
    public bool TryRead(out RecordedFrame frame)
    {
        bool found = _order == RecordingFileOrder.MergeByTime ? TryReadMerged(out frame) : TryReadConcatenated(out frame);
        if (found)
        {
            FramesRead++;
        }

        return found;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var cursor in _cursors)
        {
            cursor.Dispose();
        }
    }

    private bool TryReadConcatenated(out RecordedFrame frame)
    {
        while (_current < _cursors.Length)
        {
            if (_cursors[_current].TryAdvance())
            {
                frame = _cursors[_current].Current;
                return true;
            }

            _current++;
        }

        frame = default;
        return false;
    }

    private bool TryReadMerged(out RecordedFrame frame)
    {
        if (!_started)
        {
            _started = true;
            for (int i = 0; i < _cursors.Length; i++)
            {
                _hasCurrent[i] = _cursors[i].TryAdvance();
            }
        }
        else if (_yielded >= 0)
        {
            // Advance only the file whose frame was handed out last: the others' frames are still pending.
            _hasCurrent[_yielded] = _cursors[_yielded].TryAdvance();
        }

        int best = -1;
        for (int i = 0; i < _cursors.Length; i++)
        {
            if (_hasCurrent[i] && (best < 0 || _cursors[i].Current.ReceiveTime < _cursors[best].Current.ReceiveTime))
            {
                best = i;
            }
        }

        _yielded = best;
        frame = best >= 0 ? _cursors[best].Current : default;
        return best >= 0;
    }
}
