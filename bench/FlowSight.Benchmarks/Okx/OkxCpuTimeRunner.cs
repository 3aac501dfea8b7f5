using System.Runtime.InteropServices;

namespace FlowSight.Benchmarks.Okx;

/// <summary>
/// The <see cref="OkxBookBenchmarks"/> cases timed in thread CPU time, best of N rounds of ≥ 20 ms each, cases
/// interleaved in every round: on a machine shared with other builds, wall-clock means count the time the thread
/// waited for a core; CPU time does not. Run: <c>dotnet run -c Release --project bench/FlowSight.Benchmarks -- okx-cpu 15</c>.
/// </summary>
public static partial class OkxCpuTimeRunner
{
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    /// <summary>Runs <paramref name="rounds"/> rounds and prints ns per frame for each case (those whose name contains <paramref name="filter"/>, when given).</summary>
    public static void Run(int rounds, string? filter = null)
    {
        var bench = new OkxBookBenchmarks();
        bench.Setup();
        var cases = new (string Name, Func<int> Run, int PerCall)[]
        {
            ("recording: JsonSerializer → classes", bench.RecordingJson, 287),
            ("recording: parser → BookDeltas", bench.RecordingParse, 287),
            ("recording: frame → book + checksum (incl. 3 snapshots)", bench.RecordingToBooks, 287),
            ("recording: fused, checksum parts formatted (before)", bench.RecordingToBooksFusedFormatted, 287),
            ("recording: frame → book + checksum, fused (incl. 3 snapshots)", bench.RecordingToBooksFused, 287),
            ("recording: 3 snapshots alone (same scale)", bench.RecordingSnapshots, 287),
            ("synthetic: JsonSerializer → classes", bench.SyntheticJson, 4_096),
            ("synthetic: frame → book + checksum", bench.SyntheticToBook, 4_096),
            ("synthetic: fused, checksum parts formatted (before)", bench.SyntheticToBookFusedFormatted, 4_096),
            ("synthetic: frame → book + checksum, fused", bench.SyntheticToBookFused, 4_096),
            ("synthetic: fused, levels kept (as the data client)", bench.SyntheticToBookFusedKept, 4_096),
            ("synthetic: parser → BookDeltas", bench.SyntheticParse, 4_096),
            ("synthetic: frame → book, checksum off", bench.SyntheticToBookUnverified, 4_096),
            ("OkxChecksum.Compute(book) alone", () => ChecksumTimes(bench, 1_000), 1_000),
            ("OkxBookChecksum.Compute(book), unchanged book", () => RememberedTimes(bench, 1_000), 1_000),
            ("CopyRawLevels × 2 (25 a side)", () => RawTimes(bench, 1_000), 1_000),
            ("CopyLevels × 2 (25 a side)", () => LevelTimes(bench, 1_000), 1_000),
        };
        if (filter is not null)
        {
            cases = [.. cases.Where(c => c.Name.Contains(filter, StringComparison.Ordinal))];
        }

        var best = Enumerable.Repeat(double.MaxValue, cases.Length).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                var start = Now();
                var calls = 0;
                long end;
                do
                {
                    cases[c].Run();
                    calls++;
                }
                while ((end = Now()) - start < 20_000_000);

                best[c] = Math.Min(best[c], (double)(end - start) / calls / cases[c].PerCall);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        bench.RecordingToBooks();
        bench.SyntheticToBook();
        bench.RecordingToBooksFused();
        bench.SyntheticToBookFused();
        bench.SyntheticToBookFusedKept();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        for (var c = 0; c < cases.Length; c++)
        {
            Console.WriteLine($"{cases[c].Name,-66} {best[c],9:N1} ns");
        }

        Console.WriteLine($"allocated by one pass over both streams: {allocated} B");
    }

    private static int ChecksumTimes(OkxBookBenchmarks bench, int times)
    {
        var sum = 0;
        for (var i = 0; i < times; i++)
        {
            sum += bench.Checksum();
        }

        return sum;
    }

    private static readonly FlowSight.Venues.Okx.Book.OkxBookChecksum Remembered = new();

    private static int RememberedTimes(OkxBookBenchmarks bench, int times)
    {
        var sum = 0;
        for (var i = 0; i < times; i++)
        {
            sum += Remembered.Compute(bench.SyntheticBook);
        }

        return sum;
    }

    [System.Runtime.CompilerServices.SkipLocalsInit]
    private static int RawTimes(OkxBookBenchmarks bench, int times)
    {
        Span<long> p = stackalloc long[25];
        Span<long> q = stackalloc long[25];
        var sum = 0;
        var book = bench.SyntheticBook;
        for (var i = 0; i < times; i++)
        {
            sum += book.CopyRawLevels(FlowSight.Core.OrderSide.Buy, p, q) + book.CopyRawLevels(FlowSight.Core.OrderSide.Sell, p, q);
        }

        return sum;
    }

    [System.Runtime.CompilerServices.SkipLocalsInit]
    private static int LevelTimes(OkxBookBenchmarks bench, int times)
    {
        Span<FlowSight.Core.BookLevel> p = stackalloc FlowSight.Core.BookLevel[25];
        var sum = 0;
        var book = bench.SyntheticBook;
        for (var i = 0; i < times; i++)
        {
            sum += book.CopyLevels(FlowSight.Core.OrderSide.Buy, p) + book.CopyLevels(FlowSight.Core.OrderSide.Sell, p);
        }

        return sum;
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
