using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Markets.Replay;

/// <summary>
/// A market made of a recording: the caller feeds the recorded book (<see cref="OnBookDeltas"/>) and trades
/// (<see cref="OnTrade"/>) in recording order, and our orders fill against that recorded liquidity. Market orders
/// walk the recorded book (liquidity they take stays used until the feed updates that level); limit orders rest with
/// an estimated queue position — the recorded quantity ahead when they arrive, reduced by recorded trades at their
/// price and by cancellations (see <see cref="QueueCancellationModel"/>) — and fill once the trades at their price go
/// beyond the queue ahead, or as a whole when the price trades through or the recorded book crosses them.
/// </summary>
/// <remarks>
/// <para>One clock: the recording's exchange time (<see cref="BookDeltas.EventTime"/>, <see cref="TradeTick.EventTime"/>).
/// A request sent at <c>t</c> acts at <c>t + </c><see cref="ILatencyModel.OrderEntryLatency"/>, against the book as
/// the recording has it then (requests keep their order: one connection). What the exchange reports reaches the
/// listener <see cref="ILatencyModel.FeedLatency"/> later, in order, once the recording (or <see cref="AdvanceTo"/>)
/// reaches that time. The listener may send requests from its callbacks.</para>
/// <para>Our resting orders never change the recorded book, and each has its queue against recorded liquidity only.
/// Deterministic: the same recording, requests and latency seed give the same events. Not thread-safe; allocates
/// nothing in steady state once its queues and pools have grown to the run's needs.</para>
/// </remarks>
public sealed partial class ReplayMarket : ISimulatedMarket
{
    private readonly IMarketListener _listener;
    private readonly IOrderAdmission _admission;
    private readonly ReplayMarketOptions _options;
    private readonly ILatencyModel _latency;
    private readonly L2OrderBook _book;
    private readonly byte _pricePrecision;
    private readonly byte _sizePrecision;
    private readonly byte _quotePrecision;
    private readonly Queue<ReplayCommand> _commands = new(64);
    private readonly Queue<ReplayNotification> _outbox = new(1024);
    private readonly Queue<OrderEvent> _orderReports = new(64);
    private readonly Queue<TradeTick> _tradeReports = new(64);
    private readonly Queue<LevelReport> _levelReports = new(1024);
    private readonly List<ReplayOrder> _resting = new(64);
    private readonly List<ReplayOrder> _stops = new(16);
    private readonly Stack<ReplayOrder> _pool = new(64);
    private readonly List<ConsumedLiquidity> _consumed = new(16);
    private BookLevel[] _levelScratch = new BookLevel[256];
    private long _now;
    private long _lastEffective = long.MinValue;
    private long _lastRelease = long.MinValue;
    private long _nextOrderId;
    private long _nextTradeId;
    private long _lastTradePriceRaw;
    private bool _hasLastTrade;
    private bool _running;

    /// <summary>Creates an empty market; the first snapshot fed in gives it a book.</summary>
    /// <param name="instrument">The recorded instrument; the recording's prices and sizes must fit its tick and step precisions.</param>
    /// <param name="listener">Receives order events and, unless disabled, the recorded market data.</param>
    /// <param name="options">Latency, queue model; defaults when null.</param>
    /// <param name="admission">The accounts' checks; <see cref="OrderAdmission.AcceptAll"/> when null.</param>
    public ReplayMarket(Instrument instrument, IMarketListener listener, ReplayMarketOptions? options = null, IOrderAdmission? admission = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(listener);
        Instrument = instrument;
        _listener = listener;
        _options = options ?? new ReplayMarketOptions();
        _latency = _options.Latency;
        _admission = admission ?? OrderAdmission.AcceptAll;
        _pricePrecision = instrument.PricePrecision;
        _sizePrecision = instrument.SizePrecision;
        _quotePrecision = (byte)Math.Min(_pricePrecision + _sizePrecision, Money.MaxPrecision);
        _book = new L2OrderBook(instrument.Id, _pricePrecision, _sizePrecision, _options.BookCapacity);
    }

    /// <inheritdoc/>
    public Instrument Instrument { get; }

    /// <summary>Where the exchange is on the recorded timeline, Unix nanoseconds.</summary>
    public long ExchangeTime => _now;

    /// <summary>The recorded book as fed so far (before liquidity our orders took).</summary>
    public L2OrderBook RecordedBook => _book;

    /// <summary>Our orders resting on the book, plus stops waiting for their trigger.</summary>
    public int OpenOrderCount => _resting.Count + _stops.Count;

    /// <summary>Requests sent but not yet acted on (still within their order-entry latency).</summary>
    public int PendingRequestCount => _commands.Count;

    /// <summary>Reports waiting for their feed latency.</summary>
    public int PendingReportCount => _outbox.Count;

    /// <summary>Feeds one recorded depth message (a snapshot replaces the book). Requests due by its event time act first.</summary>
    public void OnBookDeltas(BookDeltas batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        long time = batch.EventTime;
        Run(time);
        Advance(time);
        ApplyBook(batch);
        Run(_now);
    }

    /// <summary>Feeds one recorded trade. Requests due by its event time act first.</summary>
    public void OnTrade(in TradeTick trade)
    {
        long time = trade.EventTime;
        Run(time);
        Advance(time);
        ApplyTrade(trade);
        Run(_now);
    }

    /// <summary>
    /// Moves the timeline to <paramref name="timestamp"/> without recorded data: requests due by then act, and
    /// reports due by then reach the listener (e.g. after the last recorded event).
    /// </summary>
    public void AdvanceTo(long timestamp)
    {
        Run(timestamp);
        Advance(timestamp);
        Run(_now);
    }

    /// <inheritdoc/>
    public void Submit(in SimOrderRequest request, long timestamp) =>
        Send(new ReplayCommand { Kind = ReplayCommandKind.Submit, Order = request, AccountId = request.AccountId }, timestamp);

    /// <inheritdoc/>
    public void Cancel(in SimCancelRequest request, long timestamp) =>
        Send(new ReplayCommand { Kind = ReplayCommandKind.Cancel, Cancel = request, AccountId = request.AccountId }, timestamp);

    /// <inheritdoc/>
    public void Amend(in SimAmendRequest request, long timestamp) =>
        Send(new ReplayCommand { Kind = ReplayCommandKind.Amend, Amend = request, AccountId = request.AccountId }, timestamp);

    /// <inheritdoc/>
    public void CancelAll(int accountId, long timestamp) =>
        Send(new ReplayCommand { Kind = ReplayCommandKind.CancelAll, AccountId = accountId }, timestamp);

    /// <inheritdoc/>
    public bool TryGetBestBid(out BookLevel level) => TryGetBest(OrderSide.Buy, out level);

    /// <inheritdoc/>
    public bool TryGetBestAsk(out BookLevel level) => TryGetBest(OrderSide.Sell, out level);

    /// <summary>Levels of the recorded book net of the liquidity our orders took (what the next order would meet).</summary>
    public int CopyLevels(OrderSide side, Span<BookLevel> destination)
    {
        int count = 0;
        int levels = _book.Count(side);
        for (int depth = 0; depth < levels && count < destination.Length; depth++)
        {
            var level = _book.GetLevel(side, depth);
            long available = Available(side, level.Price.Raw, level.Size.Raw);
            if (available > 0)
            {
                destination[count++] = new BookLevel(level.Price, Quantity.FromRaw(available, _sizePrecision));
            }
        }

        return count;
    }

    /// <summary>The recorded quantity estimated ahead of our resting order; false when it is not resting.</summary>
    public bool TryGetQueueAhead(long orderId, out Quantity ahead)
    {
        foreach (var order in _resting)
        {
            if (order.OrderId == orderId)
            {
                ahead = Quantity.FromRaw(order.QueueAheadRaw, _sizePrecision);
                return true;
            }
        }

        ahead = default;
        return false;
    }

    private void Send(ReplayCommand command, long timestamp)
    {
        long effective = timestamp + _latency.OrderEntryLatency(timestamp);
        if (effective < _lastEffective)
        {
            effective = _lastEffective; // one connection: requests arrive in the order they were sent
        }

        _lastEffective = effective;
        command.EffectiveTime = effective;
        _commands.Enqueue(command);
        Run(_now); // acts now when it is already due (no latency, or sent behind the timeline)
    }

    private void Advance(long time)
    {
        if (time > _now)
        {
            _now = time;
        }
    }

    /// <summary>Acts on due requests and delivers due reports, in time order, up to <paramref name="upTo"/>.</summary>
    private void Run(long upTo)
    {
        if (_running)
        {
            return; // a listener callback sent a request: the loop below picks it up
        }

        _running = true;
        try
        {
            while (true)
            {
                bool commandDue = _commands.TryPeek(out var command) && command.EffectiveTime <= upTo;
                bool reportDue = _outbox.TryPeek(out var report) && report.ReleaseTime <= upTo;
                if (commandDue && (!reportDue || command.EffectiveTime < report.ReleaseTime))
                {
                    _commands.Dequeue();
                    Advance(command.EffectiveTime);
                    Execute(command);
                }
                else if (reportDue)
                {
                    _outbox.Dequeue();
                    Advance(report.ReleaseTime);
                    Deliver(report.Kind);
                }
                else
                {
                    break;
                }
            }
        }
        finally
        {
            _running = false;
        }
    }

    private void Deliver(ReplayNotificationKind kind)
    {
        switch (kind)
        {
            case ReplayNotificationKind.Order:
                var orderEvent = _orderReports.Dequeue();
                _listener.OnOrderEvent(orderEvent);
                break;
            case ReplayNotificationKind.Trade:
                var trade = _tradeReports.Dequeue();
                _listener.OnTrade(trade);
                break;
            default:
                var level = _levelReports.Dequeue();
                _listener.OnBookLevel(
                    Instrument.Id, level.Side, Price.FromRaw(level.PriceRaw, _pricePrecision), Quantity.FromRaw(level.SizeRaw, _sizePrecision), level.Timestamp);
                break;
        }
    }

    private void ReportOrder(in OrderEvent orderEvent)
    {
        _orderReports.Enqueue(orderEvent);
        Report(ReplayNotificationKind.Order);
    }

    private void ReportTrade(in TradeTick trade)
    {
        _tradeReports.Enqueue(trade);
        Report(ReplayNotificationKind.Trade);
    }

    private void ReportLevel(OrderSide side, long priceRaw, long sizeRaw)
    {
        _levelReports.Enqueue(new LevelReport(side, priceRaw, sizeRaw, _now));
        Report(ReplayNotificationKind.BookLevel);
    }

    private void Report(ReplayNotificationKind kind)
    {
        long release = _now + _latency.FeedLatency(_now);
        if (release < _lastRelease)
        {
            release = _lastRelease; // one feed: reports arrive in the order they were made
        }

        _lastRelease = release;
        _outbox.Enqueue(new ReplayNotification(release, kind));
    }

    private void Execute(in ReplayCommand command)
    {
        switch (command.Kind)
        {
            case ReplayCommandKind.Submit:
                Activate(command.Order);
                break;
            case ReplayCommandKind.Cancel:
                ExecuteCancel(command.Cancel);
                break;
            case ReplayCommandKind.Amend:
                ExecuteAmend(command.Amend);
                break;
            default:
                ExecuteCancelAll(command.AccountId);
                break;
        }
    }

    private bool TryGetBest(OrderSide side, out BookLevel level)
    {
        int levels = _book.Count(side);
        for (int depth = 0; depth < levels; depth++)
        {
            var recorded = _book.GetLevel(side, depth);
            long available = Available(side, recorded.Price.Raw, recorded.Size.Raw);
            if (available > 0)
            {
                level = new BookLevel(recorded.Price, Quantity.FromRaw(available, _sizePrecision));
                return true;
            }
        }

        level = default;
        return false;
    }

    /// <summary>The recorded size at a level less what our taker orders already took there.</summary>
    private long Available(OrderSide side, long priceRaw, long recordedRaw)
    {
        foreach (var used in _consumed)
        {
            if (used.PriceRaw == priceRaw && used.Side == side)
            {
                return Math.Max(0, recordedRaw - used.QuantityRaw);
            }
        }

        return recordedRaw;
    }

    private void Consume(OrderSide side, long priceRaw, long quantityRaw)
    {
        for (int i = 0; i < _consumed.Count; i++)
        {
            var used = _consumed[i];
            if (used.PriceRaw == priceRaw && used.Side == side)
            {
                _consumed[i] = used with { QuantityRaw = used.QuantityRaw + quantityRaw };
                return;
            }
        }

        _consumed.Add(new ConsumedLiquidity(side, priceRaw, quantityRaw));
    }

    private void Refreshed(OrderSide side, long priceRaw)
    {
        for (int i = 0; i < _consumed.Count; i++)
        {
            var used = _consumed[i];
            if (used.PriceRaw == priceRaw && used.Side == side)
            {
                _consumed[i] = _consumed[^1];
                _consumed.RemoveAt(_consumed.Count - 1);
                return;
            }
        }
    }
}
