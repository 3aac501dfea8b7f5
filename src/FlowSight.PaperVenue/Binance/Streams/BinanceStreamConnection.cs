using FlowSight.PaperVenue.Streaming;

namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>
/// One client socket on Binance's stream endpoints: its payload mode (raw or combined, switchable with
/// <c>SET_PROPERTY</c>), the path it came in on (USDⓈ-M routes), its subscriptions in order, and its incoming
/// message budget. Touched by its own receive loop, and by the exchange thread only through the topics.
/// </summary>
internal sealed class BinanceStreamConnection(PaperWebSocket socket, BinanceStreamPath path, bool combined)
{
    private long _windowStartMs;
    private int _messagesInWindow;

    public PaperWebSocket Socket { get; } = socket;

    public BinanceStreamPath Path { get; } = path;

    /// <summary>Combined payloads (<c>{"stream":..,"data":..}</c>).</summary>
    public bool Combined { get; set; } = combined;

    /// <summary>Stream names (market streams and listen keys), in subscription order. Guarded by the connection's receive loop.</summary>
    public List<string> Subscriptions { get; } = [];

    /// <summary>Counts one incoming message; false when the connection has exceeded <paramref name="perSecond"/> in the current second.</summary>
    public bool CountMessage(long nowMs, int perSecond)
    {
        if (nowMs - _windowStartMs >= 1_000)
        {
            _windowStartMs = nowMs;
            _messagesInWindow = 0;
        }

        return ++_messagesInWindow <= perSecond;
    }
}
