using System.Runtime.InteropServices;
using FlowSight.Core;

namespace FlowSight.Benchmarks.Risk;

/// <summary>
/// The <see cref="RiskEngineBenchmarks"/> cases timed in thread CPU time, best of N rounds of ≥ 20 ms each, cases
/// interleaved in every round: on a machine shared with other builds, wall-clock means count the time the thread
/// waited for a core; CPU time does not. Call <see cref="Run"/> from Program.cs (e.g. a <c>risk-cpu</c> argument).
/// </summary>
public static partial class RiskCpuTimeRunner
{
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID
    private const int PerCall = 1_000;

    /// <summary>Runs <paramref name="rounds"/> rounds and prints ns per command for each case.</summary>
    public static void Run(int rounds)
    {
        var bench = new RiskEngineBenchmarks();
        bench.Setup();
        var cases = new (string Name, Func<bool> Run)[]
        {
            ("TimeProvider.System clock read alone", () => UnixNanos.Now(TimeProvider.System) > 0),
            ("Check, instrument filters only", bench.CheckFiltersOnly),
            ("Check, every limit set", bench.CheckAllLimits),
            ("Submit to gateway, every limit but order rate", bench.Submit),
        };
        var best = Enumerable.Repeat(double.MaxValue, cases.Length).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                var run = cases[c].Run;
                var start = Now();
                var calls = 0;
                long end;
                do
                {
                    for (var i = 0; i < PerCall; i++)
                    {
                        run();
                    }

                    calls++;
                }
                while ((end = Now()) - start < 20_000_000);

                best[c] = Math.Min(best[c], (double)(end - start) / calls / PerCall);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < PerCall; i++)
        {
            bench.CheckAllLimits();
            bench.Submit();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        for (var c = 0; c < cases.Length; c++)
        {
            Console.WriteLine($"{cases[c].Name,-50} {best[c],9:N1} ns");
        }

        Console.WriteLine($"allocated by {PerCall} checks + {PerCall} submits: {allocated} B");
        bench.Cleanup();
    }

    private static long Now()
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
