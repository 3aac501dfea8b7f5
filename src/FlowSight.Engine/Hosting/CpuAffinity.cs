using System.Runtime.InteropServices;

namespace FlowSight.Engine.Hosting;

/// <summary>
/// Pins the calling thread to one CPU on Linux (<c>sched_setaffinity</c> on thread id 0 = the caller), so the engine
/// thread keeps its caches warm and is not migrated. Elsewhere pinning is reported as unsupported rather than
/// silently ignored.
/// </summary>
public static partial class CpuAffinity
{
    /// <summary>True where thread pinning is implemented (Linux).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>Pins the calling thread to <paramref name="cpu"/>.</summary>
    /// <exception cref="PlatformNotSupportedException">Not on Linux.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The CPU index is outside 0..1023.</exception>
    /// <exception cref="InvalidOperationException">The kernel refused (e.g. the CPU is not in the process's allowed set).</exception>
    public static void PinCurrentThread(int cpu)
    {
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("CPU pinning is implemented on Linux only; remove CpuAffinity from the configuration.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(cpu);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cpu, CpuSetBits);

        Span<ulong> mask = stackalloc ulong[CpuSetBits / 64];
        mask.Clear();
        mask[cpu / 64] = 1UL << (cpu % 64);
        if (SchedSetAffinity(0, (nuint)(mask.Length * sizeof(ulong)), ref MemoryMarshal.GetReference(mask)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new InvalidOperationException($"Could not pin the engine thread to CPU {cpu} (errno {errno}); this machine has {Environment.ProcessorCount} CPUs.");
        }
    }

    /// <summary>The CPUs the calling thread may run on.</summary>
    public static IReadOnlyList<int> GetCurrentThreadCpus()
    {
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("CPU affinity is implemented on Linux only.");
        }

        Span<ulong> mask = stackalloc ulong[CpuSetBits / 64];
        mask.Clear();
        if (SchedGetAffinity(0, (nuint)(mask.Length * sizeof(ulong)), ref MemoryMarshal.GetReference(mask)) != 0)
        {
            throw new InvalidOperationException($"sched_getaffinity failed (errno {Marshal.GetLastPInvokeError()}).");
        }

        var cpus = new List<int>();
        for (var i = 0; i < CpuSetBits; i++)
        {
            if ((mask[i / 64] & (1UL << (i % 64))) != 0)
            {
                cpus.Add(i);
            }
        }

        return cpus;
    }

    private const int CpuSetBits = 1024; // glibc's cpu_set_t

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nuint cpusetsize, ref ulong mask);

    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static partial int SchedGetAffinity(int pid, nuint cpusetsize, ref ulong mask);
}
