using FlowSight.Core;
using Microsoft.Extensions.Logging;

namespace FlowSight.Venues.Data;

/// <summary>
/// Fetches a book snapshot over REST until one applies, backing off from 1 s to 30 s between failures: the
/// snapshot half of every data client that chains a stream to a snapshot. At most one fetch per feed runs at a time.
/// </summary>
/// <param name="time">The clock for back-off and receive times.</param>
/// <param name="logger">Where failures are logged.</param>
/// <param name="stopping">Ends the retries when the client stops.</param>
internal sealed class BookSnapshotFetcher(TimeProvider time, ILogger logger, CancellationToken stopping)
{
    /// <summary>
    /// Starts a fetch for <paramref name="feed"/> unless one is in flight: <paramref name="fetch"/> gets the JSON,
    /// <paramref name="apply"/> (under the feed's lock, with the receive time) applies it and returns null, or
    /// returns why it could not be parsed (then the fetch is retried).
    /// </summary>
    public void Request(SnapshotBookFeed feed, Func<CancellationToken, Task<ReadOnlyMemory<byte>>> fetch, Func<ReadOnlyMemory<byte>, long, string?> apply)
    {
        if (Interlocked.Exchange(ref feed.SnapshotInFlight, 1) == 1 || stopping.IsCancellationRequested)
        {
            return;
        }

        _ = Task.Run(() => FetchAsync(feed, fetch, apply));
    }

    private async Task FetchAsync(SnapshotBookFeed feed, Func<CancellationToken, Task<ReadOnlyMemory<byte>>> fetch, Func<ReadOnlyMemory<byte>, long, string?> apply)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var json = await fetch(stopping).ConfigureAwait(false);
                var received = UnixNanos.Now(time);
                string? failure;
                lock (feed.Gate)
                {
                    Volatile.Write(ref feed.SnapshotInFlight, 0);
                    failure = apply(json, received);
                    feed.LastSnapshotError = failure is null ? null : $"unparseable snapshot: {failure}";
                    if (failure is null)
                    {
                        return;
                    }
                }

                logger.LogWarning("Book snapshot for {Instrument} could not be parsed ({Reason}); retrying.", feed.Instrument, failure);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or TimeoutException or Network.Http.VenueRestException)
            {
                lock (feed.Gate)
                {
                    feed.LastSnapshotError = ex.Message;
                }

                logger.LogWarning(ex, "Book snapshot for {Instrument} failed; retrying in {Delay}.", feed.Instrument, delay);
            }

            Interlocked.Exchange(ref feed.SnapshotInFlight, 1);
            try
            {
                await Task.Delay(delay, time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }
}
