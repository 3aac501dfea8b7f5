using BenchmarkDotNet.Attributes;

namespace FlowSight.Benchmarks.Simulator;

/// <summary>
/// The matching engine under a seeded add/cancel/match mix (<see cref="MatchingWorkload"/>): time and bytes per
/// engine operation in steady state (the pools warmed to the book's working size in setup).
/// </summary>
[MemoryDiagnoser]
public class MatchingEngineBenchmarks
{
    private const int Operations = 100_000;

    private MatchingWorkload _workload = null!;

    [GlobalSetup]
    public void Setup()
    {
        _workload = new MatchingWorkload(seed: 42);
        _workload.Run(1_000_000);
    }

    /// <summary>One operation = one Submit or Cancel call with everything it reports.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long AddCancelMatchMix() => _workload.Run(Operations);
}
