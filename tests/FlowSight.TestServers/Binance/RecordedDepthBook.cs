using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FlowSight.TestServers.Binance;

/// <summary>
/// The order book a recording's depth stream has reached, so the REST side can answer <c>depth</c> the way Binance
/// would at that point: the recorded snapshot line, then every published diff applied to it. A client that
/// reconnects mid-recording then gets a snapshot consistent with the diffs it will receive next.
/// </summary>
public sealed class RecordedDepthBook
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<decimal, (string Price, string Quantity)> _bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, (string Price, string Quantity)> _asks = [];
    private readonly bool _futures;
    private byte[]? _snapshot;
    private long _lastUpdateId = -1;
    private long _eventTime;
    private long _transactionTime;
    private bool _changed;

    /// <summary>Creates an empty book; <paramref name="futures"/> adds <c>E</c> and <c>T</c> to the snapshots served.</summary>
    public RecordedDepthBook(bool futures) => _futures = futures;

    /// <summary>True once a snapshot line has been seen.</summary>
    public bool HasSnapshot
    {
        get
        {
            lock (_lock)
            {
                return _lastUpdateId >= 0;
            }
        }
    }

    /// <summary>Resets the book to a recorded snapshot line (<c>{"lastUpdateId":..,"bids":..,"asks":..}</c>).</summary>
    public void ApplySnapshot(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("lastUpdateId", out var id))
        {
            return;
        }

        lock (_lock)
        {
            _bids.Clear();
            _asks.Clear();
            Apply(_bids, root.GetProperty("bids"));
            Apply(_asks, root.GetProperty("asks"));
            _lastUpdateId = id.GetInt64();
            _eventTime = root.TryGetProperty("E", out var e) ? e.GetInt64() : 0;
            _transactionTime = root.TryGetProperty("T", out var t) ? t.GetInt64() : 0;
            _snapshot = json.ToArray();
            _changed = false;
        }
    }

    /// <summary>Applies a published <c>depthUpdate</c> payload (<c>U</c>, <c>u</c>, <c>b</c>, <c>a</c>) newer than the book.</summary>
    public void ApplyDiff(ReadOnlyMemory<byte> data)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data);
        }
        catch (JsonException)
        {
            return; // a malformed frame a test published: it never was part of the venue's book
        }

        using var owned = document;
        var root = document.RootElement;
        if (!root.TryGetProperty("u", out var last) || !root.TryGetProperty("b", out var bids) || !root.TryGetProperty("a", out var asks))
        {
            return;
        }

        lock (_lock)
        {
            if (_lastUpdateId < 0 || last.GetInt64() <= _lastUpdateId)
            {
                return;
            }

            Apply(_bids, bids);
            Apply(_asks, asks);
            _lastUpdateId = last.GetInt64();
            _eventTime = root.TryGetProperty("E", out var e) ? e.GetInt64() : _eventTime;
            _transactionTime = root.TryGetProperty("T", out var t) ? t.GetInt64() : _transactionTime;
            _changed = true;
        }
    }

    /// <summary>The book as a <c>depth</c> body (the recorded bytes while no diff has been applied); null before a snapshot.</summary>
    public byte[]? ToJson()
    {
        lock (_lock)
        {
            if (_lastUpdateId < 0)
            {
                return null;
            }

            if (!_changed)
            {
                return _snapshot;
            }

            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"{{\"lastUpdateId\":{_lastUpdateId}");
            if (_futures)
            {
                text.Append(CultureInfo.InvariantCulture, $",\"E\":{_eventTime},\"T\":{_transactionTime}");
            }

            Write(text, "bids", _bids);
            Write(text, "asks", _asks);
            return Encoding.UTF8.GetBytes(text.Append('}').ToString());
        }
    }

    private static void Write(StringBuilder text, string name, SortedDictionary<decimal, (string Price, string Quantity)> side)
    {
        text.Append(",\"").Append(name).Append("\":[");
        var first = true;
        foreach (var (price, quantity) in side.Values)
        {
            text.Append(first ? "[\"" : ",[\"").Append(price).Append("\",\"").Append(quantity).Append("\"]");
            first = false;
        }

        text.Append(']');
    }

    private static void Apply(SortedDictionary<decimal, (string Price, string Quantity)> side, JsonElement levels)
    {
        foreach (var level in levels.EnumerateArray())
        {
            var price = level[0].GetString()!;
            var quantity = level[1].GetString()!;
            var key = decimal.Parse(price, CultureInfo.InvariantCulture);
            if (decimal.Parse(quantity, CultureInfo.InvariantCulture) == 0m)
            {
                side.Remove(key);
            }
            else
            {
                side[key] = (price, quantity);
            }
        }
    }
}
