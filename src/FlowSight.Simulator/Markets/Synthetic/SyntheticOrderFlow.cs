using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Markets.Synthetic;

/// <summary>
/// A seeded stochastic order flow that makes a market out of a matching engine: Poisson limit-order arrivals placed
/// an exponential number of ticks behind a fair value, a per-order cancellation hazard, Poisson market orders of
/// exponential size leaning towards the fair value, and a fair value that random-walks with Markov-switching
/// calm/volatile regimes (the volatile one also multiplies activity). Orders go through the market's public API
/// under the participants' own accounts, so anyone else's orders match against them for real.
/// </summary>
/// <remarks>
/// <para>Event times come from the flow, not a clock: <see cref="AdvanceTo"/> draws every arrival up to the given
/// time and sends each at its own timestamp, in time order (Gillespie's method: with the total rate of all kinds
/// of event, the next event is an exponential wait away and its kind is drawn in proportion to the rates; the
/// fair value moves at fixed steps between them). Whoever listens to the market must hand the participants' order
/// events back through <see cref="OnOrderEvent"/> so the flow knows which of its orders still rest
/// (<see cref="SyntheticMarket"/> does that).</para>
/// <para>Prices and sizes are whole ticks and steps (longs); doubles only drive the random draws. Deterministic for a
/// seed; not thread-safe; allocates nothing once its order set has grown to the book's size.</para>
/// </remarks>
public sealed class SyntheticOrderFlow
{
    private readonly ISimulatedMarket _market;
    private readonly SyntheticMarketOptions _options;
    private readonly Random _random;
    private readonly InstrumentId _instrument;
    private readonly byte _pricePrecision;
    private readonly byte _sizePrecision;
    private readonly long _tickRaw;
    private readonly long _stepRaw;
    private readonly long _minSizeRaw;
    private readonly long _stepNanos;
    private readonly RestingOrderSet _resting = new(1024);
    private long _fairRaw;
    private long _now;
    private long _nextFlow;
    private long _nextStep;
    private bool _started;

    /// <summary>Creates the flow for <paramref name="market"/>; nothing happens until the first <see cref="AdvanceTo"/>.</summary>
    public SyntheticOrderFlow(ISimulatedMarket market, SyntheticMarketOptions options)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.FairValueStep, TimeSpan.Zero);
        _market = market;
        _options = options;
#pragma warning disable CA5394 // simulation, not security: a seeded generator is the point
        _random = new Random(options.Seed);
#pragma warning restore CA5394
        var instrument = market.Instrument;
        _instrument = instrument.Id;
        _pricePrecision = instrument.PricePrecision;
        _sizePrecision = instrument.SizePrecision;
        _tickRaw = instrument.TickSize.RoundTo(_pricePrecision, RoundingMode.ToEven).Raw;
        _stepRaw = instrument.StepSize.RoundTo(_sizePrecision, RoundingMode.ToEven).Raw;
        _fairRaw = options.InitialPrice.RoundTo(_pricePrecision, RoundingMode.Down).Raw / _tickRaw * _tickRaw;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_fairRaw, 0, nameof(options));
        _minSizeRaw = SmallestOrder(instrument, _fairRaw);
        _stepNanos = options.FairValueStep.Ticks * 100;
        _now = options.StartTime;
    }

    /// <summary>The market the flow trades on.</summary>
    public ISimulatedMarket Market => _market;

    /// <summary>The current fair value (the bid-side anchor: participants buy at or below it and sell above it).</summary>
    public Price FairValue => Price.FromRaw(_fairRaw, _pricePrecision);

    /// <summary>The current volatility regime.</summary>
    public VolatilityRegime Regime { get; private set; }

    /// <summary>Time of the flow, Unix nanoseconds: everything up to it has been sent.</summary>
    public long Now => _now;

    /// <summary>The participants' limit orders resting now.</summary>
    public int RestingOrders => _resting.Count;

    /// <summary>Limit orders sent so far.</summary>
    public long LimitOrders { get; private set; }

    /// <summary>Market orders sent so far.</summary>
    public long MarketOrders { get; private set; }

    /// <summary>Cancels sent so far.</summary>
    public long Cancels { get; private set; }

    /// <summary>Regime switches so far.</summary>
    public long RegimeSwitches { get; private set; }

    /// <summary>Sends every order, cancel and fair-value step due up to <paramref name="timestamp"/>, in time order.</summary>
    public void AdvanceTo(long timestamp)
    {
        if (!_started)
        {
            Start();
        }

        while (true)
        {
            long next = Math.Min(_nextFlow, _nextStep);
            if (next > timestamp)
            {
                break;
            }

            _now = next;
            if (_nextStep <= _nextFlow)
            {
                StepFairValue();
                _nextStep += _stepNanos;
                _nextFlow = _now + Wait(); // memoryless: redraw with the new rates
            }
            else
            {
                FlowEvent();
                _nextFlow = _now + Wait();
            }
        }

        if (timestamp > _now)
        {
            _now = timestamp;
        }
    }

    /// <summary>
    /// Hand every order event of the market here (others' are ignored): the flow keeps track of which of its limit
    /// orders rest, to cancel them.
    /// </summary>
    public void OnOrderEvent(in OrderEvent orderEvent)
    {
        if (orderEvent.AccountId != _options.MakerAccountId || orderEvent.OrderId == 0)
        {
            return;
        }

        if (orderEvent.Status.IsTerminal())
        {
            _resting.Remove(orderEvent.OrderId);
        }
        else if (orderEvent.ExecutionType == ExecutionType.New)
        {
            _resting.Add(orderEvent.OrderId);
        }
    }

    private void Start()
    {
        _started = true;
        _now = _options.StartTime;
        for (int level = 0; level < _options.InitialLevels; level++)
        {
            PlaceLimit(OrderSide.Buy, _fairRaw - (level * _tickRaw));
            PlaceLimit(OrderSide.Sell, _fairRaw + ((level + 1) * _tickRaw));
        }

        _nextStep = _now + _stepNanos;
        _nextFlow = _now + Wait();
    }

    private double Activity => Regime == VolatilityRegime.Volatile ? _options.VolatileActivity : 1.0;

    private double LimitRate => _resting.Count < _options.MaxRestingOrders ? _options.LimitOrderRate * Activity : 0;

    private double MarketRate => _options.MarketOrderRate * Activity;

    private double CancelRate => _options.CancelRate * _resting.Count;

    /// <summary>Nanoseconds to the next order or cancel: exponential with the total rate.</summary>
    private long Wait()
    {
        double total = LimitRate + MarketRate + CancelRate;
        if (total <= 0)
        {
            return long.MaxValue / 4;
        }

        double seconds = -Math.Log(1.0 - NextDouble()) / total;
        return Math.Max(1, (long)Math.Min(seconds * 1e9, long.MaxValue / 4));
    }

    private void FlowEvent()
    {
        double limit = LimitRate;
        double market = MarketRate;
        double pick = NextDouble() * (limit + market + CancelRate);
        if (pick < limit)
        {
            var side = NextDouble() < 0.5 ? OrderSide.Buy : OrderSide.Sell;
            long distance = (long)Exponential(_options.MeanLimitDistanceTicks) * _tickRaw;
            PlaceLimit(side, side == OrderSide.Buy ? _fairRaw - distance : _fairRaw + _tickRaw + distance);
        }
        else if (pick < limit + market)
        {
            PlaceMarket();
        }
        else if (_resting.Count > 0)
        {
            CancelOne();
        }
    }

    private void PlaceLimit(OrderSide side, long priceRaw)
    {
        if (priceRaw <= 0)
        {
            return;
        }

        LimitOrders++;
        var request = new SimOrderRequest(
            _options.MakerAccountId, _instrument, default, side, OrderType.Limit, TimeInForce.Gtc,
            Size(_options.MeanLimitSizeSteps), Price.FromRaw(priceRaw, _pricePrecision));
        _market.Submit(request, _now);
    }

    /// <summary>Market orders lean towards the fair value, which is what drags the book after it.</summary>
    private void PlaceMarket()
    {
        double gapTicks = 0;
        if (_market.TryGetBestBid(out var bid) && _market.TryGetBestAsk(out var ask))
        {
            // Twice the gap between the fair value's midpoint (fair + ½ tick) and the mid, in ticks, exact in longs.
            long twiceGap = (2 * _fairRaw) + _tickRaw - (bid.Price.Raw + ask.Price.Raw);
            gapTicks = twiceGap / (2.0 * _tickRaw);
        }

        double buyChance = 0.5 + (0.5 * Math.Tanh(gapTicks / Math.Max(_options.FairValuePullTicks, 1e-9) * 0.4236)); // atanh(0.4): 70% one way at the pull distance
        var side = NextDouble() < buyChance ? OrderSide.Buy : OrderSide.Sell;
        MarketOrders++;
        var request = new SimOrderRequest(
            _options.TakerAccountId, _instrument, default, side, OrderType.Market, TimeInForce.Gtc, Size(_options.MeanMarketSizeSteps));
        _market.Submit(request, _now);
    }

    private void CancelOne()
    {
        long orderId = _resting.At(NextInt(_resting.Count));
        Cancels++;
        _market.Cancel(new SimCancelRequest(_options.MakerAccountId, _instrument, orderId), _now);
    }

    private void StepFairValue()
    {
        double flip = Regime == VolatilityRegime.Calm ? _options.CalmToVolatile : _options.VolatileToCalm;
        if (NextDouble() < flip)
        {
            Regime = Regime == VolatilityRegime.Calm ? VolatilityRegime.Volatile : VolatilityRegime.Calm;
            RegimeSwitches++;
        }

        double sigma = Regime == VolatilityRegime.Calm ? _options.CalmVolatilityTicks : _options.VolatileVolatilityTicks;
        long ticks = (long)Math.Round(Normal() * sigma, MidpointRounding.ToEven);
        long moved = _fairRaw + (ticks * _tickRaw);
        _fairRaw = moved > _tickRaw ? moved : _tickRaw;
    }

    private Quantity Size(double meanSteps) =>
        Quantity.FromRaw(_minSizeRaw + ((long)Exponential(meanSteps) * _stepRaw), _sizePrecision);

    /// <summary>The smallest order the filters accept, with room for the price to halve (min notional).</summary>
    private long SmallestOrder(Instrument instrument, long fairRaw)
    {
        long minimum = Math.Max(_stepRaw, instrument.MinQuantity.RoundTo(_sizePrecision, RoundingMode.Up).Raw);
        if (instrument.MinNotional.Raw > 0)
        {
            // minNotional / (price / 2 × multiplier), in size units, rounded up to a step.
            decimal half = Price.FromRaw(fairRaw, _pricePrecision).ToDecimal() / 2m * instrument.ContractMultiplier;
            decimal needed = instrument.MinNotional.ToDecimal() / half;
            long raw = (long)Math.Ceiling(needed * Pow10(_sizePrecision));
            minimum = Math.Max(minimum, raw);
        }

        return (minimum + _stepRaw - 1) / _stepRaw * _stepRaw;
    }

    private static decimal Pow10(byte exponent)
    {
        decimal value = 1m;
        for (int i = 0; i < exponent; i++)
        {
            value *= 10m;
        }

        return value;
    }

#pragma warning disable CA5394 // simulation, not security
    private double NextDouble() => _random.NextDouble();

    private int NextInt(int exclusiveMax) => _random.Next(exclusiveMax);
#pragma warning restore CA5394

    private double Exponential(double mean) => mean <= 0 ? 0 : -Math.Log(1.0 - NextDouble()) * mean;

    /// <summary>A standard normal draw (Box–Muller, one of the pair).</summary>
    private double Normal()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
