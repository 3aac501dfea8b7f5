using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace FlowSight.Engine.Bus;

/// <summary>
/// Routes events to typed handlers on the engine thread: by event type, then by instrument, through optional
/// filters, in priority order, with statistics per route (count, rate, handler latency percentiles from
/// HdrHistogram). Publishing allocates nothing. The bus is single-threaded by design: subscribe, publish and take
/// statistics on the engine thread (or before it starts).
/// </summary>
public sealed class EventBus
{
    private readonly int _latencySampleEvery;
    private readonly Action<HandlerFailure>? _onFailure;
    private readonly bool _rethrow;
    private IRouteTable?[] _tables = new IRouteTable?[16];
    private long _order;

    /// <summary>Creates a bus.</summary>
    /// <param name="latencySampleEvery">Time one handler call in this many (a power of two; 1 times every call).</param>
    /// <param name="onFailure">Told of every handler exception.</param>
    /// <param name="rethrowFailures">
    /// False: a throwing handler is counted and reported, and the event still reaches the remaining handlers.
    /// True: after reporting, the exception propagates to the publisher (the engine then applies its error policy).
    /// </param>
    public EventBus(int latencySampleEvery = 1, Action<HandlerFailure>? onFailure = null, bool rethrowFailures = false)
    {
        if (latencySampleEvery < 1 || !System.Numerics.BitOperations.IsPow2(latencySampleEvery))
        {
            throw new ArgumentOutOfRangeException(nameof(latencySampleEvery), latencySampleEvery, "Must be a power of two (1, 2, 4, ...).");
        }

        _latencySampleEvery = latencySampleEvery;
        _onFailure = onFailure;
        _rethrow = rethrowFailures;
    }

    /// <summary>Subscribes a handler; dispose the result to unsubscribe.</summary>
    public IDisposable Subscribe<T>(Subscription<T> subscription, IEventHandler<T> handler)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(handler);
        var table = TableFor<T>(create: true)!;
        var route = new Route<T>(subscription, handler, _order++, _latencySampleEvery);
        table.Add(route);
        return new Unsubscriber<T>(table, route);
    }

    /// <summary>Subscribes every event of type <typeparamref name="T"/> under a name.</summary>
    public IDisposable Subscribe<T>(string name, IEventHandler<T> handler)
        where T : notnull => Subscribe(new Subscription<T> { Name = name }, handler);

    /// <summary>Delivers an event to every matching route. Returns how many handlers received it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Publish<T>(in T evt)
        where T : notnull
    {
        var table = TableFor<T>(create: false);
        if (table is null)
        {
            return 0;
        }

        var routes = table.Select(in evt);
        for (var i = 0; i < routes.Length; i++)
        {
            var route = routes[i];
            try
            {
                route.Dispatch(in evt);
            }
            catch (Exception ex)
            {
                route.Errors++;
                _onFailure?.Invoke(new HandlerFailure(route.Name, route.EventType, ex));
                if (_rethrow)
                {
                    throw;
                }
            }
        }

        return routes.Length;
    }

    /// <summary>Takes a statistics snapshot of every route; rates cover the time since the previous snapshot.</summary>
    public IReadOnlyList<RouteStatistics> Snapshot()
    {
        var now = Stopwatch.GetTimestamp();
        var result = new List<RouteStatistics>();
        foreach (var table in _tables)
        {
            if (table is null)
            {
                continue;
            }

            foreach (var route in table.Routes)
            {
                result.Add(route.Snapshot(now));
            }
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private RouteTable<T>? TableFor<T>(bool create)
        where T : notnull
    {
        var id = EventTypeId<T>.Value;
        var tables = _tables;
        if ((uint)id < (uint)tables.Length && tables[id] is { } existing)
        {
            return Unsafe.As<RouteTable<T>>(existing);
        }

        if (!create)
        {
            return null;
        }

        if (id >= tables.Length)
        {
            Array.Resize(ref _tables, Math.Max(id + 1, tables.Length * 2));
        }

        var table = new RouteTable<T>();
        _tables[id] = table;
        return table;
    }

    private sealed class Unsubscriber<T>(RouteTable<T> table, Route<T> route) : IDisposable
        where T : notnull
    {
        public void Dispose()
        {
            if (!route.Removed)
            {
                table.Remove(route);
            }
        }
    }
}
