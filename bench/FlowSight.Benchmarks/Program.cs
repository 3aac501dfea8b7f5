using BenchmarkDotNet.Running;

// Run one group with: dotnet run -c Release --project bench/FlowSight.Benchmarks -- --filter '*RingBuffer*'
// A/B of the Binance depth paths in one process (noisy machines): ... -- depth-ab [rounds]
if (args.Length > 0 && args[0] == "depth-ab")
{
    FlowSight.Benchmarks.Binance.DepthPathComparison.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30);
    return;
}

// Matching engine add/cancel/match mix, fastest of N stopwatch rounds: ... -- matching-mix [rounds]
if (args.Length > 0 && args[0] == "matching-mix")
{
    FlowSight.Benchmarks.Simulator.MatchingMixRunner.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
    return;
}

// OKX books in thread CPU time, best of N interleaved rounds (shared machines): ... -- okx-cpu [rounds [case filter]]
if (args.Length > 0 && args[0] == "okx-cpu")
{
    FlowSight.Benchmarks.Okx.OkxCpuTimeRunner.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15, args.Length > 2 ? args[2] : null);
    return;
}

// Paper venue load: signed REST orders at a paced rate, then with WebSocket depth subscribers: ... -- paper-load [seconds] [rate] [subscribers] [connections]
if (args.Length > 0 && args[0] == "paper-load")
{
    FlowSight.Benchmarks.PaperVenue.PaperLoadRunner.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2_000,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 50,
        args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 32).GetAwaiter().GetResult();
    return;
}

// Tick-to-order in process (recorded depth frame → book → strategy → risk → execution → signed Binance order bytes),
// p50/p99/p99.9 in an HdrHistogram: ... -- tick-to-order [passes] [classic|fused|topfirst|ab|bookticker] [top depth]
if (args.Length > 0 && args[0] == "tick-to-order")
{
    var mode = args.Length > 2 ? args[2] : "classic";
    FlowSight.Benchmarks.Trading.TickToOrderRunner.Run(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5,
        mode switch
        {
            "fused" => [FlowSight.Benchmarks.Trading.TickToOrderRunner.Variant.Fused],
            "bookticker" => [FlowSight.Benchmarks.Trading.TickToOrderRunner.Variant.BookTicker],
            "topfirst" => [FlowSight.Benchmarks.Trading.TickToOrderRunner.Variant.TopFirst],
            "ab" => [FlowSight.Benchmarks.Trading.TickToOrderRunner.Variant.Classic, FlowSight.Benchmarks.Trading.TickToOrderRunner.Variant.Fused, FlowSight.Benchmarks.Trading.TickToOrderRunner.Variant.TopFirst],
            _ => [FlowSight.Benchmarks.Trading.TickToOrderRunner.Variant.Classic],
        },
        topDepth: args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1);
    return;
}

// Binance build + sign (before/after in one process) and OKX signing in thread CPU time: ... -- signing-cpu [rounds]
if (args.Length > 0 && args[0] == "signing-cpu")
{
    FlowSight.Benchmarks.Binance.SigningCpuTimeRunner.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15);
    return;
}

// Risk engine checks in thread CPU time, best of N rounds: ... -- risk-cpu [rounds]
if (args.Length > 0 && args[0] == "risk-cpu")
{
    FlowSight.Benchmarks.Risk.RiskCpuTimeRunner.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15);
    return;
}

// Candle aggregation in thread CPU time, best of N rounds: ... -- candles-cpu [rounds]
if (args.Length > 0 && args[0] == "candles-cpu")
{
    FlowSight.Benchmarks.Candles.CandleAggregatorBenchmarks.RunCpuTime(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15);
    return;
}

// Web server push under load: engine route latency and memory with no WebSocket client, then with N clients
// subscribed to book + trades of two instruments at 20 Hz: ... -- stream-load [seconds] [clients] [market speed]
if (args.Length > 0 && args[0] == "stream-load")
{
    FlowSight.Benchmarks.Server.StreamLoadRunner.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 50,
        args.Length > 3 ? double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1).GetAwaiter().GetResult();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
