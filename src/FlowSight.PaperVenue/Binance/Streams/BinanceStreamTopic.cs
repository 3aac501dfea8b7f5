using System.Text;
using FlowSight.Core;
using FlowSight.PaperVenue.Streaming;

namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>
/// One market stream and the connections listening to it, raw (<c>/ws</c>) or combined (<c>/stream</c>). A message is
/// formatted once; every raw subscriber gets the same bytes, every combined subscriber the same enveloped bytes.
/// Subscriber lists are copied on write (connection threads) and read without locks (exchange thread); the
/// publishing state is the exchange thread's.
/// </summary>
internal sealed class BinanceStreamTopic
{
    private readonly byte[] _envelopePrefix;
    private readonly Lock _gate = new();
    private PaperWebSocket[] _raw = [];
    private PaperWebSocket[] _combined = [];

    public BinanceStreamTopic(BinanceStreamSpec spec)
    {
        Spec = spec;
        _envelopePrefix = Encoding.UTF8.GetBytes("{\"stream\":\"" + spec.Name + "\",\"data\":");
    }

    public BinanceStreamSpec Spec { get; }

    public string Name => Spec.Name;

    public bool HasSubscribers => Volatile.Read(ref _raw).Length + Volatile.Read(ref _combined).Length > 0;

    public int SubscriberCount => Volatile.Read(ref _raw).Length + Volatile.Read(ref _combined).Length;

    /// <summary>Messages published.</summary>
    public long Published { get; private set; }

    // Exchange-thread publishing state.

    /// <summary>Depth: the <c>u</c> of the last message (−1 until the first tick after creation).</summary>
    public long LastUpdateId { get; set; } = -1;

    /// <summary>When the next depth / mark price message is due (exchange ns).</summary>
    public long NextDue { get; set; }

    /// <summary>Book ticker: the best levels last published.</summary>
    public BookLevel LastBid { get; set; }

    /// <summary>Book ticker: the best levels last published.</summary>
    public BookLevel LastAsk { get; set; }

    /// <summary>All book tickers: the best levels last published per market.</summary>
    public (BookLevel Bid, BookLevel Ask)[]? LastBest { get; set; }

    /// <summary>Kline: a trade arrived since the last push.</summary>
    public bool Dirty { get; set; }

    /// <summary>Kline: open time of the candle being pushed (exchange ns).</summary>
    public long CandleOpen { get; set; } = long.MinValue;

    /// <summary>Kline: its first and last trade ids.</summary>
    public long FirstTradeId { get; set; } = -1;

    /// <summary>Kline: its last trade id.</summary>
    public long LastTradeId { get; set; } = -1;

    public void Add(PaperWebSocket socket, bool combined)
    {
        lock (_gate)
        {
            Remove(socket);
            if (combined)
            {
                _combined = [.. _combined, socket];
            }
            else
            {
                _raw = [.. _raw, socket];
            }
        }
    }

    /// <summary>Removes <paramref name="socket"/>; true when nobody is left.</summary>
    public bool Remove(PaperWebSocket socket)
    {
        lock (_gate)
        {
            if (Array.IndexOf(_raw, socket) >= 0)
            {
                _raw = Array.FindAll(_raw, s => !ReferenceEquals(s, socket));
            }

            if (Array.IndexOf(_combined, socket) >= 0)
            {
                _combined = Array.FindAll(_combined, s => !ReferenceEquals(s, socket));
            }

            return _raw.Length + _combined.Length == 0;
        }
    }

    /// <summary>Sends <paramref name="payload"/> (the raw message) to every subscriber; never blocks.</summary>
    public void Publish(ReadOnlySpan<byte> payload)
    {
        var raw = Volatile.Read(ref _raw);
        var combined = Volatile.Read(ref _combined);
        if (raw.Length == 0 && combined.Length == 0)
        {
            return;
        }

        Published++;
        if (raw.Length > 0)
        {
            ReadOnlyMemory<byte> bytes = payload.ToArray();
            foreach (var socket in raw)
            {
                socket.TrySend(bytes);
            }
        }

        if (combined.Length > 0)
        {
            var bytes = new byte[_envelopePrefix.Length + payload.Length + 1];
            _envelopePrefix.CopyTo(bytes, 0);
            payload.CopyTo(bytes.AsSpan(_envelopePrefix.Length));
            bytes[^1] = (byte)'}';
            ReadOnlyMemory<byte> memory = bytes;
            foreach (var socket in combined)
            {
                socket.TrySend(memory);
            }
        }
    }

    /// <summary>Closes every subscriber's socket (any thread).</summary>
    public void CloseAll(System.Net.WebSockets.WebSocketCloseStatus status, string reason)
    {
        foreach (var socket in Volatile.Read(ref _raw))
        {
            socket.Close(status, reason);
        }

        foreach (var socket in Volatile.Read(ref _combined))
        {
            socket.Close(status, reason);
        }
    }
}
