namespace FlowSight.Cli.Hosting;

/// <summary>
/// The console side of <c>demo</c> and <c>serve</c>: start a host and turn its start-up failures into one clear line and
/// an exit code, then run until Ctrl+C or <c>--seconds</c> and shut down cleanly.
/// </summary>
internal static class HostConsole
{
    /// <summary>
    /// Starts a host; on failure writes why and returns the exit code instead (0 when cancelled, 2 for a port in use or
    /// a bad argument, 1 when a venue did not come up).
    /// </summary>
    public static async Task<(T? Host, int ExitCode)> StartAsync<T>(Func<Task<T>> start, string listenOn, string what, string logPath, TextWriter output, TextWriter error, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return (await start().ConfigureAwait(false), 0);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync($"Stopped before the {what} was up.").ConfigureAwait(false);
            return (null, 0);
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync($"Cannot listen on {listenOn}: {ex.Message} (is another flowsight running? port 0 picks a free one).").ConfigureAwait(false);
            return (null, 2);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message.Split(" (Parameter", 2)[0]).ConfigureAwait(false);
            return (null, 2);
        }
        catch (Exception ex) when (ex is TimeoutException or HttpRequestException or System.Net.WebSockets.WebSocketException or Venues.Network.Http.VenueRestException)
        {
            await error.WriteLineAsync($"The {what} did not come up: {ex.Message} (log: {logPath})").ConfigureAwait(false);
            return (null, 1);
        }
    }

    /// <summary>Waits for Ctrl+C or <paramref name="seconds"/>, saying which; the caller disposes the host after.</summary>
    public static async Task RunUntilStoppedAsync(int? seconds, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(seconds is { } limit ? $"Running for {limit} s." : "Press Ctrl+C to stop.").ConfigureAwait(false);
        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (seconds is { } s)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(s));
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or --seconds: the normal way to stop.
        }

        await output.WriteLineAsync("Stopping...").ConfigureAwait(false);
    }
}
