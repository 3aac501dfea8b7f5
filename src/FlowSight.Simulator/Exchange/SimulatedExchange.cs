using FlowSight.Core;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Markets;
using FlowSight.Simulator.Matching;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Exchange;

/// <summary>
/// The simulated exchange: one market per instrument (a <see cref="MatchingEngine"/> by default) admitted by one
/// <see cref="SimulatedAccounts"/>, every event reported to one <see cref="ISimulatorEventSink"/>. Order events pass
/// through the accounts on the way out, so fills carry their commission and realised PnL; the account updates a fill
/// causes are reported just before it. Mark prices and funding rates come in from the caller, and each one is followed
/// by a liquidation check on the instrument.
/// </summary>
/// <remarks>
/// Single-threaded and deterministic: every call carries the caller's time (Unix ns), the exchange reads no clock and
/// draws no random numbers, and accounts, instruments and positions are visited in creation / listing order.
/// </remarks>
public sealed class SimulatedExchange : IMarketListener
{
    private readonly ISimulatorEventSink _sink;
    private readonly Dictionary<InstrumentId, int> _index = [];
    private readonly Instrument[] _instruments;
    private readonly ISimulatedMarket[] _markets;
    private readonly IdSequence _orderIds;
    private readonly IdSequence _tradeIds = new();
    private readonly List<LiquidationCandidate> _candidates = [];
    private readonly decimal[] _fundingRate;
    private readonly long[] _nextFundingTime;

    /// <summary>Lists <paramref name="instruments"/>, each with its market, and accounts over all of them.</summary>
    public SimulatedExchange(IEnumerable<Instrument> instruments, ISimulatorEventSink sink, SimulatedExchangeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(sink);
        options ??= SimulatedExchangeOptions.Default;
        _sink = sink;
        _instruments = [.. instruments];
        _orderIds = new IdSequence(options.FirstOrderId);
        Accounts = new SimulatedAccounts(_instruments, sink);
        var factory = options.MarketFactory ?? DefaultMarket;
        _markets = new ISimulatedMarket[_instruments.Length];
        _fundingRate = new decimal[_instruments.Length];
        _nextFundingTime = new long[_instruments.Length];
        for (var i = 0; i < _instruments.Length; i++)
        {
            _index.Add(_instruments[i].Id, i);
            _markets[i] = factory(_instruments[i], this, Accounts, _orderIds);
        }
    }

    /// <summary>The accounts: deposits, leverage, margin type, position mode, balances and positions.</summary>
    public SimulatedAccounts Accounts { get; }

    /// <summary>The listed instruments, in listing order.</summary>
    public IReadOnlyList<Instrument> Instruments => _instruments;

    /// <summary>The market of <paramref name="instrument"/>.</summary>
    /// <exception cref="ArgumentException">Not listed.</exception>
    public ISimulatedMarket Market(InstrumentId instrument) =>
        _index.TryGetValue(instrument, out var i) ? _markets[i] : throw new ArgumentException($"Instrument {instrument} is not listed.", nameof(instrument));

    /// <summary>Places an order on its instrument's market; an unlisted instrument is rejected with <see cref="RejectReason.UnknownInstrument"/>.</summary>
    public void Submit(in SimOrderRequest request, long timestamp)
    {
        if (_index.TryGetValue(request.Instrument, out var i))
        {
            _markets[i].Submit(in request, timestamp);
            return;
        }

        _sink.OnOrderEvent(OrderEvent.RejectedRequest(request, RejectReason.UnknownInstrument, timestamp));
    }

    /// <summary>Cancels an open order.</summary>
    public void Cancel(in SimCancelRequest request, long timestamp)
    {
        if (_index.TryGetValue(request.Instrument, out var i))
        {
            _markets[i].Cancel(in request, timestamp);
        }
        else
        {
            _sink.OnOrderEvent(OrderEvent.RejectedChange(request.AccountId, request.Instrument, request.OrderId, request.ClientOrderId, RejectReason.UnknownInstrument, timestamp));
        }
    }

    /// <summary>Amends an open order.</summary>
    public void Amend(in SimAmendRequest request, long timestamp)
    {
        if (_index.TryGetValue(request.Instrument, out var i))
        {
            _markets[i].Amend(in request, timestamp);
        }
        else
        {
            _sink.OnOrderEvent(OrderEvent.RejectedChange(request.AccountId, request.Instrument, request.OrderId, request.ClientOrderId, RejectReason.UnknownInstrument, timestamp));
        }
    }

    /// <summary>Cancels every open order of the account on <paramref name="instrument"/>.</summary>
    public void CancelAll(int accountId, InstrumentId instrument, long timestamp) => Market(instrument).CancelAll(accountId, timestamp);

    /// <summary>
    /// A new mark price: the accounts revalue, mark-price stops on a matching engine trigger, and positions whose
    /// margin balance fell to their maintenance margin are liquidated.
    /// </summary>
    public void OnMarkPrice(InstrumentId instrument, Price markPrice, long timestamp)
    {
        var market = Market(instrument);
        Accounts.OnMarkPrice(instrument, markPrice);
        market.OnMarkPrice(markPrice, timestamp);

        Liquidate(instrument, timestamp);
    }

    /// <summary>
    /// A venue mark-price update (Binance <c>markPriceUpdate</c>: mark, funding rate <c>r</c>, next funding time
    /// <c>T</c>), at its <see cref="MarkPrice.EventTime"/>: the mark is applied as by
    /// <see cref="OnMarkPrice(InstrumentId, Price, long)"/>, and when the update is at or after the funding time the
    /// previous update announced, that period settles first at the rate announced with it (and the new mark), then
    /// liquidations are checked. So a recorded or generated mark stream funds positions at the venue's funding times.
    /// </summary>
    public void OnMarkPrice(in MarkPrice markPrice)
    {
        var i = _index.TryGetValue(markPrice.Instrument, out var found)
            ? found
            : throw new ArgumentException($"Instrument {markPrice.Instrument} is not listed.", nameof(markPrice));
        var timestamp = markPrice.EventTime;
        Accounts.OnMarkPrice(markPrice.Instrument, markPrice.Mark);
        _markets[i].OnMarkPrice(markPrice.Mark, timestamp);

        if (_nextFundingTime[i] > 0 && timestamp >= _nextFundingTime[i])
        {
            Accounts.SettleFunding(markPrice.Instrument, _fundingRate[i], _nextFundingTime[i]);
            _nextFundingTime[i] = 0;
        }

        if (markPrice.NextFundingTime > timestamp)
        {
            _fundingRate[i] = markPrice.FundingRate;
            _nextFundingTime[i] = markPrice.NextFundingTime;
        }

        Liquidate(markPrice.Instrument, timestamp);
    }

    /// <summary>Settles a funding period at the current mark (see <see cref="SimulatedAccounts.SettleFunding"/>), then checks liquidations.</summary>
    public void SettleFunding(InstrumentId instrument, decimal fundingRate, long timestamp)
    {
        Accounts.SettleFunding(instrument, fundingRate, timestamp);
        Liquidate(instrument, timestamp);
    }

    /// <inheritdoc/>
    void IMarketListener.OnOrderEvent(in OrderEvent orderEvent)
    {
        var charged = Accounts.Apply(in orderEvent);
        _sink.OnOrderEvent(in charged);
    }

    /// <inheritdoc/>
    void IMarketListener.OnTrade(in TradeTick trade) => _sink.OnTrade(in trade);

    /// <inheritdoc/>
    void IMarketListener.OnBookLevel(InstrumentId instrument, OrderSide side, Price price, Quantity total, long timestamp) =>
        _sink.OnBookLevel(instrument, side, price, total, timestamp);

    /// <summary>
    /// Binance's order of things: the breaching account's open orders are canceled first (on the instrument for an
    /// isolated position, on every perpetual for cross), then each position is taken over at its bankruptcy price.
    /// </summary>
    private void Liquidate(InstrumentId instrument, long timestamp)
    {
        _candidates.Clear();
        if (Accounts.FindLiquidations(instrument, _candidates) == 0)
        {
            return;
        }

        for (var c = 0; c < _candidates.Count; c++)
        {
            var candidate = _candidates[c];
            if (c > 0 && _candidates[c - 1].AccountId == candidate.AccountId && candidate.MarginType == MarginType.Cross
                && _candidates[c - 1].MarginType == MarginType.Cross)
            {
                continue; // the account's orders are already canceled
            }

            if (candidate.MarginType == MarginType.Isolated)
            {
                Market(candidate.Instrument).CancelAll(candidate.AccountId, timestamp);
                continue;
            }

            for (var i = 0; i < _markets.Length; i++)
            {
                if (_instruments[i].Kind != InstrumentKind.Spot)
                {
                    _markets[i].CancelAll(candidate.AccountId, timestamp);
                }
            }
        }

        foreach (var candidate in _candidates)
        {
            if (Accounts.TryLiquidate(candidate, _orderIds.Next(), timestamp, out var fill))
            {
                _sink.OnOrderEvent(in fill);
            }
        }
    }

    private ISimulatedMarket DefaultMarket(Instrument instrument, IMarketListener listener, IOrderAdmission admission, IdSequence orderIds) =>
        new MatchingEngine(instrument, listener, admission, new MatchingEngineOptions { OrderIds = orderIds, TradeIds = _tradeIds });
}
