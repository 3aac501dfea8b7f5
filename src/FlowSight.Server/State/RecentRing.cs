namespace FlowSight.Server.State;

/// <summary>
/// The latest <c>capacity</c> events of one kind, copied by value into a preallocated array on the engine thread (no
/// allocation per event), and their views built at flush only for the events added since the previous flush.
/// </summary>
/// <typeparam name="TEvent">The engine's event (a struct).</typeparam>
/// <typeparam name="TView">The immutable view readers get.</typeparam>
internal sealed class RecentRing<TEvent, TView>
    where TEvent : struct
    where TView : class
{
    private readonly TEvent[] _events;
    private readonly TView?[] _views;
    private readonly Func<TEvent, TView> _convert;
    private long _added;
    private long _converted;

    public RecentRing(int capacity, Func<TEvent, TView> convert)
    {
        _events = new TEvent[capacity];
        _views = new TView?[capacity];
        _convert = convert;
    }

    /// <summary>Events added since start.</summary>
    public long Added => _added;

    /// <summary>True when events arrived since the last <see cref="SnapshotNewestFirst"/>.</summary>
    public bool HasNew => _added != _converted;

    /// <summary>Copies the event into the ring (engine thread; allocates nothing).</summary>
    public void Add(in TEvent evt)
    {
        _events[(int)(_added % _events.Length)] = evt;
        _added++;
    }

    /// <summary>Views of the kept events, newest first; converts only the events added since the previous call (engine thread).</summary>
    public TView[] SnapshotNewestFirst()
    {
        var capacity = _events.Length;
        var from = Math.Max(_converted, _added - capacity);
        for (var i = from; i < _added; i++)
        {
            var index = (int)(i % capacity);
            _views[index] = _convert(_events[index]);
        }

        _converted = _added;
        var count = (int)Math.Min(_added, capacity);
        var result = new TView[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = _views[(int)((_added - 1 - i) % capacity)]!;
        }

        return result;
    }
}
