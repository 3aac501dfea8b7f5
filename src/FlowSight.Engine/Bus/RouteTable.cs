using FlowSight.Core;

namespace FlowSight.Engine.Bus;

/// <summary>
/// The routes of one event type: a merged, priority-ordered array per instrument (global routes plus that
/// instrument's own), rebuilt on subscribe and unsubscribe so that dispatch is an array lookup and a loop.
/// </summary>
internal sealed class RouteTable<T> : IRouteTable
    where T : notnull
{
    private static readonly Route<T>[] None = [];

    private readonly List<Route<T>> _routes = [];
    private Route<T>[] _global = None;
    private Route<T>[]?[] _byInstrument = [];
    private bool _hasInstrumentRoutes;

    public IEnumerable<Route> Routes => _routes;

    public void Add(Route<T> route)
    {
        if (route.Instrument is not null && InstrumentKey<T>.Read is null)
        {
            throw new InvalidOperationException(
                $"Route '{route.Name}' asks for instrument {route.Instrument}, but {typeof(T).Name} carries no instrument (it does not implement IInstrumentEvent).");
        }

        _routes.Add(route);
        Rebuild();
    }

    public void Remove(Route<T> route)
    {
        route.Removed = true;
        _routes.Remove(route);
        Rebuild();
    }

    /// <summary>The routes an event reaches, in priority order.</summary>
    public Route<T>[] Select(in T evt)
    {
        if (!_hasInstrumentRoutes)
        {
            return _global;
        }

        var handle = InstrumentKey<T>.Read!(in evt).Handle;
        var byInstrument = _byInstrument;
        return (uint)handle < (uint)byInstrument.Length && byInstrument[handle] is { } specific ? specific : _global;
    }

    private void Rebuild()
    {
        var ordered = _routes.OrderByDescending(r => r.Priority).ThenBy(r => r.Order).ToArray();
        _global = ordered.Where(r => r.Instrument is null).ToArray();
        var instruments = ordered.Where(r => r.Instrument is not null).Select(r => r.Instrument!.Value).Distinct().ToList();
        _hasInstrumentRoutes = instruments.Count > 0;
        var table = new Route<T>[]?[instruments.Count == 0 ? 0 : instruments.Max(i => i.Handle) + 1];
        foreach (var instrument in instruments)
        {
            table[instrument.Handle] = ordered.Where(r => r.Instrument is null || r.Instrument == instrument).ToArray();
        }

        _byInstrument = table;
    }
}

/// <summary>The untyped view of a route table, for statistics.</summary>
internal interface IRouteTable
{
    IEnumerable<Route> Routes { get; }
}
