using System.Globalization;
using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.OrderBook;
using FlowSight.Venues.Network;

namespace FlowSight.Cli.Watch;

/// <summary>
/// The watch view's engine-side state: recent trades, message counts and the connection's state, updated by bus
/// handlers on the engine thread; <see cref="Snapshot"/> copies it out (also on the engine thread).
/// </summary>
internal sealed class WatchModel(InstrumentId instrument, OrderBookManager books, int rows) :
    IEventHandler<TradeTick>, IEventHandler<QuoteTick>, IEventHandler<BookDelta>, IEventHandler<ConnectionStateChanged>
{
    private const int TapeLength = 18;

    private readonly TradeTick[] _tape = new TradeTick[TapeLength];
    private readonly BookLevel[] _levels = new BookLevel[Math.Max(rows, 1)];
    private int _tapeHead;
    private int _tapeCount;
    private long _messages;
    private long _depthMessages;
    private long _trades;
    private long _lastMessages;
    private long _lastDepth;
    private long _lastTrades;
    private long _lastAt;
    private string _connection = "Connecting";
    private string? _reason;
    private long _reconnects;

    public void Subscribe(EventBus bus)
    {
        bus.Subscribe(new Subscription<TradeTick> { Name = "watch-trades", Instrument = instrument }, this);
        bus.Subscribe(new Subscription<QuoteTick> { Name = "watch-quotes", Instrument = instrument }, this);
        bus.Subscribe(new Subscription<BookDelta> { Name = "watch-depth", Instrument = instrument, Filter = static (in BookDelta d) => d.IsLast }, this);
        bus.Subscribe("watch-connection", (IEventHandler<ConnectionStateChanged>)this);
    }

    public void Handle(in TradeTick evt)
    {
        _messages++;
        _trades++;
        _tape[_tapeHead] = evt;
        _tapeHead = (_tapeHead + 1) % TapeLength;
        _tapeCount = Math.Min(_tapeCount + 1, TapeLength);
    }

    public void Handle(in QuoteTick evt) => _messages++;

    public void Handle(in BookDelta evt)
    {
        _messages++;
        _depthMessages++;
    }

    public void Handle(in ConnectionStateChanged evt)
    {
        if (evt.Current == ConnectionState.Reconnecting)
        {
            _reconnects++;
        }

        _connection = evt.Current.ToString();
        _reason = evt.Current is ConnectionState.Connected or ConnectionState.Subscribed ? null : evt.Reason;
    }

    /// <summary>Copies the view's data out of engine state. Call on the engine thread.</summary>
    public WatchSnapshot Snapshot(long nowNanos)
    {
        var seconds = _lastAt == 0 ? 0 : (nowNanos - _lastAt) / 1e9;
        double Rate(long now, long before) => seconds > 0 ? (now - before) / seconds : 0;
        var snapshot = new WatchSnapshot
        {
            Instrument = instrument.Value,
            Connection = _connection,
            ConnectionReason = _reason,
            MessagesPerSecond = Rate(_messages, _lastMessages),
            DepthPerSecond = Rate(_depthMessages, _lastDepth),
            TradesPerSecond = Rate(_trades, _lastTrades),
            Reconnects = _reconnects,
            Trades = Tape(),
        };
        _lastAt = nowNanos;
        _lastMessages = _messages;
        _lastDepth = _depthMessages;
        _lastTrades = _trades;

        if (!books.TryGetBook(instrument, out var book))
        {
            return snapshot;
        }

        return snapshot with
        {
            LastUpdateId = book.LastUpdateId,
            Bids = Ladder(book, OrderSide.Buy),
            Asks = Ladder(book, OrderSide.Sell),
            Spread = book.TryGetSpread(out var spread) ? spread.ToString() : null,
            Mid = book.TryGetMid(out var mid) ? mid.ToString() : null,
            Microprice = book.TryGetMicroprice(out var micro) ? micro.ToString("F2", CultureInfo.InvariantCulture) : null,
            Imbalance = book.TryGetImbalance(5, out var imbalance) ? imbalance : null,
        };
    }

    private List<LadderRow> Ladder(L2OrderBook book, OrderSide side)
    {
        var count = book.CopyLevels(side, _levels);
        var rows = new List<LadderRow>(count);
        var cumulative = 0m;
        for (var i = 0; i < count; i++)
        {
            cumulative += _levels[i].Size.ToDecimal();
            rows.Add(new LadderRow(_levels[i].Price.ToString(), _levels[i].Size.ToString(), cumulative));
        }

        return rows;
    }

    private List<TapeRow> Tape()
    {
        var rows = new List<TapeRow>(_tapeCount);
        for (var i = 1; i <= _tapeCount; i++)
        {
            var trade = _tape[(_tapeHead - i + TapeLength) % TapeLength];
            rows.Add(new TapeRow(UnixNanos.ToDateTimeOffset(trade.EventTime), trade.Aggressor == AggressorSide.Buyer, trade.Price.ToString(), trade.Size.ToString()));
        }

        return rows;
    }
}
