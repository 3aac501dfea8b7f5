using System.Diagnostics;
using System.Globalization;

namespace FlowSight.Benchmarks.Simulator;

/// <summary>
/// In-process rounds of the <see cref="MatchingWorkload"/> mix, timed by wall clock and by the process's CPU time:
/// on a shared, loaded machine the fastest round is the figure to compare, and CPU time leaves out the time the
/// thread waited for a core (BenchmarkDotNet's mean absorbs other processes' load).
/// </summary>
internal static class MatchingMixRunner
{
    public static void Run(int rounds)
    {
        const int operations = 1_000_000;
        var workload = new MatchingWorkload(seed: 42);
        workload.Run(2_000_000);
        long fills = workload.Fills;
        double best = double.MaxValue;
        double bestCpu = double.MaxValue;
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        long allocated = long.MaxValue;
        for (int r = 0; r < rounds; r++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            long start = Stopwatch.GetTimestamp();
            workload.Run(operations);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            process.Refresh();
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpuStart).TotalSeconds);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            best = Math.Min(best, seconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"matching mix: best of {rounds} rounds of {operations:N0} ops: wall {best * 1e9 / operations:F1} ns/op = {operations / best / 1e6:F2} M ops/s; " +
            $"CPU {bestCpu * 1e9 / operations:F1} ns/op = {operations / bestCpu / 1e6:F2} M ops/s; " +
            $"{(double)allocated / operations:F3} B/op, {workload.Engine.OpenOrderCount} open orders, {(workload.Fills - fills) / (double)(rounds * operations):F2} fills/op"));
    }
}
