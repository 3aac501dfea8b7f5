namespace FlowSight.TestKit;

/// <summary>
/// Measures what a piece of code allocates on the calling thread once it has reached its steady state.
/// </summary>
/// <remarks>
/// A single measured run is not proof either way: on-stack replacement, tiered re-compilation and type loads
/// happen on the thread that runs the code, at moments that depend on the machine (core count, timing of the
/// background tiering thread), and may charge a few kilobytes to it. Code that allocates per operation
/// allocates in every round; runtime one-offs do not repeat. So the fewest bytes over several rounds is
/// the steady-state figure.
/// </remarks>
public static class Allocations
{
    /// <summary>Runs <paramref name="round"/> once to warm up, then <paramref name="rounds"/> times measured,
    /// and returns the fewest bytes any measured round allocated on this thread.</summary>
    public static long SteadyState(Action round, int rounds = 5)
    {
        ArgumentNullException.ThrowIfNull(round);
        round();
        return Fewest(round, rounds);
    }

    /// <summary>Like <see cref="SteadyState(Action, int)"/> without the warm-up round, for code whose warm-up
    /// the caller has already done (or whose rounds each start from fresh state built by the caller).</summary>
    public static long Fewest(Action round, int rounds = 5)
    {
        ArgumentNullException.ThrowIfNull(round);
        long fewest = long.MaxValue;
        for (int i = 0; i < rounds && fewest != 0; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            round();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
