using System.Runtime.InteropServices;

namespace FlowSight.Benchmarks;

/// <summary>
/// The calling thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>): on a shared or oversubscribed machine
/// (steal time, other processes) it counts only the time this thread ran, where wall-clock figures count the waits.
/// </summary>
internal static partial class ThreadCpuTime
{
    private const int ThreadCpuClock = 3;

    /// <summary>Nanoseconds of CPU this thread has used.</summary>
    public static long Now()
    {
        _ = ClockGetTime(ThreadCpuClock, out var time);
        return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
