using BenchmarkDotNet.Running;

// Run one group with: dotnet run -c Release --project bench/FlowSight.Benchmarks -- --filter '*RingBuffer*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
