namespace FlowSight.Simulator.Matching;

/// <summary>
/// An increasing id counter (order ids, trade ids). Share one between the engines of an exchange to get ids that
/// increase across instruments, as a venue's do; single-threaded like the engines that use it.
/// </summary>
public sealed class IdSequence
{
    private long _next;

    /// <summary>A sequence whose first id is <paramref name="first"/> (positive).</summary>
    public IdSequence(long first = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(first);
        _next = first;
    }

    /// <summary>The id <see cref="Next"/> will return.</summary>
    public long Peek => _next;

    /// <summary>Takes the next id.</summary>
    public long Next() => _next++;
}
