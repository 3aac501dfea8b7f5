using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSight.Engine.Hosting;

/// <summary>
/// The single-threaded core: producers on any thread write events into a multi-producer ring buffer, and one engine
/// thread consumes them in batches and publishes them on the <see cref="Bus"/>, whose handlers own all trading state.
/// Time comes from the injected <see cref="TimeProvider"/>, so a backtest runs the same loop on a simulated clock,
/// driving it with <see cref="RunPending"/> instead of <see cref="Start"/>.
/// </summary>
public sealed class EngineLoop : IBatchEventHandler<EngineMessage>, IMarketDataPublisher, IDisposable
{
    private readonly FlowSightOptions _options;
    private readonly RingBuffer<EngineMessage> _ring;
    private readonly BatchEventProcessor<EngineMessage> _processor;
    private readonly ILogger _logger;
    private readonly long _statisticsIntervalTicks;
    private long _nextStatisticsAt;
    private long _lastStatisticsAt;
    private long _eventsAtLastStatistics;
    private long _handlerErrors;
    private long _processed;
    private long _currentSequence = -1;
    private EngineStatistics _statistics = EngineStatistics.Empty;
    private Thread? _thread;
    private ITimer? _statisticsTimer;

    /// <summary>Creates the engine; call <see cref="Start"/> to run it on its own thread, or <see cref="RunPending"/> to drive it.</summary>
    public EngineLoop(FlowSightOptions options, TimeProvider? clock = null, ILogger<EngineLoop>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.EnsureValid();
        Clock = clock ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Bus = new EventBus(options.LatencySampleEvery, OnHandlerFailure, rethrowFailures: options.ErrorPolicy == ConsumerErrorPolicy.Stop);
        _ring = new RingBuffer<EngineMessage>(options.EventBufferSize, ProducerType.Multi, CreateWaitStrategy(options.WaitStrategy), options.FullBufferPolicy);
        _processor = new BatchEventProcessor<EngineMessage>(_ring, this, new BatchEventProcessorOptions<EngineMessage>
        {
            ErrorPolicy = options.ErrorPolicy,
            OnError = OnConsumerError,
            ThreadName = "FlowSight engine",
        });
        _statisticsIntervalTicks = (long)(options.StatisticsInterval.TotalSeconds * Clock.TimestampFrequency);
        _lastStatisticsAt = Clock.GetTimestamp();
        _nextStatisticsAt = _lastStatisticsAt + _statisticsIntervalTicks;
    }

    /// <summary>The bus handlers subscribe to. Subscribe before <see cref="Start"/> or from the engine thread.</summary>
    public EventBus Bus { get; }

    /// <summary>The engine's clock.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The engine's current time in Unix nanoseconds.</summary>
    public long Now => UnixNanos.Now(Clock);

    /// <summary>The latest statistics snapshot, taken on the engine thread every <see cref="FlowSightOptions.StatisticsInterval"/>.</summary>
    public EngineStatistics Statistics => Volatile.Read(ref _statistics);

    /// <summary>Raised on the engine thread whenever a statistics snapshot is taken.</summary>
    public event Action<EngineStatistics>? StatisticsPublished;

    /// <summary>Completes when the engine stops; faulted when a handler error stopped it under <see cref="ConsumerErrorPolicy.Stop"/>.</summary>
    public Task Completion => _processor.Completion;

    /// <summary>The ring buffer's capacity.</summary>
    public int Capacity => _ring.Capacity;

    /// <summary>Publishes a trade. Thread-safe; applies the full-buffer policy when the ring is full.</summary>
    public void Publish(in TradeTick trade)
    {
        var seq = _ring.Next();
        Slot(seq, EngineMessageKind.Trade).Trade = trade;
        _ring.Publish(seq);
    }

    /// <summary>Publishes a best bid/offer. Thread-safe.</summary>
    public void Publish(in QuoteTick quote)
    {
        var seq = _ring.Next();
        Slot(seq, EngineMessageKind.Quote).Quote = quote;
        _ring.Publish(seq);
    }

    /// <summary>
    /// Publishes a venue depth message as one contiguous run of slots, so no other producer's event splits it; a
    /// snapshot is preceded by a <see cref="BookAction.Clear"/> delta so that consumers replace the book. Thread-safe.
    /// </summary>
    /// <exception cref="ArgumentException">The batch is larger than the ring buffer.</exception>
    public void Publish(BookDeltas deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        var items = deltas.Deltas;
        if (items.IsEmpty && !deltas.IsSnapshot)
        {
            return;
        }

        var extra = deltas.IsSnapshot ? 1 : 0;
        var count = items.Length + extra;
        if (count > _ring.Capacity)
        {
            throw new ArgumentException($"A depth message of {items.Length} deltas does not fit a ring buffer of {_ring.Capacity} slots; raise EventBufferSize.", nameof(deltas));
        }

        var hi = _ring.Next(count);
        var lo = hi - count + 1;
        if (extra == 1)
        {
            var flags = items.IsEmpty ? BookDeltaFlags.Snapshot | BookDeltaFlags.Last : BookDeltaFlags.Snapshot;
            Slot(lo, EngineMessageKind.BookDelta).BookDelta = new BookDelta(deltas.Instrument, BookAction.Clear, OrderSide.Buy, default, default, deltas.LastUpdateId, flags, deltas.EventTime, deltas.ReceiveTime);
        }

        for (var i = 0; i < items.Length; i++)
        {
            Slot(lo + extra + i, EngineMessageKind.BookDelta).BookDelta = items[i];
        }

        _ring.Publish(lo, hi);
    }

    /// <summary>Publishes a candle. Thread-safe.</summary>
    public void Publish(in Candle candle)
    {
        var seq = _ring.Next();
        Slot(seq, EngineMessageKind.Candle).Candle = candle;
        _ring.Publish(seq);
    }

    /// <summary>Publishes a mark price. Thread-safe.</summary>
    public void Publish(in MarkPrice markPrice)
    {
        var seq = _ring.Next();
        Slot(seq, EngineMessageKind.MarkPrice).MarkPrice = markPrice;
        _ring.Publish(seq);
    }

    /// <summary>Publishes a funding rate. Thread-safe.</summary>
    public void Publish(in FundingRate fundingRate)
    {
        var seq = _ring.Next();
        Slot(seq, EngineMessageKind.FundingRate).FundingRate = fundingRate;
        _ring.Publish(seq);
    }

    /// <summary>Publishes open interest. Thread-safe.</summary>
    public void Publish(in OpenInterest openInterest)
    {
        var seq = _ring.Next();
        Slot(seq, EngineMessageKind.OpenInterest).OpenInterest = openInterest;
        _ring.Publish(seq);
    }

    /// <summary>Publishes a liquidation. Thread-safe.</summary>
    public void Publish(in Liquidation liquidation)
    {
        var seq = _ring.Next();
        Slot(seq, EngineMessageKind.Liquidation).Liquidation = liquidation;
        _ring.Publish(seq);
    }

    /// <summary>Publishes a reference event (a snapshot, a command, a report) to the bus as <typeparamref name="T"/>. Thread-safe; allocates a small envelope.</summary>
    public void PublishObject<T>(T evt)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(evt);
        Enqueue(EngineMessageKind.Object, new EnginePayload<T>(evt));
    }

    /// <summary>Runs <paramref name="work"/> on the engine thread, in order with the events around it. Thread-safe.</summary>
    public void Post(Action<EngineLoop> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Enqueue(EngineMessageKind.Callback, work);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the engine thread, in order with the events around it. Thread-safe; posting the
    /// same delegate again allocates nothing (wrapping it in an <c>Action&lt;EngineLoop&gt;</c> per call would).
    /// </summary>
    public void Post(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Enqueue(EngineMessageKind.Callback, work);
    }

    /// <summary>Starts the engine on its own thread (pinned to <see cref="FlowSightOptions.CpuAffinity"/> when set).</summary>
    /// <exception cref="InvalidOperationException">Already started, or stopped.</exception>
    public void Start()
    {
        if (_thread is not null)
        {
            throw new InvalidOperationException("The engine is already started.");
        }

        var started = new ManualResetEventSlim();
        Exception? pinError = null;
        _thread = new Thread(() =>
        {
            if (_options.CpuAffinity is { } cpu)
            {
                try
                {
                    CpuAffinity.PinCurrentThread(cpu);
                }
                catch (Exception ex) when (ex is PlatformNotSupportedException or InvalidOperationException)
                {
                    pinError = ex;
                    started.Set();
                    return;
                }
            }

            started.Set();
            _processor.Run();
        })
        {
            IsBackground = true,
            Name = "FlowSight engine",
        };
        _thread.Start();
        started.Wait();
        if (pinError is not null)
        {
            throw new InvalidOperationException($"The engine could not start: {pinError.Message}", pinError);
        }

        try
        {
            _statisticsTimer = Clock.CreateTimer(_ => Post(static e => e.MaybePublishStatistics(force: false)), null, _options.StatisticsInterval, _options.StatisticsInterval);
        }
        catch (NotSupportedException)
        {
            // A simulated clock has no timers: statistics are then taken as events flow.
        }
    }

    /// <summary>
    /// Processes every event published so far on the calling thread and returns how many were consumed.
    /// For backtests and tests, on an engine that was not started.
    /// </summary>
    public int RunPending() => _processor.TryProcessAvailable();

    /// <summary>Takes a statistics snapshot now. Call on the engine thread (from a handler or <see cref="Post(Action{EngineLoop})"/>) or when driving with <see cref="RunPending"/>.</summary>
    public EngineStatistics TakeStatistics()
    {
        MaybePublishStatistics(force: true);
        return Statistics;
    }

    /// <summary>Stops the engine after its current batch and waits for its thread.</summary>
    public void Stop()
    {
        _statisticsTimer?.Dispose();
        _processor.Halt();
        if (_thread is not null && _thread != Thread.CurrentThread)
        {
            _thread.Join();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        _processor.Dispose();
    }

    /// <inheritdoc />
    void IBatchEventHandler<EngineMessage>.OnEvent(ref EngineMessage evt, long sequence, bool endOfBatch)
    {
        _processed++;
        _currentSequence = sequence;
        switch (evt.Kind)
        {
            case EngineMessageKind.Trade:
                Bus.Publish(in evt.Trade);
                break;
            case EngineMessageKind.Quote:
                Bus.Publish(in evt.Quote);
                break;
            case EngineMessageKind.BookDelta:
                Bus.Publish(in evt.BookDelta);
                break;
            case EngineMessageKind.Candle:
                Bus.Publish(in evt.Candle);
                break;
            case EngineMessageKind.MarkPrice:
                Bus.Publish(in evt.MarkPrice);
                break;
            case EngineMessageKind.FundingRate:
                Bus.Publish(in evt.FundingRate);
                break;
            case EngineMessageKind.OpenInterest:
                Bus.Publish(in evt.OpenInterest);
                break;
            case EngineMessageKind.Liquidation:
                Bus.Publish(in evt.Liquidation);
                break;
            case EngineMessageKind.Object:
                var payload = (IEnginePayload)evt.Payload!;
                evt.Payload = null; // the slot must not keep the object alive until it is reused
                payload.PublishTo(Bus);
                break;
            case EngineMessageKind.Callback:
                var work = evt.Payload!;
                evt.Payload = null;
                if (work is Action<EngineLoop> withLoop)
                {
                    withLoop(this);
                }
                else
                {
                    ((Action)work)();
                }

                break;
            default:
                throw new InvalidOperationException($"Ring slot {sequence} holds an unknown message kind {evt.Kind}.");
        }

        if (endOfBatch)
        {
            MaybePublishStatistics(force: false);
        }
    }

    private void Enqueue(EngineMessageKind kind, object payload)
    {
        var seq = _ring.Next();
        Slot(seq, kind).Payload = payload;
        _ring.Publish(seq);
    }

    /// <summary>The claimed slot at <paramref name="seq"/>, tagged with <paramref name="kind"/> and holding no reference.</summary>
    private ref EngineMessage Slot(long seq, EngineMessageKind kind)
    {
        ref var slot = ref _ring[seq];
        slot.Payload = null;
        slot.Kind = kind;
        return ref slot;
    }

    private void MaybePublishStatistics(bool force)
    {
        var now = Clock.GetTimestamp();
        if (!force && now < _nextStatisticsAt)
        {
            return;
        }

        var processed = _processed;
        var elapsedSeconds = (double)(now - _lastStatisticsAt) / Clock.TimestampFrequency;
        var rate = elapsedSeconds > 0 ? (processed - _eventsAtLastStatistics) / elapsedSeconds : 0;
        _lastStatisticsAt = now;
        _eventsAtLastStatistics = processed;
        _nextStatisticsAt = now + _statisticsIntervalTicks;

        var snapshot = new EngineStatistics(
            UnixNanos.Now(Clock),
            processed,
            rate,
            Math.Max(0, _ring.Cursor - Math.Max(_currentSequence, _processor.Sequence.Value)), // events behind the one being handled
            _ring.Capacity,
            _ring.FullBufferStalls,
            Interlocked.Read(ref _handlerErrors) + _processor.Errors,
            Bus.Snapshot());
        Volatile.Write(ref _statistics, snapshot);
        StatisticsPublished?.Invoke(snapshot);
    }

    private void OnHandlerFailure(HandlerFailure failure)
    {
        Interlocked.Increment(ref _handlerErrors);
        _logger.LogError(failure.Exception, "Handler {Route} failed on a {EventType} event.", failure.Route, failure.EventType);
    }

    private void OnConsumerError(Exception exception, long sequence, in EngineMessage evt)
    {
        if (exception is not null && _options.ErrorPolicy == ConsumerErrorPolicy.Continue)
        {
            _logger.LogError(exception, "Engine message {Sequence} ({Kind}) failed; it was skipped.", sequence, evt.Kind);
        }
        else
        {
            _logger.LogCritical(exception, "Engine message {Sequence} ({Kind}) failed; the engine stops.", sequence, evt.Kind);
        }
    }

    private static IWaitStrategy CreateWaitStrategy(WaitStrategyKind kind) => kind switch
    {
        WaitStrategyKind.BusySpin => new BusySpinWaitStrategy(),
        WaitStrategyKind.Yielding => new YieldingWaitStrategy(),
        WaitStrategyKind.Blocking => new BlockingWaitStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown wait strategy."),
    };
}
