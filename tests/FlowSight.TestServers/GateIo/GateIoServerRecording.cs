using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FlowSight.TestServers.GateIo;

/// <summary>
/// One market's cryptofeed Gate.io recording for the WebSocket side: every recorded notification, per channel and
/// name, in recorded order, and the recorded <c>with_id</c> snapshots, from which a consistent snapshot at any later
/// update id can be built (to answer a client's resync).
/// </summary>
public sealed class GateIoServerRecording
{
    private readonly Dictionary<(string Channel, string Name), List<Notification>> _notifications = [];
    private readonly Dictionary<string, Snapshot> _snapshots = new(StringComparer.Ordinal);

    private GateIoServerRecording(bool futures) => IsFutures = futures;

    /// <summary>True for the USDT-futures recording.</summary>
    public bool IsFutures { get; }

    /// <summary>Every name seen in the recording (subscriptions to others are refused).</summary>
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>Loads <c>GATEIO.ws.1.0</c> + <c>GATEIO.http.0.0</c> (spot) or the <c>GATEIO_FUTURES</c> pair from <paramref name="dataRoot"/>.</summary>
    public static GateIoServerRecording Load(string dataRoot, bool futures)
    {
        var folder = Path.Combine(dataRoot, "recordings", "cryptofeed");
        var stem = futures ? "GATEIO_FUTURES" : "GATEIO";
        var recording = new GateIoServerRecording(futures);
        foreach (var line in File.ReadLines(Path.Combine(folder, stem + ".ws.1.0")))
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0 || line.Contains(" <-", StringComparison.Ordinal))
            {
                continue; // sent requests and connection lines
            }

            var json = line[(colon + 2)..];
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.GetProperty("event").GetString() != "update")
            {
                continue;
            }

            var channel = root.GetProperty("channel").GetString()!;
            var result = root.GetProperty("result");
            var first = result.ValueKind == JsonValueKind.Array ? result[0] : result;
            var name = NameOf(first);
            recording.Names.Add(name);
            if (!recording._notifications.TryGetValue((channel, name), out var list))
            {
                recording._notifications[(channel, name)] = list = [];
            }

            var (u, last) = first.TryGetProperty("U", out var uu) && first.TryGetProperty("u", out var lu) ? (uu.GetInt64(), lu.GetInt64()) : (-1L, -1L);
            list.Add(new Notification(json, u, last, channel.EndsWith("order_book_update", StringComparison.Ordinal) ? ReadLevels(first) : null));
        }

        foreach (var line in File.ReadLines(Path.Combine(folder, stem + ".http.0.0")))
        {
            var arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
            if (arrow < 0 || !line.Contains("/order_book", StringComparison.Ordinal))
            {
                continue;
            }

            var colon = line.IndexOf(": ", arrow + 4, StringComparison.Ordinal);
            var url = line[..arrow];
            var key = futures ? "contract=" : "currency_pair=";
            var start = url.IndexOf(key, StringComparison.Ordinal) + key.Length;
            var end = url.IndexOf('&', start);
            var name = end < 0 ? url[start..] : url[start..end];
            using var document = JsonDocument.Parse(line[(colon + 2)..]);
            var root = document.RootElement;
            recording._snapshots[name] = new Snapshot(root.GetProperty("id").GetInt64(), ReadBook(root.GetProperty("bids")), ReadBook(root.GetProperty("asks")));
            recording.Names.Add(name);
        }

        return recording;
    }

    /// <summary>The recorded notifications of <paramref name="channel"/> (e.g. <c>spot.order_book_update</c>) for <paramref name="name"/>.</summary>
    public IReadOnlyList<Notification> NotificationsOf(string channel, string name) =>
        _notifications.TryGetValue((channel, name), out var list) ? list : [];

    /// <summary>The recorded snapshot's id for <paramref name="name"/>, or -1.</summary>
    public long SnapshotId(string name) => _snapshots.TryGetValue(name, out var snapshot) ? snapshot.Id : -1;

    /// <summary>
    /// A Gate REST body (<c>order_book?with_id=true</c>) of <paramref name="name"/>'s book as it stood after the recorded
    /// update whose <c>u</c> is <paramref name="lastUpdateId"/>: the recorded snapshot plus every later recorded update
    /// up to it. Used to answer a resync consistently with the stream.
    /// </summary>
    public string BookBodyAt(string name, long lastUpdateId)
    {
        var snapshot = _snapshots[name];
        var bids = new Dictionary<decimal, string>(snapshot.Bids);
        var asks = new Dictionary<decimal, string>(snapshot.Asks);
        var channel = (IsFutures ? "futures" : "spot") + ".order_book_update";
        foreach (var n in NotificationsOf(channel, name))
        {
            if (n.LastUpdateId <= snapshot.Id)
            {
                continue;
            }

            if (n.LastUpdateId > lastUpdateId)
            {
                break;
            }

            foreach (var (bid, price, size) in n.Levels!)
            {
                var side = bid ? bids : asks;
                if (decimal.Parse(size, CultureInfo.InvariantCulture) == 0)
                {
                    side.Remove(decimal.Parse(price, CultureInfo.InvariantCulture));
                }
                else
                {
                    side[decimal.Parse(price, CultureInfo.InvariantCulture)] = size;
                }
            }
        }

        var text = new StringBuilder("{\"id\":").Append(lastUpdateId).Append(",\"current\":1,\"update\":1,\"asks\":");
        WriteSide(text, asks.OrderBy(l => l.Key));
        text.Append(",\"bids\":");
        WriteSide(text, bids.OrderByDescending(l => l.Key));
        return text.Append('}').ToString();
    }

    private void WriteSide(StringBuilder text, IEnumerable<KeyValuePair<decimal, string>> levels)
    {
        text.Append('[');
        var first = true;
        foreach (var (price, size) in levels)
        {
            text.Append(first ? string.Empty : ",");
            first = false;
            var p = price.ToString(CultureInfo.InvariantCulture);
            text.Append(IsFutures ? $"{{\"s\":{size},\"p\":\"{p}\"}}" : $"[\"{p}\",\"{size}\"]");
        }

        text.Append(']');
    }

    private static string NameOf(JsonElement result)
    {
        foreach (var key in new[] { "s", "currency_pair", "contract" })
        {
            if (result.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString()!;
            }
        }

        var n = result.GetProperty("n").GetString()!; // candlesticks: "1m_BTC_USDT"
        return n[(n.IndexOf('_', StringComparison.Ordinal) + 1)..];
    }

    private static List<(bool Bid, string Price, string Size)> ReadLevels(JsonElement result)
    {
        var levels = new List<(bool, string, string)>();
        foreach (var (key, bid) in new[] { ("b", true), ("a", false) })
        {
            foreach (var level in result.GetProperty(key).EnumerateArray())
            {
                levels.Add(level.ValueKind == JsonValueKind.Array
                    ? (bid, level[0].GetString()!, level[1].GetString()!)
                    : (bid, level.GetProperty("p").GetString()!, level.GetProperty("s").GetRawText()));
            }
        }

        return levels;
    }

    private static Dictionary<decimal, string> ReadBook(JsonElement side)
    {
        var levels = new Dictionary<decimal, string>();
        foreach (var level in side.EnumerateArray())
        {
            var (price, size) = level.ValueKind == JsonValueKind.Array
                ? (level[0].GetString()!, level[1].GetString()!)
                : (level.GetProperty("p").GetString()!, level.GetProperty("s").GetRawText());
            levels[decimal.Parse(price, CultureInfo.InvariantCulture)] = size;
        }

        return levels;
    }

    /// <summary>One recorded notification.</summary>
    /// <param name="Json">The frame exactly as recorded.</param>
    /// <param name="FirstUpdateId">An order book update's <c>U</c>, else -1.</param>
    /// <param name="LastUpdateId">An order book update's <c>u</c>, else -1.</param>
    /// <param name="Levels">An order book update's levels (bid?, price, size), else null.</param>
    public sealed record Notification(string Json, long FirstUpdateId, long LastUpdateId, IReadOnlyList<(bool Bid, string Price, string Size)>? Levels);

    private sealed record Snapshot(long Id, Dictionary<decimal, string> Bids, Dictionary<decimal, string> Asks);
}
