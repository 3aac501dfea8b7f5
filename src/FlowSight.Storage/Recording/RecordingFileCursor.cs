using System.IO.Compression;
using FlowSight.Engine.Replay;

namespace FlowSight.Storage.Recording;

/// <summary>
/// Reads one recording file line by line into a reusable buffer: gzip or plain (told by the magic bytes), layout
/// recognised from the first line. A yielded line stays valid until the cursor's next read.
/// </summary>
internal sealed class RecordingFileCursor : IDisposable
{
    private readonly Func<Stream> _open;
    private readonly IReadOnlyList<IRecordingLineFormat> _formats;
    private readonly int _index;
    private Stream? _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private long _lineNumber;
    private IRecordingLineFormat? _format;

    public RecordingFileCursor(Func<Stream> open, string name, int index, IReadOnlyList<IRecordingLineFormat> formats, int bufferSize)
    {
        _open = open;
        Name = name;
        _index = index;
        _formats = formats;
        _buffer = new byte[Math.Max(bufferSize, 4096)];
    }

    public string Name { get; }

    /// <summary>The layout recognised, once the first line has been read.</summary>
    public IRecordingLineFormat? Format => _format;

    /// <summary>True when the file started with the gzip magic bytes.</summary>
    public bool IsGzip { get; private set; }

    /// <summary>Lines the format could not split (skipped).</summary>
    public long MalformedLines { get; private set; }

    /// <summary>The current frame after a successful <see cref="TryAdvance"/>.</summary>
    public RecordedFrame Current { get; private set; }

    /// <summary>Reads the next frame into <see cref="Current"/>; false at the end of the file.</summary>
    public bool TryAdvance()
    {
        while (TryReadLine(out int start, out int length))
        {
            var line = _buffer.AsSpan(start, length);
            if (line.IsEmpty)
            {
                continue;
            }

            _format ??= Recognize(line);
            if (_format is null || !_format.TryParse(line, out var parsed))
            {
                MalformedLines++;
                continue;
            }

            var memory = new ReadOnlyMemory<byte>(_buffer, start, length);
            Current = new RecordedFrame(parsed.ReceiveTime, parsed.Kind, memory[parsed.Payload], memory[parsed.Source], _index, _lineNumber);
            return true;
        }

        Dispose();
        return false;
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
        _eof = true;
    }

    private IRecordingLineFormat? Recognize(ReadOnlySpan<byte> line)
    {
        foreach (var format in _formats)
        {
            if (format.Recognizes(line))
            {
                return format;
            }
        }

        return null;
    }

    private bool TryReadLine(out int start, out int length)
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                start = _start;
                length = newline;
                _start += newline + 1;
                _lineNumber++;
                if (length > 0 && _buffer[start + length - 1] == (byte)'\r')
                {
                    length--;
                }

                return true;
            }

            if (_eof || !Fill())
            {
                // The last line may lack its newline (a file cut short): hand it over as it is.
                start = _start;
                length = _end - _start;
                _start = _end;
                if (length == 0)
                {
                    return false;
                }

                _lineNumber++;
                return true;
            }
        }
    }

    /// <summary>Reads more bytes after the partial line; false at the end of the stream.</summary>
    private bool Fill()
    {
        var stream = _stream ??= OpenStream();
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2); // a line longer than the buffer
        }

        int read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
            return false;
        }

        _end += read;
        return true;
    }

    private Stream OpenStream()
    {
        var raw = _open();
        Span<byte> magic = stackalloc byte[2];
        int n = raw.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        IsGzip = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        if (IsGzip)
        {
            if (raw.CanSeek)
            {
                raw.Seek(-n, SeekOrigin.Current);
            }
            else
            {
                raw = new PrefixedStream(raw, magic[..n].ToArray());
            }

            return new GZipStream(raw, CompressionMode.Decompress);
        }

        // Plain text: the two bytes read belong to the first line.
        magic[..n].CopyTo(_buffer.AsSpan(_end));
        _end += n;
        return raw;
    }
}
