using System.Diagnostics;
using FlowSight.Core;
using HdrHistogram;

namespace FlowSight.Engine.Bus;

/// <summary>One subscription's handler, filter and statistics. Mutated only on the engine thread.</summary>
internal abstract class Route
{
    // Handler latencies above 10 s are clamped: such a handler is broken, and the histogram stays small (~40 KB).
    private static readonly long HighestTrackable = Stopwatch.Frequency * 10;

    private readonly LongHistogram _latency = new(HighestTrackable, 3);
    private long _handledAtLastSnapshot;
    private long _lastSnapshotTimestamp;

    protected Route(string name, string eventType, InstrumentId? instrument, int priority, long order)
    {
        Name = name;
        EventType = eventType;
        Instrument = instrument;
        Priority = priority;
        Order = order;
        _lastSnapshotTimestamp = Stopwatch.GetTimestamp();
    }

    public string Name { get; }

    public string EventType { get; }

    public InstrumentId? Instrument { get; }

    public int Priority { get; }

    public long Order { get; }

    public bool Removed { get; set; }

    public long Handled;

    public long Filtered;

    public long Errors;

    protected void RecordLatency(long ticks) => _latency.RecordValue(Math.Clamp(ticks, 0, HighestTrackable));

    public RouteStatistics Snapshot(long nowTimestamp)
    {
        var elapsed = Stopwatch.GetElapsedTime(_lastSnapshotTimestamp, nowTimestamp).TotalSeconds;
        var rate = elapsed > 0 ? (Handled - _handledAtLastSnapshot) / elapsed : 0;
        _handledAtLastSnapshot = Handled;
        _lastSnapshotTimestamp = nowTimestamp;
        return new RouteStatistics(
            Name,
            EventType,
            Instrument?.Value,
            Handled,
            Filtered,
            Errors,
            rate,
            ToNanos(_latency.TotalCount == 0 ? 0 : _latency.GetValueAtPercentile(50)),
            ToNanos(_latency.TotalCount == 0 ? 0 : _latency.GetValueAtPercentile(95)),
            ToNanos(_latency.TotalCount == 0 ? 0 : _latency.GetValueAtPercentile(99)),
            ToNanos(_latency.TotalCount == 0 ? 0 : _latency.GetValueAtPercentile(99.9)),
            ToNanos(_latency.TotalCount == 0 ? 0 : _latency.GetMaxValue()));
    }

    private static long ToNanos(long ticks) => (long)(ticks * (1_000_000_000.0 / Stopwatch.Frequency));
}

/// <summary>A typed route.</summary>
internal sealed class Route<T> : Route
    where T : notnull
{
    private readonly IEventHandler<T> _handler;
    private readonly EventFilter<T>? _filter;
    private readonly int _sampleMask;

    public Route(Subscription<T> subscription, IEventHandler<T> handler, long order, int latencySampleEvery)
        : base(subscription.Name, typeof(T).Name, subscription.Instrument, subscription.Priority, order)
    {
        _handler = handler;
        _filter = subscription.Filter;
        _sampleMask = latencySampleEvery - 1;
    }

    /// <summary>Runs the filter and the handler, timing every n-th call. Throws what the handler throws.</summary>
    public void Dispatch(in T evt)
    {
        if (_filter is not null && !_filter(in evt))
        {
            Filtered++;
            return;
        }

        var handled = Handled++;
        if ((handled & _sampleMask) != 0)
        {
            _handler.Handle(in evt);
            return;
        }

        var start = Stopwatch.GetTimestamp();
        try
        {
            _handler.Handle(in evt);
        }
        finally
        {
            RecordLatency(Stopwatch.GetTimestamp() - start);
        }
    }
}
