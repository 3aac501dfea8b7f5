using System.Text;
using FlowSight.TestServers.Binance;
using FlowSight.Venues.Network;

namespace FlowSight.Venues.Tests.Network.Support;

/// <summary>A frame handler that keeps a copy of every frame, for assertions and waits.</summary>
public sealed class FrameCollector
{
    private readonly List<string> _frames = [];
    private readonly WsSignal _signal = new();

    /// <summary>Throws from the handler for frames containing this text (to test handler failures).</summary>
    public string? ThrowOn { get; set; }

    /// <summary>The handler to give the connection.</summary>
    public WebSocketFrameHandler Handler => OnFrame;

    /// <summary>The frames so far, as text.</summary>
    public IReadOnlyList<string> Frames
    {
        get
        {
            lock (_frames)
            {
                return [.. _frames];
            }
        }
    }

    /// <summary>The number of frames so far.</summary>
    public int Count
    {
        get
        {
            lock (_frames)
            {
                return _frames.Count;
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> frames arrived.</summary>
    public Task WaitForCountAsync(int count, TimeSpan? timeout = null) =>
        _signal.WaitAsync(() => Count >= count, timeout ?? TimeSpan.FromSeconds(15), $"{count} frames (have {Count})");

    /// <summary>Waits until a frame containing <paramref name="text"/> arrived.</summary>
    public Task WaitForTextAsync(string text, TimeSpan? timeout = null) =>
        _signal.WaitAsync(() => Frames.Any(f => f.Contains(text, StringComparison.Ordinal)), timeout ?? TimeSpan.FromSeconds(15), $"a frame with {text}");

    private void OnFrame(in WebSocketFrame frame)
    {
        var text = Encoding.UTF8.GetString(frame.Payload.Span);
        if (ThrowOn is { } marker && text.Contains(marker, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("handler failure requested by the test");
        }

        lock (_frames)
        {
            _frames.Add(text);
        }

        _signal.Pulse();
    }
}
