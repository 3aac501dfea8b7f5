using System.Globalization;
using System.Text;

namespace FlowSight.TestServers.Okx;

/// <summary>
/// A made-up OKX <c>books</c> feed for one instrument, with what the recording lacks: <c>seqId</c>/<c>prevSeqId</c>
/// chained as OKX does (gaps of 1–3 between ids), a correct CRC-32 checksum over the top 25 levels, snapshots of the
/// current state for every (re)subscription, <c>seqId == prevSeqId</c> heartbeats, and faults: a dropped update (a
/// gap) and a corrupted checksum. Prices sit on two fixed grids that never cross. Seeded; not thread-safe (the server
/// serialises it).
/// </summary>
public sealed class OkxSyntheticBook
{
    private const int GridLevels = 100;
    private const int MinLevels = 30;

    private readonly SortedDictionary<int, string> _bids = new(Comparer<int>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<int, string> _asks = [];
    private readonly Random _random;

    /// <summary>Creates the book for <paramref name="instId"/> with about 60 levels a side.</summary>
    public OkxSyntheticBook(string instId, int seed)
    {
        InstId = instId;
        _random = new Random(seed);
        SeqId = 1000 + _random.Next(1000);
        for (var i = 0; i < GridLevels; i++)
        {
            if (_random.Next(5) < 3 || i < 2)
            {
                _bids[BidTick(i)] = Size();
            }

            if (_random.Next(5) < 3 || i < 2)
            {
                _asks[AskTick(i)] = Size();
            }
        }
    }

    /// <summary>The instrument.</summary>
    public string InstId { get; }

    /// <summary>The last <c>seqId</c> issued (sent or dropped).</summary>
    public long SeqId { get; private set; }

    /// <summary>The bids, best first, as sent (price, size).</summary>
    public IReadOnlyList<(string Price, string Size)> Bids => [.. _bids.Select(l => (PriceText(l.Key), l.Value))];

    /// <summary>The asks, best first, as sent (price, size).</summary>
    public IReadOnlyList<(string Price, string Size)> Asks => [.. _asks.Select(l => (PriceText(l.Key), l.Value))];

    /// <summary>A full snapshot of the current state (what a new subscription receives).</summary>
    public string Snapshot(DateTimeOffset now) => Message("snapshot", Bids, Asks, -1, SeqId, Checksum(), now);

    /// <summary>Changes 1–3 levels and returns the update; <paramref name="corruptChecksum"/> sends a wrong checksum.</summary>
    public string NextUpdate(DateTimeOffset now, bool corruptChecksum = false)
    {
        var bids = new List<(string, string)>();
        var asks = new List<(string, string)>();
        var changes = 1 + _random.Next(3);
        for (var i = 0; i < changes; i++)
        {
            var bidSide = _random.Next(2) == 0;
            var side = bidSide ? _bids : _asks;
            var tick = bidSide ? BidTick(_random.Next(GridLevels / 2)) : AskTick(_random.Next(GridLevels / 2));
            string size;
            if (side.ContainsKey(tick) && side.Count > MinLevels && _random.Next(3) == 0)
            {
                side.Remove(tick);
                size = "0";
            }
            else
            {
                size = Size();
                side[tick] = size;
            }

            var list = bidSide ? bids : asks;
            list.RemoveAll(l => l.Item1 == PriceText(tick));
            list.Add((PriceText(tick), size));
        }

        var prev = SeqId;
        SeqId += 1 + _random.Next(3);
        var checksum = Checksum();
        return Message("update", bids, asks, prev, SeqId, corruptChecksum ? checksum ^ 0x5A5A : checksum, now);
    }

    /// <summary>OKX's "nothing changed" message: empty sides, <c>seqId == prevSeqId</c>.</summary>
    public string Heartbeat(DateTimeOffset now) => Message("update", [], [], SeqId, SeqId, Checksum(), now);

    /// <summary>The checksum of the current state.</summary>
    public int Checksum()
    {
        var text = new StringBuilder();
        var bids = Bids;
        var asks = Asks;
        for (var i = 0; i < 25; i++)
        {
            if (i < bids.Count)
            {
                text.Append(bids[i].Price).Append(':').Append(bids[i].Size).Append(':');
            }

            if (i < asks.Count)
            {
                text.Append(asks[i].Price).Append(':').Append(asks[i].Size).Append(':');
            }
        }

        if (text.Length > 0)
        {
            text.Length--;
        }

        return OkxCrc32.Compute(Encoding.ASCII.GetBytes(text.ToString()));
    }

    private string Message(string action, IReadOnlyList<(string Price, string Size)> bids, IReadOnlyList<(string Price, string Size)> asks, long prevSeqId, long seqId, int checksum, DateTimeOffset now)
    {
        var json = new StringBuilder(256 + ((bids.Count + asks.Count) * 32));
        json.Append("{\"arg\":{\"channel\":\"books\",\"instId\":\"").Append(InstId).Append("\"},\"action\":\"").Append(action).Append("\",\"data\":[{\"asks\":[");
        Levels(json, asks);
        json.Append("],\"bids\":[");
        Levels(json, bids);
        json.Append(CultureInfo.InvariantCulture, $"],\"ts\":\"{now.ToUnixTimeMilliseconds()}\",\"checksum\":{checksum},\"prevSeqId\":{prevSeqId},\"seqId\":{seqId}}}]}}");
        return json.ToString();
    }

    private static void Levels(StringBuilder json, IReadOnlyList<(string Price, string Size)> levels)
    {
        for (var i = 0; i < levels.Count; i++)
        {
            json.Append(i == 0 ? "[\"" : ",[\"").Append(levels[i].Price).Append("\",\"").Append(levels[i].Size).Append("\",\"0\",\"").Append(levels[i].Size == "0" ? '0' : '1').Append("\"]");
        }
    }

    // Bids 29999.9 down, asks 30000.0 up, in ticks of 0.1.
    private static int BidTick(int depth) => 299_999 - depth;

    private static int AskTick(int depth) => 300_000 + depth;

    private static string PriceText(int tick) => (tick / 10m).ToString("0.#", CultureInfo.InvariantCulture); // OKX writes no trailing zeros

    // Spot sizes are coins (3 decimals here); swaps and futures trade whole contracts (lotSz 1, as the recorded instruments list them).
    private string Size() => InstId.Count(c => c == '-') >= 2
        ? _random.Next(1, 500).ToString(CultureInfo.InvariantCulture)
        : (_random.Next(1, 50_000) / 1000m).ToString("0.###", CultureInfo.InvariantCulture);
}
