namespace FlowSight.TestServers.Binance;

/// <summary>
/// Wraps the upgraded connection's stream and reads the WebSocket frame headers passing each way (RFC 6455 §5.2),
/// so tests can see control frames the WebSocket API hides: the pings the server sends and the pongs the client
/// answers with.
/// </summary>
internal sealed class WsFrameSniffer(Stream inner, Action onChange) : Stream
{
    private readonly FrameHeaderReader _incoming = new();
    private readonly FrameHeaderReader _outgoing = new();

    /// <summary>Ping frames written to the client.</summary>
    public long PingsSent => Volatile.Read(ref _outgoing.Pings);

    /// <summary>Pong frames read from the client.</summary>
    public long PongsReceived => Volatile.Read(ref _incoming.Pongs);

    /// <summary>Ping frames read from the client.</summary>
    public long PingsReceived => Volatile.Read(ref _incoming.Pings);

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        if (_incoming.Feed(buffer.Span[..read]))
        {
            onChange();
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var control = _outgoing.Feed(buffer.Span);
        await inner.WriteAsync(buffer, cancellationToken);
        if (control)
        {
            onChange();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The WebSocket uses the asynchronous API.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The WebSocket uses the asynchronous API.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>An incremental parser of frame headers over an arbitrarily chunked byte stream; skips payloads.</summary>
    private sealed class FrameHeaderReader
    {
        public long Pings;
        public long Pongs;
        private readonly byte[] _header = new byte[14];
        private int _headerFilled;
        private long _payloadLeft;

        /// <summary>Consumes bytes; true when a ping or pong header was completed.</summary>
        public bool Feed(ReadOnlySpan<byte> bytes)
        {
            var sawControl = false;
            while (!bytes.IsEmpty)
            {
                if (_payloadLeft > 0)
                {
                    var skip = (int)Math.Min(_payloadLeft, bytes.Length);
                    _payloadLeft -= skip;
                    bytes = bytes[skip..];
                    continue;
                }

                _header[_headerFilled++] = bytes[0];
                bytes = bytes[1..];
                var needed = HeaderLength();
                if (needed < 0 || _headerFilled < needed)
                {
                    continue;
                }

                var opcode = _header[0] & 0x0F;
                if (opcode == 0x9)
                {
                    Interlocked.Increment(ref Pings);
                    sawControl = true;
                }
                else if (opcode == 0xA)
                {
                    Interlocked.Increment(ref Pongs);
                    sawControl = true;
                }

                _payloadLeft = PayloadLength();
                _headerFilled = 0;
            }

            return sawControl;
        }

        /// <summary>The full header length once the first two bytes are known; -1 before.</summary>
        private int HeaderLength()
        {
            if (_headerFilled < 2)
            {
                return -1;
            }

            var length7 = _header[1] & 0x7F;
            var masked = (_header[1] & 0x80) != 0;
            var extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
            return 2 + extended + (masked ? 4 : 0);
        }

        private long PayloadLength()
        {
            var length7 = _header[1] & 0x7F;
            return length7 switch
            {
                126 => (_header[2] << 8) | _header[3],
                127 => (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(_header.AsSpan(2, 8)),
                _ => length7,
            };
        }
    }
}
