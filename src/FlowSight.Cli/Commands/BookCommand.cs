using System.CommandLine;
using FlowSight.Storage.Recording;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Replay;
using FlowSight.Venues.GateIo.Replay;
using FlowSight.Venues.Okx.Replay;
using FlowSight.Venues.Replay;

namespace FlowSight.Cli.Commands;

/// <summary>
/// <c>flowsight book replay FILE... [--venue binance-usdm|binance-spot|binance-coinm|okx|gate-spot|gate-usdt] [--depth N] [--json] [--speed X]</c>:
/// rebuilds the order books of a recording (ours, hftbacktest's or cryptofeed's; gzip or plain) through the live
/// parsers and synchronizers and prints, per instrument, the final book's top levels and the run's statistics.
/// </summary>
internal static class BookCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Recording files, replayed in the order given (cryptofeed *.http.* snapshot files are merged with the frames by time).",
            Arity = ArgumentArity.OneOrMore,
        };
        var venue = new Option<string?>("--venue") { Description = "binance-usdm, binance-spot, binance-coinm, okx, gate-spot or gate-usdt (default: detected from stream names and message shapes)." };
        var depth = new Option<int>("--depth") { Description = "Levels per side to print.", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per instrument." };
        var speed = new Option<double>("--speed") { Description = "Replay at this multiple of the recorded speed (1 = real time); 0, the default, is as fast as possible.", DefaultValueFactory = _ => 0 };
        var replay = new Command("replay", "Replay a recording into local order books and check them.") { files, venue, depth, json, speed };
        replay.SetAction(async (result, cancellationToken) =>
        {
            CliMarket? market = null;
            if (result.GetValue(venue) is { } text)
            {
                if (!MarketArgument.TryParseMarket(text, out var named))
                {
                    Console.Error.WriteLine($"Unknown venue '{text}'; expected one of {MarketArgument.Known}.");
                    return 2;
                }

                market = named;
            }

            var paths = result.GetValue(files)!;
            if (paths.FirstOrDefault(p => !File.Exists(p)) is { } missing)
            {
                Console.Error.WriteLine($"No such file: {missing}");
                return 2;
            }

            if (result.GetValue(speed) is var x && (double.IsNaN(x) || x < 0))
            {
                Console.Error.WriteLine("--speed must be 0 (as fast as possible) or positive.");
                return 2;
            }

            var order = paths.Any(p => Path.GetFileName(p).Contains(".http.", StringComparison.Ordinal))
                ? RecordingFileOrder.MergeByTime
                : RecordingFileOrder.Concatenate;
            try
            {
                market ??= RecordingVenue.Detect(paths, order);
                using var reader = new RecordingReader(paths, new RecordingReaderOptions { Order = order });
                var (depthValue, jsonValue, speedValue) = (Math.Max(0, result.GetValue(depth)), result.GetValue(json), result.GetValue(speed));
                if (market is CliMarket.Okx)
                {
                    return await OkxReplayRunner.RunAsync(reader, new BookReplayRequest(depthValue, jsonValue, speedValue), Console.Out, Console.Error, TimeProvider.System, cancellationToken).ConfigureAwait(false);
                }

                if (market is CliMarket.GateSpot or CliMarket.GateUsdt)
                {
                    return await GateIoReplayRunner.RunAsync(reader, new BookReplayRequest(depthValue, jsonValue, speedValue), Console.Out, Console.Error, TimeProvider.System, cancellationToken).ConfigureAwait(false);
                }

                BinanceMarket? binance = market is { } m && MarketDataClients.TryGetBinanceMarket(m, out var b) ? b : null;
                var request = new BinanceReplayRequest(binance, depthValue, jsonValue, speedValue);
                return await BinanceReplayRunner.RunAsync(reader, request, Console.Out, Console.Error, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"Could not read the recording: {ex.Message}");
                return 2;
            }
        });
        return new Command("book", "Local order books: replay and check recordings.") { replay };
    }
}
