using System.CommandLine;
using FlowSight.Cli.Watch;
using FlowSight.Core;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.OrderBook;
using FlowSight.Venues.Data;
using Spectre.Console;

namespace FlowSight.Cli.Commands;

/// <summary>
/// <c>flowsight watch binance-usdm:BTCUSDT</c> (or <c>okx:BTC-USDT-SWAP</c>, <c>gate-usdt:BTC_USDT</c>): a live terminal view of one instrument — order-book ladder with depth
/// bars, the trade tape, spread and imbalance, message rates, handler latency and the connection's state.
/// </summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var market = new Argument<string>("instrument") { Description = $"MARKET:SYMBOL, e.g. binance-usdm:BTCUSDT ({MarketArgument.Known})." };
        var endpoint = new Option<string?>("--endpoint") { Description = "Another host serving the venue's REST and WebSocket protocols, e.g. http://127.0.0.1:5000 (a local test server, the paper venue)." };
        var rows = new Option<int>("--rows") { Description = "Levels per side.", DefaultValueFactory = _ => 12 };
        var seconds = new Option<int?>("--seconds") { Description = "Stop after this many seconds (default: until Ctrl+C)." };
        var plain = new Option<bool>("--plain") { Description = "Print one status line per second instead of the full-screen view (for logs and pipes)." };
        var log = new Option<string?>("--log") { Description = "Write the feed's log (connection changes, resyncs, malformed frames) to this file." };
        var command = new Command("watch", "Watch one instrument live in the terminal.") { market, endpoint, rows, seconds, plain, log };
        command.SetAction(async (result, cancellationToken) =>
        {
            MarketArgument parsed;
            try
            {
                parsed = MarketArgument.Parse(result.GetValue(market)!);
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }

            Uri? endpointUri = null;
            if (result.GetValue(endpoint) is { } text && !MarketArgument.TryParseEndpoint(text, out endpointUri))
            {
                Console.Error.WriteLine($"--endpoint '{text}' is not an absolute http(s) or ws(s) URL such as http://127.0.0.1:5000.");
                return 2;
            }

            var options = new WatchOptions(parsed, endpointUri, Math.Clamp(result.GetValue(rows), 1, 200), result.GetValue(seconds), result.GetValue(plain), result.GetValue(log));
            try
            {
                return await RunAsync(options, cancellationToken).ConfigureAwait(false);
            }
            catch (ConfigurationValidationException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
        });
        return command;
    }

    internal static async Task<int> RunAsync(WatchOptions options, CancellationToken cancellationToken, TextWriter? plainOutput = null)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Seconds is { } limit)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(limit));
        }

        using var loggers = FileLog.Create(options.LogFile);
        using var engine = new EngineLoop(new FlowSightOptions { Symbol = options.Market.Symbols[0], WaitStrategy = WaitStrategyKind.Blocking });
        IMarketDataClient? client = null;
        var books = new OrderBookManager(fault => client?.Resync(fault.Instrument));
        books.Attach(engine.Bus);
        try
        {
            client = MarketDataClients.Create(new MarketDataClientRequest(options.Market, options.Endpoint), engine, loggers);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        await using (client.ConfigureAwait(false))
        {
            // Subscribe the view before the feed starts, so it sees the first connection states too.
            var instrument = MarketDataClients.InstrumentOf(options.Market.Market, options.Market.Symbols[0]);
            var model = new WatchModel(instrument, books, options.Rows);
            model.Subscribe(engine.Bus);
            engine.Start();
            try
            {
                await client.StartAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                Console.Error.WriteLine("Stopped before the feed started: the venue did not answer in time (is the endpoint reachable?).");
                return 1;
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Could not start the feed: {ex.Message}");
                return 1;
            }

            var session = new WatchSession(engine, client, model);
            if (options.Plain)
            {
                await session.RunPlainAsync(plainOutput ?? Console.Out, stop.Token).ConfigureAwait(false);
            }
            else
            {
                await session.RunLiveAsync(AnsiConsole.Console, stop.Token).ConfigureAwait(false);
            }

            engine.Stop();
        }

        return 0;
    }
}

/// <summary>The watch command's settings.</summary>
internal sealed record WatchOptions(MarketArgument Market, Uri? Endpoint, int Rows, int? Seconds, bool Plain, string? LogFile = null);
