using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Threading.Channels;
using FlowSight.Engine.Replay;

namespace FlowSight.Storage.Recording;

/// <summary>
/// Records raw frames exactly as received, one per line as <c>&lt;receive_unix_ns&gt; &lt;frame&gt;\n</c>, gzip-compressed
/// and rotated by size and/or time — hftbacktest's layout, so our recordings and theirs are interchangeable.
/// REST snapshots go into the same stream, as their raw body, through the same <see cref="TryWrite"/>.
/// </summary>
/// <remarks>
/// <para><see cref="TryWrite"/> runs on the receive thread and never blocks: it copies the frame into a pooled buffer
/// and queues it for a writer task (a bounded channel of <see cref="FrameRecorderOptions.QueueCapacity"/> frames).
/// When the writer falls that far behind, the frame is dropped, counted in <see cref="FramesDropped"/> and
/// <see cref="TryWrite"/> returns false; a replay then sees the hole as a gap in the book's update ids.</para>
/// <para>A write error (a full disk, say) stops the recorder: <see cref="Failed"/> reports it once, the current file
/// is closed as far as possible (what was flushed stays readable), later frames are dropped and counted, and
/// <see cref="CompleteAsync"/> throws. Files are created new and never reopened, so earlier files are never touched.</para>
/// <para>A frame holding a line break (JSON allows one only as whitespace) has it written as a space, so one frame
/// stays one line; <see cref="FramesNormalized"/> counts those.</para>
/// </remarks>
public sealed class FrameRecorder : IRawFrameSink, IAsyncDisposable
{
    private static readonly byte[] NewLine = [(byte)'\n'];
    private readonly FrameRecorderOptions _options;
    private readonly Channel<PendingFrame> _channel;
    private readonly Task _writer;
    private readonly TimeProvider _time;
    private readonly byte[] _prefix = new byte[24];
    private readonly List<string> _files = [];
    private readonly Lock _filesGate = new();
    private long _framesWritten;
    private long _framesDropped;
    private long _bytesWritten;
    private long _framesNormalized;
    private volatile FrameRecorderFailure? _failure;
    private CountingStream? _file;
    private Stream? _output;
    private string? _path;
    private long _period = long.MinValue;
    private long _lastFlush;
    private bool _unflushed;

    /// <summary>Creates the folder if needed and starts the writer task. No file is created until the first frame.</summary>
    public FrameRecorder(FrameRecorderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Directory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.QueueCapacity);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxFileBytes);
        if (options.RotationInterval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The rotation interval must be positive.");
        }

        _options = options;
        _time = options.TimeProvider;
        System.IO.Directory.CreateDirectory(options.Directory);
        _channel = Channel.CreateBounded<PendingFrame>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: refuse (never block) when full
        });
        _lastFlush = _time.GetTimestamp();
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Raised once, on the writer task, when a write error stops the recorder.</summary>
    public event Action<FrameRecorderFailure>? Failed;

    /// <summary>The error that stopped the recorder, or null while it is healthy.</summary>
    public FrameRecorderFailure? Failure => _failure;

    /// <summary>Frames handed to the file (readable once flushed: see <see cref="FrameRecorderOptions.FlushInterval"/>).</summary>
    public long FramesWritten => Interlocked.Read(ref _framesWritten);

    /// <summary>Frames refused: the queue was full, or the recorder had stopped.</summary>
    public long FramesDropped => Interlocked.Read(ref _framesDropped);

    /// <summary>Uncompressed bytes written (lines included).</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>Frames whose line breaks were written as spaces.</summary>
    public long FramesNormalized => Interlocked.Read(ref _framesNormalized);

    /// <summary>The files created so far, oldest first.</summary>
    public IReadOnlyList<string> Files
    {
        get
        {
            lock (_filesGate)
            {
                return [.. _files];
            }
        }
    }

    /// <summary>
    /// Queues one frame (a WebSocket message, or a REST body such as a depth snapshot) received at
    /// <paramref name="receiveTime"/> (Unix ns). Copies the bytes, so the caller may reuse its buffer at once.
    /// Returns false, counting the frame as dropped, when the queue is full or the recorder has stopped or completed.
    /// </summary>
    public bool TryWrite(long receiveTime, ReadOnlySpan<byte> frame)
    {
        if (_failure is not null)
        {
            Interlocked.Increment(ref _framesDropped);
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(frame.Length, 1));
        frame.CopyTo(buffer);
        if (!_channel.Writer.TryWrite(new PendingFrame(receiveTime, buffer, frame.Length)))
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Interlocked.Increment(ref _framesDropped);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Stops accepting frames, writes the queued ones and closes the file.
    /// </summary>
    /// <exception cref="IOException">The recorder had stopped on a write error (see <see cref="Failure"/>).</exception>
    public async Task CompleteAsync()
    {
        _channel.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        if (_failure is { } failure)
        {
            throw new IOException(failure.ToString(), failure.Exception);
        }
    }

    /// <summary>Completes like <see cref="CompleteAsync"/> but never throws (a failure was reported through <see cref="Failed"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _channel.Reader;
        try
        {
            while (await WaitForFramesAsync(reader).ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
                    try
                    {
                        Write(frame);
                    }
                    catch
                    {
                        Interlocked.Increment(ref _framesDropped); // this frame is lost with the file
                        throw;
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(frame.Buffer);
                    }

                    if (_unflushed && _time.GetElapsedTime(_lastFlush) >= _options.FlushInterval)
                    {
                        Flush();
                    }
                }

                if (_unflushed && _options.FlushInterval == TimeSpan.Zero)
                {
                    Flush();
                }
            }

            CloseFile();
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
    }

    /// <summary>Waits for frames; while written frames await a flush, wakes up in time to flush them.</summary>
    private async ValueTask<bool> WaitForFramesAsync(ChannelReader<PendingFrame> reader)
    {
        while (_unflushed)
        {
            var remaining = _options.FlushInterval - _time.GetElapsedTime(_lastFlush);
            if (remaining <= TimeSpan.Zero)
            {
                Flush();
                break;
            }

            using var timeout = new CancellationTokenSource(remaining, _time);
            if (_time.GetElapsedTime(_lastFlush) >= _options.FlushInterval)
            {
                // The clock moved between reading it and arming the timer, which now counts from later: flush now.
                Flush();
                break;
            }

            try
            {
                return await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                Flush();
            }
        }

        return await reader.WaitToReadAsync().ConfigureAwait(false);
    }

    private void Write(PendingFrame frame)
    {
        if (_output is null || NeedsRotation(frame.ReceiveTime))
        {
            CloseFile();
            OpenFile(frame.ReceiveTime);
        }

        var output = _output!;
        var payload = frame.Buffer.AsSpan(0, frame.Length);
        if (payload.IndexOfAny((byte)'\n', (byte)'\r') >= 0)
        {
            payload.Replace((byte)'\n', (byte)' ');
            payload.Replace((byte)'\r', (byte)' ');
            Interlocked.Increment(ref _framesNormalized);
        }

        frame.ReceiveTime.TryFormat(_prefix, out int digits, default, CultureInfo.InvariantCulture);
        _prefix[digits++] = (byte)' ';
        output.Write(_prefix, 0, digits);
        output.Write(payload);
        output.Write(NewLine);
        _unflushed = true;
        Interlocked.Increment(ref _framesWritten);
        Interlocked.Add(ref _bytesWritten, digits + payload.Length + 1);
    }

    private bool NeedsRotation(long receiveTime)
    {
        if (_options.MaxFileBytes > 0 && _file!.BytesWritten >= _options.MaxFileBytes)
        {
            return true;
        }

        return _options.RotationInterval is not null && PeriodOf(receiveTime) > _period; // a frame stamped slightly earlier stays in the file
    }

    private long PeriodOf(long receiveTime) =>
        _options.RotationInterval is { } interval ? Math.DivRem(receiveTime, interval.Ticks * 100, out long r) - (r < 0 ? 1 : 0) : 0;

    private void OpenFile(long receiveTime)
    {
        var start = DateTimeOffset.UnixEpoch.AddTicks(receiveTime / 100).UtcDateTime;
        string extension = _options.Compression == RecordingCompression.Gzip ? ".gz" : ".txt";
        string stem = Path.Combine(_options.Directory, $"{_options.FilePrefix}_{start.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture)}");
        string path = stem + extension;
        for (int n = 1; File.Exists(path); n++)
        {
            path = $"{stem}_{n}{extension}";
        }

        _path = path;
        var stream = _options.OpenFile?.Invoke(path)
            ?? new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
        _file = new CountingStream(stream);
        _output = _options.Compression == RecordingCompression.Gzip
            ? new GZipStream(_file, _options.CompressionLevel, leaveOpen: false)
            : _file;
        _period = PeriodOf(receiveTime);
        lock (_filesGate)
        {
            _files.Add(path);
        }
    }

    private void Flush()
    {
        _output?.Flush(); // a gzip sync flush: everything so far can be decompressed from the file
        _unflushed = false;
        _lastFlush = _time.GetTimestamp();
    }

    private void CloseFile()
    {
        var output = _output;
        var file = _file;
        _output = null;
        _file = null;
        _unflushed = false;
        try
        {
            output?.Dispose(); // writes the gzip trailer
        }
        finally
        {
            if (!ReferenceEquals(output, file))
            {
                file?.Dispose();
            }
        }
    }

    private void Fail(Exception exception)
    {
        var failure = new FrameRecorderFailure(_path ?? _options.Directory, exception, FramesWritten);
        _failure = failure;
        _channel.Writer.TryComplete();

        // Close what can be closed: on a full disk the gzip trailer may not fit, but every flushed block stays readable.
        try
        {
            CloseFile();
        }
        catch (Exception)
        {
            // The disk already refused a write; nothing more can be saved.
        }

        while (_channel.Reader.TryRead(out var frame))
        {
            ArrayPool<byte>.Shared.Return(frame.Buffer);
            Interlocked.Increment(ref _framesDropped);
        }

        Failed?.Invoke(failure);
    }

    private readonly record struct PendingFrame(long ReceiveTime, byte[] Buffer, int Length);
}
