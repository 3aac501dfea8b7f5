namespace FlowSight.Engine.Risk;

/// <summary>
/// Counts events in a sliding time window by keeping the last <c>capacity</c> times: the window is full when the
/// oldest of them is still inside it. O(1), no allocation after construction.
/// </summary>
internal sealed class SlidingWindowCounter
{
    private readonly long[] _times;
    private readonly long _window;
    private int _next;
    private int _count;

    public SlidingWindowCounter(int capacity, long windowNanos)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowNanos, 1);
        _times = new long[capacity];
        _window = windowNanos;
    }

    public int Capacity => _times.Length;

    /// <summary>True when <see cref="Capacity"/> events happened in (now − window, now].</summary>
    public bool IsFull(long now) => _count == _times.Length && _times[_next] > now - _window;

    /// <summary>Events in (now − window, now].</summary>
    public int CountAt(long now)
    {
        var n = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_times[i] > now - _window)
            {
                n++;
            }
        }

        return n;
    }

    public void Record(long now)
    {
        _times[_next] = now;
        _next = _next + 1 == _times.Length ? 0 : _next + 1;
        if (_count < _times.Length)
        {
            _count++;
        }
    }

    public void Clear()
    {
        _count = 0;
        _next = 0;
    }
}
