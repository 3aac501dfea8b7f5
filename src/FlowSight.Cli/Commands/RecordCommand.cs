using System.CommandLine;
using System.Globalization;
using FlowSight.Engine.Configuration;
using FlowSight.Storage.Recording;
using FlowSight.Venues.Binance.Data;
using FlowSight.Venues.Data;

namespace FlowSight.Cli.Commands;

/// <summary>
/// <c>flowsight record binance-usdm:BTCUSDT,ETHUSDT --streams depth,trade,bookTicker --out DIR</c>: records raw frames
/// exactly as received, with the REST depth snapshots that seed and resync each book, as gzip files in the
/// hftbacktest layout (<c>&lt;receive_unix_ns&gt; &lt;frame&gt;</c> per line), rotated by size and time.
/// </summary>
internal static class RecordCommand
{
    private static readonly Dictionary<string, BinanceDataStreams> StreamNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["depth"] = BinanceDataStreams.Depth,
        ["trade"] = BinanceDataStreams.Trades,
        ["aggTrade"] = BinanceDataStreams.AggTrades,
        ["bookTicker"] = BinanceDataStreams.BookTicker,
        ["kline"] = BinanceDataStreams.Klines,
        ["markPrice"] = BinanceDataStreams.MarkPrice,
        ["forceOrder"] = BinanceDataStreams.Liquidations,
    };

    public static Command Create()
    {
        var market = new Argument<string>("instruments") { Description = $"MARKET:SYMBOL[,SYMBOL...], e.g. binance-usdm:BTCUSDT,ETHUSDT ({MarketArgument.Known})." };
        var streams = new Option<string>("--streams") { Description = $"Comma-separated streams: {string.Join(", ", StreamNames.Keys)}.", DefaultValueFactory = _ => "depth,trade,bookTicker" };
        var output = new Option<string>("--out") { Description = "Directory for the recording files.", Required = true };
        var endpoint = new Option<string?>("--endpoint") { Description = "Another host serving Binance's protocols, e.g. http://127.0.0.1:5000." };
        var seconds = new Option<int?>("--seconds") { Description = "Stop after this many seconds (default: until Ctrl+C)." };
        var rotateMb = new Option<int>("--rotate-mb") { Description = "Start a new file after this many compressed megabytes.", DefaultValueFactory = _ => 256 };
        var rotateMinutes = new Option<int>("--rotate-minutes") { Description = "Start a new file after this many minutes.", DefaultValueFactory = _ => 60 };
        var command = new Command("record", "Record raw market-data frames (and depth snapshots) for replay.") { market, streams, output, endpoint, seconds, rotateMb, rotateMinutes };
        command.SetAction(async (result, cancellationToken) =>
        {
            MarketArgument parsed;
            BinanceDataStreams selected;
            Uri? endpointUri = null;
            try
            {
                parsed = MarketArgument.Parse(result.GetValue(market)!);
                selected = ParseStreams(result.GetValue(streams)!);
                if (result.GetValue(endpoint) is { } text && !MarketArgument.TryParseEndpoint(text, out endpointUri))
                {
                    throw new FormatException($"--endpoint '{text}' is not an absolute http(s) or ws(s) URL.");
                }
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }

            var recorderOptions = new FrameRecorderOptions
            {
                Directory = result.GetValue(output)!,
                FilePrefix = $"{MarketArgument.NameOf(parsed.Market)}_{string.Join('-', parsed.Symbols).ToLowerInvariant()}",
                MaxFileBytes = Math.Max(1, result.GetValue(rotateMb)) * 1024L * 1024,
                RotationInterval = TimeSpan.FromMinutes(Math.Max(1, result.GetValue(rotateMinutes))),
            };
            try
            {
                return await RunAsync(parsed, selected, endpointUri, recorderOptions, result.GetValue(seconds), cancellationToken).ConfigureAwait(false);
            }
            catch (ConfigurationValidationException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
        });
        return command;
    }

    private static BinanceDataStreams ParseStreams(string text)
    {
        var selected = BinanceDataStreams.None;
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            selected |= StreamNames.TryGetValue(name, out var stream)
                ? stream
                : throw new FormatException($"Unknown stream '{name}'; expected some of {string.Join(", ", StreamNames.Keys)}.");
        }

        return selected == BinanceDataStreams.None ? throw new FormatException("--streams names no stream.") : selected;
    }

    private static async Task<int> RunAsync(MarketArgument market, BinanceDataStreams streams, Uri? endpoint, FrameRecorderOptions recorderOptions, int? seconds, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(recorderOptions.Directory);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (seconds is { } limit)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(limit));
        }

        var recorder = new FrameRecorder(recorderOptions);
        await using (recorder.ConfigureAwait(false))
        {
            recorder.Failed += failure => Console.Error.WriteLine($"Recording stopped: {failure}");
            IMarketDataClient client;
            try
            {
                client = MarketDataClients.Create(new MarketDataClientRequest(market, endpoint, recorder, streams, LoadInstruments: false), NullPublisher.Instance, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }

            await using (client.ConfigureAwait(false))
            {
                client.StateChanged += change => Console.WriteLine(change);
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

                Console.WriteLine($"Recording {string.Join(", ", market.Symbols)} ({streams}) into {Path.GetFullPath(recorderOptions.Directory)}; Ctrl+C stops.");
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(5), stop.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }

                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{recorder.FramesWritten:N0} frames, {recorder.BytesWritten / 1024.0:N0} KB written, {recorder.FramesDropped} dropped"));
                }
            }

            await recorder.CompleteAsync().ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Done: {recorder.FramesWritten:N0} frames in {string.Join(", ", recorder.Files)}"));
            return recorder.Failure is null ? 0 : 1;
        }
    }
}
