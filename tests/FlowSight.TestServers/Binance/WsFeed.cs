namespace FlowSight.TestServers.Binance;

/// <summary>
/// Publishes stream frames to the <see cref="BinanceTestServer"/>'s connections, each frame to every open connection
/// subscribed to its stream, like the exchange's fan-out: a connection gets the frames published after it subscribed.
/// Frames come from the loaded recording in order (REST lines are passed over but announced on
/// <see cref="FramePublished"/>), or are given by the test. Publishing completes once the frame is written to every
/// subscriber's socket.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim never allocates a wait handle; it lives as long as the server.")]
public sealed class WsFeed
{
    private readonly BinanceTestServer _server;
    private readonly IReadOnlyList<RecordedFrame> _frames;
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private int _position;
    private int _skip;
    private long _published;

    internal WsFeed(BinanceTestServer server, BinanceRecording? recording)
    {
        _server = server;
        _frames = recording?.Frames ?? [];
    }

    /// <summary>
    /// Raised for every recording line the feed passes, REST lines included, after the frame was sent: the hook for the
    /// REST side to serve state consistent with the stream position (e.g. the latest snapshot line).
    /// </summary>
    public event Action<RecordedFrame>? FramePublished;

    /// <summary>The index of the next recording line.</summary>
    public int Position => Volatile.Read(ref _position);

    /// <summary>Recording lines in total.</summary>
    public int Count => _frames.Count;

    /// <summary>True when every recording line was passed.</summary>
    public bool IsAtEnd => Position >= _frames.Count;

    /// <summary>Stream frames published (sent to the subscribers there were, possibly none).</summary>
    public long FramesPublished => Volatile.Read(ref _published);

    /// <summary>Makes the next <paramref name="count"/> recording stream frames disappear for everyone (a message lost upstream).</summary>
    public void SkipNext(int count) => Interlocked.Add(ref _skip, count);

    /// <summary>Publishes the next <paramref name="count"/> stream frames of the recording; returns those published (fewer at the end).</summary>
    public async Task<IReadOnlyList<RecordedFrame>> PublishAsync(int count = 1)
    {
        var published = new List<RecordedFrame>(count);
        while (published.Count < count && await PublishNextAsync() is { } frame)
        {
            published.Add(frame);
        }

        return published;
    }

    /// <summary>Publishes the next stream frame of the recording (REST lines before it are passed); null at the end.</summary>
    public async Task<RecordedFrame?> PublishNextAsync()
    {
        await _publishing.WaitAsync();
        try
        {
            while (_position < _frames.Count)
            {
                var frame = _frames[_position];
                Interlocked.Increment(ref _position);
                if (frame.IsRestResponse)
                {
                    FramePublished?.Invoke(frame);
                    continue;
                }

                if (Volatile.Read(ref _skip) > 0)
                {
                    // Lost on the way to the clients, but the exchange did publish it: its book moved on.
                    Interlocked.Decrement(ref _skip);
                    FramePublished?.Invoke(frame);
                    continue;
                }

                await SendAsync(frame);
                return frame;
            }

            return null;
        }
        finally
        {
            _publishing.Release();
        }
    }

    /// <summary>Publishes a frame the test made (e.g. with <see cref="RecordedFrame.Create"/>).</summary>
    public async Task PublishAsync(RecordedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        await _publishing.WaitAsync();
        try
        {
            await SendAsync(frame);
        }
        finally
        {
            _publishing.Release();
        }
    }

    /// <summary>Publishes <paramref name="dataJson"/> on <paramref name="stream"/> in the combined envelope.</summary>
    public Task PublishAsync(string stream, string dataJson) => PublishAsync(RecordedFrame.Create(stream, dataJson));

    /// <summary>Starts over from the first line (for looping a recording).</summary>
    public void Rewind() => Interlocked.Exchange(ref _position, 0);

    /// <summary>Runs the non-manual pacing modes until the end (or for ever when looping), starting once a client subscribed.</summary>
    internal async Task RunAsync(WsPacing pacing, double speed, bool loop, CancellationToken cancellationToken)
    {
        if (pacing == WsPacing.Manual || _frames.Count == 0)
        {
            return;
        }

        await _server.Signal.WaitAsync(() => _server.Connections.Any(c => c.IsOpen && c.Subscriptions.Count > 0), Timeout.InfiniteTimeSpan, "a subscriber", cancellationToken);
        // Recorded pace is kept against the start of the pass, not frame to frame, so timer granularity does not add up.
        long? firstNanos = null;
        var started = _server.Time.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (IsAtEnd)
            {
                if (!loop)
                {
                    return;
                }

                Rewind();
                firstNanos = null;
            }

            var next = _frames[Position];
            if (pacing == WsPacing.Recorded)
            {
                if (firstNanos is not { } first)
                {
                    firstNanos = next.TimestampNanos;
                    started = _server.Time.GetTimestamp();
                }
                else
                {
                    var due = TimeSpan.FromTicks((long)((next.TimestampNanos - first) / 100 / speed));
                    var wait = due - _server.Time.GetElapsedTime(started);
                    if (wait >= TimeSpan.FromMilliseconds(1))
                    {
                        await Task.Delay(wait, _server.Time, cancellationToken);
                    }
                }
            }

            await PublishNextAsync();
        }
    }

    private async Task SendAsync(RecordedFrame frame)
    {
        var targets = _server.Connections.Where(c => c.IsOpen && frame.Stream is { } s && c.IsSubscribed(s)).ToList();
        await Task.WhenAll(targets.Select(c => c.SendFrameAsync(frame)));
        Interlocked.Increment(ref _published);
        FramePublished?.Invoke(frame);
    }
}
