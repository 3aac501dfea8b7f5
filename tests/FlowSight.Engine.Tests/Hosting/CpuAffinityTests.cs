using FlowSight.Engine.Hosting;
using Xunit;

namespace FlowSight.Engine.Tests.Hosting;

public sealed class CpuAffinityTests
{
    [Fact]
    public void Pins_a_thread_to_one_cpu_on_linux()
    {
        Assert.SkipUnless(CpuAffinity.IsSupported, "CPU pinning is implemented on Linux only.");
        IReadOnlyList<int>? seen = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                var allowed = CpuAffinity.GetCurrentThreadCpus();
                CpuAffinity.PinCurrentThread(allowed[^1]);
                seen = CpuAffinity.GetCurrentThreadCpus();
                Assert.Equal([allowed[^1]], seen);
            }
            catch (Exception ex)
            {
                error = ex;
            }
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
        Assert.Null(error);
        Assert.Single(seen!);
    }

    [Fact]
    public void Refuses_a_cpu_outside_the_range()
    {
        Assert.SkipUnless(CpuAffinity.IsSupported, "CPU pinning is implemented on Linux only.");
        Assert.Throws<ArgumentOutOfRangeException>(() => CpuAffinity.PinCurrentThread(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CpuAffinity.PinCurrentThread(5000));
    }
}
