using System.Collections.Concurrent;

namespace FlowSight.PaperVenue.Okx.Auth;

/// <summary>
/// OKX's per-endpoint limits (requests per 2-second window, per IP for public endpoints, per user for private
/// ones); over the limit a request gets <c>50011</c> with HTTP 429. Thread-safe.
/// </summary>
public sealed class OkxRateLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Route, string Who), Window> _windows = new();

    /// <summary>Counts one request of <paramref name="who"/> on <paramref name="route"/>; false when over <paramref name="limit"/> in the current window.</summary>
    public bool TryAcquire(string route, string who, int limit, long windowMs = 2_000)
    {
        var window = _windows.GetOrAdd((route, who), static _ => new Window());
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var start = now - (now % windowMs);
        lock (window)
        {
            if (window.Start != start)
            {
                window.Start = start;
                window.Count = 0;
            }

            window.Count++;
            return window.Count <= limit;
        }
    }

    private sealed class Window
    {
        public long Start;
        public int Count;
    }
}
