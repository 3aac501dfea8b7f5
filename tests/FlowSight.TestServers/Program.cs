using System.Globalization;
using FlowSight.TestServers.Binance;

// A local Binance for trying the client by hand:
//   dotnet run --project tests/FlowSight.TestServers -- --recording FILE [--port N] [--market usdm|spot|coinm]
//                                                        [--speed X] [--pacing recorded|fast] [--loop]
// then point `flowsight watch --endpoint ws://127.0.0.1:N` at it. A local OKX: `-- --venue okx [--recording FILE] [--books A,B]`.
if (args is ["--venue", "okx", ..])
{
    return await FlowSight.TestServers.Okx.OkxCommandLine.RunAsync(args[2..]);
}

var options = ParseArguments(args);
if (options is null)
{
    Console.Error.WriteLine("usage: FlowSight.TestServers --recording FILE [--port N] [--market usdm|spot|coinm] [--speed X] [--pacing recorded|fast] [--loop]");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

await using var server = await BinanceTestServer.StartAsync(options, stop.Token);
Console.WriteLine($"Binance {options.Market} test server: streams {server.WebSocketBaseUri} (/stream, /ws/<stream>, /public, /market), REST {server.HttpBaseUri}");
Console.WriteLine($"Recording {options.RecordingPath}: {server.Recording?.Frames.Count ?? 0} lines, streams {string.Join(", ", server.Recording?.Streams ?? [])}");
Console.WriteLine($"Publishing {options.Pacing} at {options.Speed}x{(options.Loop ? ", looping" : string.Empty)} once a client subscribes. Ctrl+C stops.");
await server.WaitForShutdownAsync(stop.Token);
return 0;

static BinanceTestServerOptions? ParseArguments(string[] args)
{
    string? recording = null;
    var port = 0;
    var market = BinanceServerMarket.UsdM;
    var speed = 1.0;
    var pacing = WsPacing.Recorded;
    var loop = false;
    for (var i = 0; i < args.Length; i++)
    {
        var value = i + 1 < args.Length ? args[i + 1] : null;
        switch (args[i])
        {
            case "--recording" when value is not null:
                recording = value;
                i++;
                break;
            case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port):
                i++;
                break;
            case "--market" when value is "usdm" or "spot" or "coinm":
                market = value switch { "spot" => BinanceServerMarket.Spot, "coinm" => BinanceServerMarket.CoinM, _ => BinanceServerMarket.UsdM };
                i++;
                break;
            case "--speed" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out speed) && speed > 0:
                i++;
                break;
            case "--pacing" when value is "recorded" or "fast":
                pacing = value == "fast" ? WsPacing.AsFastAsPossible : WsPacing.Recorded;
                i++;
                break;
            case "--loop":
                loop = true;
                break;
            default:
                Console.Error.WriteLine($"unknown or incomplete argument: {args[i]}");
                return null;
        }
    }

    if (recording is null || !File.Exists(recording))
    {
        Console.Error.WriteLine(recording is null ? "--recording is required" : $"no such file: {recording}");
        return null;
    }

    return new BinanceTestServerOptions
    {
        RecordingPath = recording,
        Port = port,
        Market = market,
        Speed = speed,
        Pacing = pacing,
        Loop = loop,
        LogToConsole = true,
        RestDataRoot = DataRootAbove(recording),
    };
}

// The shared data folder holding the recording (its exchangeInfo and snapshot files back the REST side).
static string? DataRootAbove(string recording)
{
    for (var dir = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(recording))!); dir is not null; dir = dir.Parent)
    {
        if (Directory.Exists(Path.Combine(dir.FullName, "binance")) && Directory.Exists(Path.Combine(dir.FullName, "recordings")))
        {
            return dir.FullName;
        }
    }

    return null;
}
