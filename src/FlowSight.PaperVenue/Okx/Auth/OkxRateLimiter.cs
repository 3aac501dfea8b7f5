using System.Collections.Concurrent;

namespace FlowSight.PaperVenue.Okx.Auth;

/// <summary>
/// OKX's per-endpoint limits: at most N requests in any 2-second window (a sliding window), counted per IP on
/// public endpoints, per user on private ones and per user and instrument family on order placement and
/// cancellation; over the limit a request gets <c>50011</c> with HTTP 429 and is not executed. Thread-safe.
/// </summary>
public sealed class OkxRateLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Route, string Who), Queue<long>> _windows = new();

    /// <summary>Counts one request of <paramref name="who"/> on <paramref name="route"/>; false (and not counted) when <paramref name="limit"/> requests were already made in the last <paramref name="windowMs"/>.</summary>
    public bool TryAcquire(string route, string who, int limit, long windowMs = 2_000)
    {
        var window = _windows.GetOrAdd((route, who), static _ => new Queue<long>());
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (window)
        {
            while (window.Count > 0 && window.Peek() <= now - windowMs)
            {
                window.Dequeue();
            }

            if (window.Count >= limit)
            {
                return false;
            }

            window.Enqueue(now);
            return true;
        }
    }
}
