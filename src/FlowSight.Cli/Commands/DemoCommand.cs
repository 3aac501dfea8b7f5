using System.CommandLine;
using System.Globalization;
using FlowSight.Cli.Demo;
using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Hosting;

namespace FlowSight.Cli.Commands;

/// <summary>
/// <c>flowsight demo</c>: the main job of a fresh machine. Until the paper venue and dashboard exist, it runs a seeded
/// synthetic market through the ring buffer into the engine and shows, every second, the market and the engine's own
/// health: events/s, queue depth, handler latency percentiles.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var seconds = new Option<int>("--seconds") { Description = "How long to run.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Random seed of the synthetic market.", DefaultValueFactory = _ => 42 };
        var file = new Option<string?>("--config") { Description = "Configuration file (default: ./flowsight.json if present)." };
        var command = new Command("demo", "Run a synthetic market through the engine and show its live statistics.") { seconds, seed, file };
        command.SetAction(result =>
        {
            try
            {
                var options = FlowSightConfiguration.Load(CliConfiguration.Build(result.GetValue(file)));
                return Run(options, result.GetValue(seconds), result.GetValue(seed));
            }
            catch (ConfigurationValidationException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
        });
        return command;
    }

    private static int Run(FlowSightOptions options, int seconds, int seed)
    {
        if (seconds < 1)
        {
            Console.Error.WriteLine("--seconds must be at least 1.");
            return 2;
        }

        var instrument = InstrumentId.Of(options.Symbol.Contains('.', StringComparison.Ordinal) ? options.Symbol[..options.Symbol.LastIndexOf('.')] : options.Symbol + "-PERP", Venue.Simulator);
        using var engine = new EngineLoop(options);
        var summary = new MarketSummary();
        engine.Bus.Subscribe(new Subscription<QuoteTick> { Name = "top-of-book", Instrument = instrument }, summary);
        engine.Bus.Subscribe(new Subscription<TradeTick> { Name = "trade-tape", Instrument = instrument }, summary);
        engine.StatisticsPublished += stats => Print(stats, summary);
        engine.Start();

        Console.WriteLine($"FlowSight demo: synthetic {instrument} (seed {seed}) through a {engine.Capacity:N0}-slot ring buffer for {seconds}s");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var ticker = new SyntheticTicker(engine, instrument, seed);
        var published = ticker.Run(stop.Token);
        var final = new TaskCompletionSource<EngineStatistics>();
        engine.Post(e => final.TrySetResult(e.TakeStatistics()));
        if (!final.Task.Wait(TimeSpan.FromSeconds(30)))
        {
            Console.Error.WriteLine("The engine did not drain its queue within 30 s.");
            return 1;
        }

        engine.Stop();
        var stats = final.Task.Result;
        Console.WriteLine();
        Console.WriteLine($"published {published:N0} market events, delivered {summary.Quotes + summary.Trades:N0}, producer stalls (buffer full) {stats.ProducerStalls:N0}, errors {stats.Errors}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"route",-12} {"handled",14} {"p50 ns",8} {"p95 ns",8} {"p99 ns",8} {"p99.9 ns",9} {"max ns",10}"));
        foreach (var route in stats.Routes)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{route.Name,-12} {route.Handled,14:N0} {route.LatencyP50Nanos,8} {route.LatencyP95Nanos,8} {route.LatencyP99Nanos,8} {route.LatencyP999Nanos,9} {route.LatencyMaxNanos,10}"));
        }

        var delivered = summary.Quotes + summary.Trades;
        if (delivered != published)
        {
            Console.Error.WriteLine($"Lost events: published {published:N0}, delivered {delivered:N0}.");
            return 1;
        }

        return 0;
    }

    private static void Print(EngineStatistics stats, MarketSummary summary)
    {
        var quote = summary.LastQuote;
        var book = stats.Routes.FirstOrDefault(r => r.Name == "top-of-book");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"bid {quote.BidPrice} x {quote.BidSize}  ask {quote.AskPrice} x {quote.AskSize}  trades {summary.Trades:N0} vwap {summary.Vwap:F1} | {stats.EventsPerSecond / 1e6:F2} M ev/s  queue {stats.QueueDepth} ({stats.BufferUtilisation:P1})  p50 {book?.LatencyP50Nanos} ns p99 {book?.LatencyP99Nanos} ns p99.9 {book?.LatencyP999Nanos} ns"));
    }
}
