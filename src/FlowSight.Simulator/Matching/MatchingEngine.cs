using FlowSight.Core;
using FlowSight.Simulator.Markets;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Matching;

/// <summary>
/// One instrument's central limit order book with price-time priority, with the order semantics of Binance
/// USDⓈ-M futures: limit, market, stop and take-profit (market and limit) triggered by the last trade or the mark
/// price; GTC, IOC, FOK and GTX; reduce-only; amend; self-trade prevention; instrument filters.
/// </summary>
/// <remarks>
/// Single-threaded and synchronous: every call runs to completion, reporting through the <see cref="IMarketListener"/>
/// on the caller's thread, and the listener must not call back into the engine (queue the reaction instead; the
/// engine throws <see cref="InvalidOperationException"/> on re-entry). Prices and quantities are raw longs at the
/// instrument's tick and step precisions; orders live in a pooled array and each price level is an intrusive FIFO,
/// so nothing is allocated once the pools have grown to the book's working size.
/// </remarks>
public sealed partial class MatchingEngine : ISimulatedMarket
{
    private readonly IMarketListener _listener;
    private readonly IOrderAdmission _admission;
    private readonly IdSequence _orderIds;
    private readonly IdSequence _tradeIds;
    private readonly InstrumentId _instrumentId;

    private readonly byte _pricePrecision;
    private readonly byte _sizePrecision;
    private readonly byte _quotePrecision;
    private readonly int _notionalScale;
    private readonly long _tickRaw;
    private readonly long _stepRaw;
    private readonly long _minQuantityRaw;
    private readonly long _maxQuantityRaw;
    private readonly Int128 _minNotionalScaled;
    private readonly long _minNotionalPrecisionFactor;

    private readonly OrderPool _pool;
    private readonly BookSide _bids;
    private readonly BookSide _asks;
    private readonly StopQueue _lastRise;
    private readonly StopQueue _lastFall;
    private readonly StopQueue _markRise;
    private readonly StopQueue _markFall;
    private readonly Dictionary<long, int> _byOrderId;
    private readonly Dictionary<ClientOrderKey, int> _byClientId;
    private readonly int _maxOpenOrdersPerAccount;
    private readonly Dictionary<int, int> _openByAccount = [];

    private int _liveHead = -1;
    private int _liveTail = -1;

    private bool _hasLastPrice;
    private long _lastPriceRaw;
    private bool _hasMarkPrice;
    private long _markPriceRaw;

    // Range of trade prices since the last stop check: a sweep can cross a stop's trigger and come back past it.
    private bool _hasRange;
    private long _rangeLowRaw;
    private long _rangeHighRaw;

    private bool _busy;

    /// <summary>An empty book for <paramref name="instrument"/> reporting to <paramref name="listener"/>.</summary>
    /// <param name="instrument">What trades here; its tick, step, min/max quantity and min notional are enforced.</param>
    /// <param name="listener">Receives order events, public trades and book level changes.</param>
    /// <param name="admission">Asked before an order is accepted and at each reduce-only fill; null admits everything.</param>
    /// <param name="options">Id sequences and pool sizes; null for <see cref="MatchingEngineOptions.Default"/>.</param>
    public MatchingEngine(Instrument instrument, IMarketListener listener, IOrderAdmission? admission = null, MatchingEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(listener);
        instrument.EnsureValid();
        options ??= MatchingEngineOptions.Default;

        Instrument = instrument;
        _instrumentId = instrument.Id;
        _listener = listener;
        _admission = admission ?? OrderAdmission.AcceptAll;
        _orderIds = options.OrderIds ?? new IdSequence();
        _tradeIds = options.TradeIds ?? new IdSequence();

        _pricePrecision = instrument.PricePrecision;
        _sizePrecision = instrument.SizePrecision;
        _notionalScale = _pricePrecision + _sizePrecision;
        _quotePrecision = (byte)Math.Min(_notionalScale, Money.MaxPrecision);
        _tickRaw = Exact(instrument.TickSize.Raw, instrument.TickSize.Precision, _pricePrecision);
        _stepRaw = Exact(instrument.StepSize.Raw, instrument.StepSize.Precision, _sizePrecision);
        _minQuantityRaw = FixedRaw.Floor(instrument.MinQuantity, _sizePrecision);
        _maxQuantityRaw = instrument.MaxQuantity is { } max ? FixedRaw.Floor(max, _sizePrecision) : long.MaxValue;

        // min notional compared as minNotional × 10^(pp+sp) against price × quantity × 10^mp
        var minNotional = instrument.MinNotional;
        _minNotionalScaled = (Int128)minNotional.Raw * FixedRaw.Power(_notionalScale);
        _minNotionalPrecisionFactor = FixedRaw.Power(minNotional.Precision);

        int capacity = Math.Max(16, options.InitialOrderCapacity);
        _pool = new OrderPool(capacity);
        _bids = new BookSide(OrderSide.Buy, _pool, options.InitialLevelCapacity);
        _asks = new BookSide(OrderSide.Sell, _pool, options.InitialLevelCapacity);
        _lastRise = new StopQueue(firesOnRise: true, 64);
        _lastFall = new StopQueue(firesOnRise: false, 64);
        _markRise = new StopQueue(firesOnRise: true, 64);
        _markFall = new StopQueue(firesOnRise: false, 64);
        _byOrderId = new Dictionary<long, int>(capacity);
        _byClientId = new Dictionary<ClientOrderKey, int>(capacity);
        _maxOpenOrdersPerAccount = Math.Max(0, options.MaxOpenOrdersPerAccount);
        _fokAccounts = new int[16];
        _fokPositionSides = new PositionSide[16];
        _fokUsed = new long[16];
    }

    /// <inheritdoc/>
    public Instrument Instrument { get; }

    /// <summary>Open orders: resting plus untriggered stops.</summary>
    public int OpenOrderCount => _pool.Count;

    /// <summary>The price of the last trade, when there has been one.</summary>
    public bool TryGetLastPrice(out Price price)
    {
        price = Price.FromRaw(_lastPriceRaw, _pricePrecision);
        return _hasLastPrice;
    }

    /// <summary>
    /// The mark price changed: stops and take-profits with <see cref="WorkingType.MarkPrice"/> that it reaches
    /// trigger now, in trigger order.
    /// </summary>
    public void OnMarkPrice(Price markPrice, long timestamp)
    {
        Enter();
        try
        {
            if (!FixedRaw.TryExact(markPrice.Raw, markPrice.Precision, _pricePrecision, out long raw))
            {
                raw = FixedRaw.RoundHalfEven(markPrice.Raw, markPrice.Precision, _pricePrecision);
            }

            _hasMarkPrice = true;
            _markPriceRaw = raw;
            ProcessTriggers(timestamp);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <inheritdoc/>
    public void Submit(in SimOrderRequest request, long timestamp)
    {
        Enter();
        try
        {
            _hasRange = false;
            SubmitCore(in request, timestamp);
            ProcessTriggers(timestamp);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <inheritdoc/>
    public void Cancel(in SimCancelRequest request, long timestamp)
    {
        Enter();
        try
        {
            int index = Find(request.AccountId, request.Instrument, request.OrderId, request.ClientOrderId);
            if (index < 0)
            {
                RejectCancel(in request, timestamp);
                return;
            }

            CancelNode(index, RejectReason.None, timestamp);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <inheritdoc/>
    public void CancelAll(int accountId, long timestamp)
    {
        Enter();
        try
        {
            int index = _liveHead;
            while (index >= 0)
            {
                int next = _pool.Nodes[index].LiveNext;
                if (_pool.Nodes[index].AccountId == accountId)
                {
                    CancelNode(index, RejectReason.None, timestamp);
                }

                index = next;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    /// <inheritdoc/>
    public bool TryGetBestBid(out BookLevel level) => TryGetBest(_bids, out level);

    /// <inheritdoc/>
    public bool TryGetBestAsk(out BookLevel level) => TryGetBest(_asks, out level);

    /// <inheritdoc/>
    public int CopyLevels(OrderSide side, Span<BookLevel> destination)
    {
        var book = side == OrderSide.Buy ? _bids : _asks;
        int n = Math.Min(book.LevelCount, destination.Length);
        for (int i = 0; i < n; i++)
        {
            ref var level = ref book.Level(book.LevelAtRank(i));
            destination[i] = new BookLevel(Price.FromRaw(level.PriceRaw, _pricePrecision), Quantity.FromRaw(level.TotalRaw, _sizePrecision));
        }

        return n;
    }

    private bool TryGetBest(BookSide book, out BookLevel level)
    {
        int best = book.Best;
        if (best < 0)
        {
            level = default;
            return false;
        }

        ref var l = ref book.Level(best);
        level = new BookLevel(Price.FromRaw(l.PriceRaw, _pricePrecision), Quantity.FromRaw(l.TotalRaw, _sizePrecision));
        return true;
    }

    private void Enter()
    {
        if (_busy)
        {
            throw new InvalidOperationException("The matching engine was called from one of its own listener callbacks; queue the call and make it after the current one returns.");
        }

        _busy = true;
    }

    private static long Exact(long raw, byte from, byte precision) =>
        FixedRaw.TryExact(raw, from, precision, out long result)
            ? result
            : throw new ArgumentException("The instrument's increments do not fit its own precision.");

    private BookSide Own(OrderSide side) => side == OrderSide.Buy ? _bids : _asks;

    private BookSide Opposite(OrderSide side) => side == OrderSide.Buy ? _asks : _bids;

    private int Find(int accountId, InstrumentId instrument, long orderId, ClientOrderId clientOrderId)
    {
        if (instrument != _instrumentId)
        {
            return -1;
        }

        int index;
        if (orderId != 0)
        {
            if (!_byOrderId.TryGetValue(orderId, out index))
            {
                return -1;
            }
        }
        else if (clientOrderId.IsDefault || !_byClientId.TryGetValue(new ClientOrderKey(accountId, clientOrderId), out index))
        {
            return -1;
        }

        return _pool.Nodes[index].AccountId == accountId ? index : -1;
    }
}
