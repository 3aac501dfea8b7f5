using System.Globalization;

namespace FlowSight.TestServers.Okx;

/// <summary>
/// A local OKX for trying the client by hand:
/// <c>dotnet run --project tests/FlowSight.TestServers -- --venue okx [--recording FILE] [--books BTC-USDT-SWAP,...] [--port N] [--interval-ms 100]</c>.
/// Once a client subscribes it plays the recording, then pushes one synthetic <c>books</c> update per instrument every interval.
/// </summary>
public static class OkxCommandLine
{
    /// <summary>Runs the server until Ctrl+C; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? recording = null;
        string[] books = ["BTC-USDT-SWAP"];
        var port = 0;
        var interval = 100;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--recording" when value is not null && File.Exists(value):
                    recording = value;
                    i++;
                    break;
                case "--books" when value is not null:
                    books = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    i++;
                    break;
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port):
                    i++;
                    break;
                case "--interval-ms" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out interval) && interval > 0:
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"unknown or incomplete argument: {args[i]}");
                    Console.Error.WriteLine("usage: FlowSight.TestServers --venue okx [--recording FILE] [--books A,B] [--port N] [--interval-ms N]");
                    return 2;
            }
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        await using var server = await OkxTestServer.StartAsync(new OkxTestServerOptions { RecordingPath = recording, SyntheticBooks = books, Port = port, LogToConsole = true }, stop.Token);
        Console.WriteLine($"OKX test server: {server.WebSocketBaseUri}ws/v5/public and /ws/v5/business; synthetic books {string.Join(", ", books)}{(recording is null ? string.Empty : $"; recording {recording} ({server.Recording!.Pushes.Count} pushes)")}. Ctrl+C stops.");
        try
        {
            while (!server.Connections.Any(c => c.Subscriptions.Count > 0))
            {
                await Task.Delay(interval, stop.Token);
            }
            if (recording is not null)
            {
                await server.PlayRecordingAsync();
            }

            while (!stop.IsCancellationRequested)
            {
                foreach (var instId in books)
                {
                    await server.PublishBookUpdatesAsync(instId);
                }

                await Task.Delay(interval, stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C.
        }

        return 0;
    }
}
