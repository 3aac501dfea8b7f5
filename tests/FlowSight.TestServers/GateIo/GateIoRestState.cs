using System.Text.Json;

namespace FlowSight.TestServers.GateIo;

/// <summary>
/// The state behind the Gate.io REST routes (<see cref="GateIoRestEndpoints"/>): the recorded currency pairs
/// (2021-04-22), USDT contracts (2023-05-24) and order-book snapshots with their ids (cryptofeed <c>GATEIO*.0</c> and
/// <c>GATEIO*.http.0.0</c>, served byte for byte), generated candlesticks and funding on the server's clock, Gate's
/// 200-per-10-s limit per endpoint, canned answers, injected faults and a request log.
/// </summary>
public sealed class GateIoRestState
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, byte[]> _spotBooks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _futuresBooks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pairs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _contracts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<byte[]>> _canned = new(StringComparer.Ordinal);
    private readonly List<(string? Path, GateIoRestFaultKind Kind)> _faults = [];
    private readonly List<(string Name, long From, long To)> _removedCandles = [];
    private readonly Dictionary<string, (long Window, int Count)> _windows = new(StringComparer.Ordinal);
    private readonly List<GateIoRestRequestRecord> _requests = [];
    private long _rateViolations;

    /// <summary>Loads the recordings from <paramref name="dataRoot"/> (the shared data folder; null for none).</summary>
    public GateIoRestState(string? dataRoot, TimeProvider time, int seed = 42)
    {
        Time = time;
        Seed = seed;
        if (dataRoot is null)
        {
            return;
        }

        var folder = Path.Combine(dataRoot, "recordings", "cryptofeed");
        CurrencyPairs = FirstResponse(Path.Combine(folder, "GATEIO.0"));
        Contracts = FirstResponse(Path.Combine(folder, "GATEIO_FUTURES.0"));
        if (CurrencyPairs is not null)
        {
            using var document = JsonDocument.Parse(CurrencyPairs);
            _pairs.UnionWith(document.RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetString()!));
        }

        if (Contracts is not null)
        {
            using var document = JsonDocument.Parse(Contracts);
            _contracts.UnionWith(document.RootElement.EnumerateArray().Select(p => p.GetProperty("name").GetString()!));
        }

        LoadBooks(Path.Combine(folder, "GATEIO.http.0.0"), "currency_pair=", _spotBooks);
        LoadBooks(Path.Combine(folder, "GATEIO_FUTURES.http.0.0"), "contract=", _futuresBooks);
    }

    /// <summary>The server's clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>The seed of the generated prices and rates.</summary>
    public int Seed { get; }

    /// <summary>How far Gate's clock runs ahead of <see cref="Time"/> (negative: behind); generated data follows Gate's clock.</summary>
    public TimeSpan ServerClockSkew { get; set; }

    /// <summary>The first generated candle and funding settlement.</summary>
    public DateTimeOffset ListingTime { get; set; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Count requests per endpoint in 10-second windows and answer 429 beyond 200.</summary>
    public bool EnforceRateLimits { get; set; } = true;

    /// <summary>Requests per endpoint and window before a 429 (Gate's public limit is 200 per 10 s).</summary>
    public int LimitPerWindow { get; set; } = 200;

    /// <summary>Requests answered 429 because they exceeded the limit (not injected ones).</summary>
    public long RateViolations => Interlocked.Read(ref _rateViolations);

    /// <summary>The recorded <c>spot/currency_pairs</c> body, or null.</summary>
    public byte[]? CurrencyPairs { get; }

    /// <summary>The recorded <c>futures/usdt/contracts</c> body, or null.</summary>
    public byte[]? Contracts { get; }

    /// <summary>The pairs with a recorded order book.</summary>
    public IReadOnlyCollection<string> RecordedSpotBooks => _spotBooks.Keys;

    /// <summary>The contracts with a recorded order book.</summary>
    public IReadOnlyCollection<string> RecordedFuturesBooks => _futuresBooks.Keys;

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<GateIoRestRequestRecord> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Answers the next request to <paramref name="path"/> with <paramref name="body"/> (HTTP 200); queued in order.</summary>
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
    public void Inject(GateIoRestFaultKind kind, int count = 1, string? path = null)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Add((path, kind));
            }
        }
    }

    /// <summary>Removes the candles of <paramref name="name"/> with open times in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public void RemoveCandles(string name, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_lock)
        {
            _removedCandles.Add((name, from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds()));
        }
    }

    internal DateTimeOffset ServerNow => Time.GetUtcNow() + ServerClockSkew;

    /// <summary>
    /// When set, answers <c>order_book</c> of a (spot?, name) with the book the WebSocket side's paced stream has
    /// reached (a with_id body), or null to fall back to the recorded snapshot.
    /// </summary>
    internal Func<bool, string, byte[]?>? FollowedBook { get; set; }

    internal long NowSeconds => ServerNow.ToUnixTimeSeconds();

    internal bool IsKnown(bool spot, string name) => spot
        ? _pairs.Count == 0 || _pairs.Contains(name)
        : _contracts.Count == 0 || _contracts.Contains(name);

    internal byte[]? RecordedBook(bool spot, string name) => (spot ? _spotBooks : _futuresBooks).GetValueOrDefault(name);

    internal GateIoRestFaultKind? TakeFault(string path)
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

    /// <summary>
    /// Counts one request in <paramref name="pool"/>'s current 10-second window; false when the window is full. Says
    /// what Gate's <c>X-Gate-RateLimit-Requests-Remain</c> and <c>X-Gate-RateLimit-Reset-Timestamp</c> report.
    /// </summary>
    internal bool TryCount(string pool, out int remaining, out long resetSeconds)
    {
        var nowMs = ServerNow.ToUnixTimeMilliseconds();
        var window = nowMs / 10_000;
        lock (_lock)
        {
            var (current, count) = _windows.TryGetValue(pool, out var entry) && entry.Window == window ? entry : (window, 0);
            if (EnforceRateLimits && count >= LimitPerWindow)
            {
                Interlocked.Increment(ref _rateViolations);
                remaining = 0;
                resetSeconds = (window + 1) * 10;
                return false;
            }

            _windows[pool] = (current, count + 1);
            remaining = Math.Max(0, LimitPerWindow - count - 1);
            resetSeconds = nowMs / 1000;
            return true;
        }
    }

    internal bool IsRemoved(string name, long openSeconds)
    {
        lock (_lock)
        {
            return _removedCandles.Exists(r => r.Name == name && openSeconds >= r.From && openSeconds < r.To);
        }
    }

    internal void Record(GateIoRestRequestRecord record)
    {
        lock (_lock)
        {
            _requests.Add(record);
        }
    }

    /// <summary>A deterministic value in [0, 1) for <paramref name="key"/> and <paramref name="time"/> (splitmix64).</summary>
    internal double Noise(string key, long time)
    {
        var hash = 17;
        foreach (var c in key)
        {
            hash = unchecked((hash * 31) + c);
        }

        var x = unchecked((ulong)time ^ ((ulong)(uint)Seed << 32) ^ (ulong)(uint)hash);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>The body of the first <c>&lt;url&gt; -&gt; &lt;ts&gt;: &lt;json&gt;</c> line of a cryptofeed recording.</summary>
    private static byte[]? FirstResponse(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (Body(line) is { } body)
            {
                return System.Text.Encoding.UTF8.GetBytes(body);
            }
        }

        return null;
    }

    private static void LoadBooks(string path, string parameter, Dictionary<string, byte[]> books)
    {
        if (!File.Exists(path))
        {
            return;
        }

        foreach (var line in File.ReadLines(path))
        {
            var arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
            if (arrow < 0 || Body(line) is not { } body)
            {
                continue;
            }

            var url = line[..arrow];
            var start = url.IndexOf(parameter, StringComparison.Ordinal) + parameter.Length;
            var end = url.IndexOf('&', start);
            books[url[start..(end < 0 ? url.Length : end)]] = System.Text.Encoding.UTF8.GetBytes(body);
        }
    }

    private static string? Body(string line)
    {
        var arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
        if (arrow < 0)
        {
            return null;
        }

        var colon = line.IndexOf(": ", arrow, StringComparison.Ordinal);
        return colon < 0 ? null : line[(colon + 2)..];
    }
}
