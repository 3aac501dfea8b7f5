namespace FlowSight.Engine.Portfolio;

/// <summary>
/// A bounded, oldest-first series of equity samples: once full, each new sample drops the oldest, so a long-running
/// engine keeps a fixed memory footprint.
/// </summary>
public sealed class EquityCurve
{
    private readonly EquityPoint[] _points;
    private int _start;
    private int _count;

    /// <summary>A curve holding at most <paramref name="capacity"/> samples.</summary>
    public EquityCurve(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _points = new EquityPoint[capacity];
    }

    /// <summary>The most samples kept.</summary>
    public int Capacity => _points.Length;

    /// <summary>Samples kept.</summary>
    public int Count => _count;

    /// <summary>Sample <paramref name="index"/>, 0 being the oldest kept.</summary>
    public EquityPoint this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
            return _points[(_start + index) % _points.Length];
        }
    }

    /// <summary>Appends a sample, dropping the oldest when full.</summary>
    public void Add(EquityPoint point)
    {
        if (_count < _points.Length)
        {
            _points[(_start + _count) % _points.Length] = point;
            _count++;
        }
        else
        {
            _points[_start] = point;
            _start = (_start + 1) % _points.Length;
        }
    }

    /// <summary>A copy of the samples, oldest first (for reports, not the engine's hot path).</summary>
    public EquityPoint[] ToArray()
    {
        var copy = new EquityPoint[_count];
        for (var i = 0; i < _count; i++)
        {
            copy[i] = this[i];
        }

        return copy;
    }
}
