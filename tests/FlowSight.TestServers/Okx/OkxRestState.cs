using System.Globalization;
using System.Text.Json;

namespace FlowSight.TestServers.Okx;

/// <summary>
/// The state behind the OKX REST routes (<see cref="OkxRestEndpoints"/>): the recorded instruments (2022-05-13, served
/// byte for byte) and the recorded BTC-USDT book, generated candles, funding and open interest on the server's clock,
/// OKX's per-endpoint limits counted in 2-second windows, canned answers, injected faults and a request log.
/// </summary>
public sealed class OkxRestState
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, byte[]> _instrumentBodies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _instrumentTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<byte[]>> _canned = new(StringComparer.Ordinal);
    private readonly List<(string? Path, OkxRestFaultKind Kind)> _faults = [];
    private readonly List<(string InstId, long From, long To)> _removedCandles = [];
    private readonly Dictionary<string, (long Window, int Count)> _windows = new(StringComparer.Ordinal);
    private readonly List<OkxRestRequestRecord> _requests = [];
    private long _rateViolations;

    /// <summary>Loads the recorded instruments and book from <paramref name="dataRoot"/> (the shared data folder; null for none).</summary>
    public OkxRestState(string? dataRoot, TimeProvider time, int seed = 42)
    {
        Time = time;
        Seed = seed;
        if (dataRoot is null)
        {
            return;
        }

        foreach (var type in new[] { "SPOT", "SWAP", "FUTURES" })
        {
            var path = Path.Combine(dataRoot, "okx", "rest", $"public_instruments_{type}_20220513.json");
            if (!File.Exists(path))
            {
                continue;
            }

            var body = File.ReadAllBytes(path);
            _instrumentBodies[type] = body;
            using var document = JsonDocument.Parse(body);
            foreach (var item in document.RootElement.GetProperty("data").EnumerateArray())
            {
                _instrumentTypes[item.GetProperty("instId").GetString()!] = type;
            }
        }

        var book = Path.Combine(dataRoot, "okx", "ws", "books_snapshot_BTC-USDT.json");
        if (File.Exists(book))
        {
            RecordedBook = File.ReadAllBytes(book);
        }
    }

    /// <summary>The server's clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>The seed of the generated prices and rates.</summary>
    public int Seed { get; }

    /// <summary>How far OKX's clock runs ahead of <see cref="Time"/> (negative: behind); answers and windows follow OKX's clock.</summary>
    public TimeSpan ServerClockSkew { get; set; }

    /// <summary>The first generated candle and funding settlement.</summary>
    public DateTimeOffset ListingTime { get; set; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Count requests in OKX's per-endpoint windows and answer 429/50011 beyond the limit.</summary>
    public bool EnforceRateLimits { get; set; } = true;

    /// <summary>Requests answered 429 because they exceeded an endpoint's limit (not injected ones).</summary>
    public long RateViolations => Interlocked.Read(ref _rateViolations);

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<OkxRestRequestRecord> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The instId → instType of every recorded instrument.</summary>
    public IReadOnlyDictionary<string, string> InstrumentTypes => _instrumentTypes;

    internal byte[]? RecordedBook { get; }

    /// <summary>Answers the next request to <paramref name="path"/> with <paramref name="body"/> (HTTP 200) instead of the generated answer; queued in order.</summary>
    public void Can(string path, byte[] body)
    {
        lock (_lock)
        {
            if (!_canned.TryGetValue(path, out var queue))
            {
                _canned[path] = queue = new Queue<byte[]>();
            }

            queue.Enqueue(body);
        }
    }

    /// <summary>Makes the next <paramref name="count"/> requests (to <paramref name="path"/>, or any when null) fail as <paramref name="kind"/>.</summary>
    public void Inject(OkxRestFaultKind kind, int count = 1, string? path = null)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Add((path, kind));
            }
        }
    }

    /// <summary>Removes the candles of <paramref name="instId"/> with open times in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public void RemoveCandles(string instId, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_lock)
        {
            _removedCandles.Add((instId, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds()));
        }
    }

    internal long NowMs => (Time.GetUtcNow() + ServerClockSkew).ToUnixTimeMilliseconds();

    internal OkxRestFaultKind? TakeFault(string path)
    {
        lock (_lock)
        {
            var index = _faults.FindIndex(f => f.Path is null || f.Path == path);
            if (index < 0)
            {
                return null;
            }

            var kind = _faults[index].Kind;
            _faults.RemoveAt(index);
            return kind;
        }
    }

    internal byte[]? TakeCanned(string path)
    {
        lock (_lock)
        {
            return _canned.TryGetValue(path, out var queue) && queue.Count > 0 ? queue.Dequeue() : null;
        }
    }

    /// <summary>Counts one request in <paramref name="pool"/>'s current 2-second window; false when the window is full.</summary>
    internal bool TryCount(string pool, int limit)
    {
        if (!EnforceRateLimits)
        {
            return true;
        }

        var window = NowMs / 2000;
        lock (_lock)
        {
            var (current, count) = _windows.TryGetValue(pool, out var entry) && entry.Window == window ? entry : (window, 0);
            if (count >= limit)
            {
                Interlocked.Increment(ref _rateViolations);
                return false;
            }

            _windows[pool] = (current, count + 1);
            return true;
        }
    }

    internal byte[]? InstrumentBody(string type) => _instrumentBodies.GetValueOrDefault(type);

    internal bool IsRemoved(string instId, long openMs)
    {
        lock (_lock)
        {
            return _removedCandles.Exists(r => r.InstId == instId && openMs >= r.From && openMs < r.To);
        }
    }

    internal void Record(OkxRestRequestRecord record)
    {
        lock (_lock)
        {
            _requests.Add(record);
        }
    }

    /// <summary>A deterministic value in [0, 1) for <paramref name="key"/> and <paramref name="time"/> (splitmix64).</summary>
    internal double Noise(string key, long time)
    {
        var x = unchecked((ulong)time ^ ((ulong)(uint)Seed << 32) ^ (ulong)(uint)StableHash(key));
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    internal static string Ms(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
