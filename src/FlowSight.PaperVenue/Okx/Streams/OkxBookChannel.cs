using System.Buffers;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Streaming;
using FlowSight.Venues.Okx.Book;

namespace FlowSight.PaperVenue.Okx.Streams;

/// <summary>
/// One instrument's <c>books</c> channel: the 400 levels a side its subscribers hold, a snapshot for each new
/// subscriber, then every 100 ms (exchange time) one <c>update</c> with the levels that changed inside that window
/// (levels falling out of the 400 are sent as deletes, levels moving in as adds), <c>seqId</c> = the book's
/// <see cref="PaperBook.UpdateId"/>, <c>prevSeqId</c> = the previous push's (−1 for a snapshot) and the CRC32
/// checksum of the top 25 (<see cref="OkxChecksum"/>); after 20 s (exchange time) without change, OKX's "no
/// change" message (empty sides, <c>seqId == prevSeqId</c>), which keeps a still book's subscribers from OKX's 30-second
/// idle cut-off. Each message is formatted once for all subscribers. Exchange thread only.
/// </summary>
public sealed class OkxBookChannel
{
    /// <summary>Levels per side published.</summary>
    public const int Depth = 400;

    private const long Interval = 100_000_000L;
    private const long HeartbeatAfter = 20_000_000_000L;
    private readonly PaperMarket _market;
    private readonly byte[] _argument;
    private readonly BookLevel[] _heldBids = new BookLevel[Depth];
    private readonly BookLevel[] _heldAsks = new BookLevel[Depth];
    private readonly BookLevel[] _nowBids = new BookLevel[Depth];
    private readonly BookLevel[] _nowAsks = new BookLevel[Depth];
    private readonly List<BookLevel> _bidChanges = new(64);
    private readonly List<BookLevel> _askChanges = new(64);
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private int _heldBidCount;
    private int _heldAskCount;
    private long _nextFlush;
    private long _lastPush;

    /// <summary>Creates the channel of <paramref name="market"/>.</summary>
    public OkxBookChannel(PaperMarket market)
    {
        _market = market ?? throw new ArgumentNullException(nameof(market));
        _argument = System.Text.Encoding.UTF8.GetBytes($"{{\"arg\":{{\"channel\":\"books\",\"instId\":\"{market.Symbol}\"}},\"action\":\"");
    }

    /// <summary>The connections subscribed.</summary>
    public List<PaperWebSocket> Subscribers { get; } = [];

    /// <summary>The <c>seqId</c> of the last push (the state subscribers hold).</summary>
    public long SeqId { get; private set; }

    /// <summary>Pushes sent (snapshots, updates, heartbeats).</summary>
    public long Pushes { get; private set; }

    /// <summary>Adds a subscriber and sends it the snapshot of what subscribers hold now.</summary>
    public void Subscribe(PaperWebSocket socket, long now)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (Subscribers.Count == 0)
        {
            // Nobody held anything: start from the book as it is.
            _heldBidCount = _market.Book.Levels.CopyLevels(OrderSide.Buy, _heldBids);
            _heldAskCount = _market.Book.Levels.CopyLevels(OrderSide.Sell, _heldAsks);
            SeqId = _market.Book.UpdateId;
            _lastPush = now;
            _nextFlush = now + Interval;
        }

        Subscribers.Add(socket);
        socket.TrySend(Format("snapshot", _heldBids.AsSpan(0, _heldBidCount), _heldAsks.AsSpan(0, _heldAskCount), -1, SeqId, HeldChecksum(), now));
        Pushes++;
    }

    /// <summary>Removes a subscriber.</summary>
    public void Unsubscribe(PaperWebSocket socket) => Subscribers.Remove(socket);

    /// <summary>Publishes the update (or heartbeat) that is due at <paramref name="now"/>.</summary>
    public void OnTick(long now)
    {
        if (Subscribers.Count == 0 || now < _nextFlush)
        {
            return;
        }

        _nextFlush = now + Interval;
        var book = _market.Book;
        if (book.UpdateId == SeqId)
        {
            if (now - _lastPush >= HeartbeatAfter)
            {
                Send(Format("update", [], [], SeqId, SeqId, HeldChecksum(), now));
                _lastPush = now;
            }

            return;
        }

        var bidCount = book.Levels.CopyLevels(OrderSide.Buy, _nowBids);
        var askCount = book.Levels.CopyLevels(OrderSide.Sell, _nowAsks);
        Diff(_heldBids.AsSpan(0, _heldBidCount), _nowBids.AsSpan(0, bidCount), descending: true, _bidChanges);
        Diff(_heldAsks.AsSpan(0, _heldAskCount), _nowAsks.AsSpan(0, askCount), descending: false, _askChanges);
        if (_bidChanges.Count == 0 && _askChanges.Count == 0)
        {
            // Only levels beyond the 400 moved: subscribers hold the same; the next real change carries the chain on.
            return;
        }

        _nowBids.AsSpan(0, bidCount).CopyTo(_heldBids);
        _nowAsks.AsSpan(0, askCount).CopyTo(_heldAsks);
        _heldBidCount = bidCount;
        _heldAskCount = askCount;
        var previous = SeqId;
        SeqId = book.UpdateId;
        Send(Format("update", System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_bidChanges),
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_askChanges), previous, SeqId, OkxChecksum.Compute(book.Levels), now));
        _lastPush = now;
    }

    // Snapshots and heartbeats are rare: a small book of the held top 25 is built for them.
    private int HeldChecksum()
    {
        var instrument = _market.Instrument;
        var book = new L2OrderBook(instrument.Id, instrument.PricePrecision, instrument.SizePrecision, 64);
        for (var i = 0; i < Math.Min(_heldBidCount, OkxChecksum.Depth); i++)
        {
            book.Set(OrderSide.Buy, _heldBids[i].Price, _heldBids[i].Size);
        }

        for (var i = 0; i < Math.Min(_heldAskCount, OkxChecksum.Depth); i++)
        {
            book.Set(OrderSide.Sell, _heldAsks[i].Price, _heldAsks[i].Size);
        }

        return OkxChecksum.Compute(book);
    }

    private void Send(byte[] message)
    {
        Pushes++;
        foreach (var socket in Subscribers)
        {
            socket.TrySend(message);
        }
    }

    // Both sides are sorted best first; a level only in `held` is deleted (size 0), one new or resized is sent.
    private static void Diff(ReadOnlySpan<BookLevel> held, ReadOnlySpan<BookLevel> now, bool descending, List<BookLevel> changes)
    {
        changes.Clear();
        int i = 0, j = 0;
        while (i < held.Length || j < now.Length)
        {
            int order;
            if (i == held.Length)
            {
                order = 1;
            }
            else if (j == now.Length)
            {
                order = -1;
            }
            else
            {
                order = held[i].Price.CompareTo(now[j].Price);
                if (descending)
                {
                    order = -order;
                }
            }

            if (order < 0)
            {
                changes.Add(new BookLevel(held[i].Price, Quantity.Zero(held[i].Size.Precision)));
                i++;
            }
            else if (order > 0)
            {
                changes.Add(now[j]);
                j++;
            }
            else
            {
                if (held[i].Size != now[j].Size)
                {
                    changes.Add(now[j]);
                }

                i++;
                j++;
            }
        }
    }

    private byte[] Format(string action, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks, long prevSeqId, long seqId, int checksum, long now)
    {
        _buffer.ResetWrittenCount();
        _buffer.Write(_argument);
        _buffer.Write(action == "snapshot" ? "snapshot\",\"data\":"u8 : "update\",\"data\":"u8);
        using (var json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            json.WriteStartArray();
            json.WriteStartObject();
            Levels(json, "asks", asks);
            Levels(json, "bids", bids);
            json.WriteString("ts", OkxText.Ms(now));
            json.WriteNumber("checksum", checksum);
            json.WriteNumber("prevSeqId", prevSeqId);
            json.WriteNumber("seqId", seqId);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        _buffer.Write("}"u8);
        return _buffer.WrittenSpan.ToArray();
    }

    private static void Levels(Utf8JsonWriter json, string name, ReadOnlySpan<BookLevel> levels)
    {
        json.WriteStartArray(name);
        foreach (var level in levels)
        {
            json.WriteStartArray();
            json.WriteStringValue(OkxText.Px(level.Price));
            json.WriteStringValue(OkxText.Sz(level.Size));
            json.WriteStringValue("0");
            json.WriteStringValue(level.Size.Raw == 0 ? "0" : "1");
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }
}
