using System.Globalization;
using System.Text;

namespace FlowSight.Benchmarks.Okx;

/// <summary>
/// A seeded OKX <c>books</c> stream for one spot instrument, shaped like the recorded BTC-USDT one: a 400-level
/// snapshot a side (tick 0.1 around 30,000, sizes with up to 8 decimals) and updates of 1–50 levels (mean ~25), most
/// near the touch, some deleting, with <c>seqId</c>/<c>prevSeqId</c> chained and OKX's CRC32 over the top 25 levels.
/// The checksum is computed here from the texts sent, by a plain bitwise CRC32, independently of the code measured.
/// </summary>
public sealed class OkxSyntheticBooksStream
{
    private const int SnapshotLevels = 400;
    private const long FirstAsk = 300_000; // ticks of 0.1
    private const long FirstBid = FirstAsk - 1;

    private readonly SortedDictionary<long, long> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, long> _asks = [];
    private readonly Random _random;
    private readonly string _instId;
    private long _seqId;
    private long _ts = 1_700_000_000_000;

    /// <summary>Creates the stream for <paramref name="instId"/>.</summary>
    public OkxSyntheticBooksStream(string instId, int seed)
    {
        _instId = instId;
        _random = new Random(seed);
        _seqId = 10_000 + _random.Next(1000);
        for (long i = 0, placed = 0; placed < SnapshotLevels; i++)
        {
            if (_random.Next(10) < 7)
            {
                _bids[FirstBid - i] = Size();
                placed++;
            }
        }

        for (long i = 0, placed = 0; placed < SnapshotLevels; i++)
        {
            if (_random.Next(10) < 7)
            {
                _asks[FirstAsk + i] = Size();
                placed++;
            }
        }
    }

    /// <summary>The current state as a snapshot push.</summary>
    public byte[] Snapshot() => Message("snapshot", [.. _bids], [.. _asks], -1);

    /// <summary>Changes 1–50 levels and returns the update push.</summary>
    public byte[] NextUpdate()
    {
        var bids = new SortedDictionary<long, long>(_bids.Comparer);
        var asks = new SortedDictionary<long, long>();
        var changes = 1 + (int)(Math.Pow(_random.NextDouble(), 1.6) * 50);
        for (var i = 0; i < changes; i++)
        {
            var bid = _random.Next(2) == 0;
            var side = bid ? _bids : _asks;
            // Most changes near the touch: distance in ticks skewed towards 0, up to ~600 ticks out.
            var distance = (long)(Math.Pow(_random.NextDouble(), 2.5) * 600);
            var tick = bid ? FirstBid - distance : FirstAsk + distance;
            long size;
            if (side.ContainsKey(tick) && side.Count > 300 && _random.Next(3) == 0)
            {
                side.Remove(tick);
                size = 0;
            }
            else
            {
                size = Size();
                side[tick] = size;
            }

            (bid ? bids : asks)[tick] = size;
        }

        var prev = _seqId;
        _seqId += 1 + _random.Next(3);
        return Message("update", [.. bids], [.. asks], prev);
    }

    private byte[] Message(string action, KeyValuePair<long, long>[] bids, KeyValuePair<long, long>[] asks, long prevSeqId)
    {
        _ts += _random.Next(1, 100);
        var json = new StringBuilder(256 + ((bids.Length + asks.Length) * 40));
        json.Append("{\"arg\":{\"channel\":\"books\",\"instId\":\"").Append(_instId).Append("\"},\"action\":\"").Append(action).Append("\",\"data\":[{\"asks\":[");
        Levels(json, asks);
        json.Append("],\"bids\":[");
        Levels(json, bids);
        json.Append(CultureInfo.InvariantCulture, $"],\"ts\":\"{_ts}\",\"checksum\":{Checksum()},\"prevSeqId\":{prevSeqId},\"seqId\":{_seqId}}}]}}");
        return Encoding.ASCII.GetBytes(json.ToString());
    }

    private static void Levels(StringBuilder json, KeyValuePair<long, long>[] levels)
    {
        for (var i = 0; i < levels.Length; i++)
        {
            var (tick, size) = (levels[i].Key, levels[i].Value);
            json.Append(i == 0 ? "[\"" : ",[\"").Append(PriceText(tick)).Append("\",\"").Append(SizeText(size))
                .Append("\",\"0\",\"").Append(size == 0 ? "0" : "1").Append("\"]");
        }
    }

    private int Checksum()
    {
        var bids = _bids.Take(25).ToArray();
        var asks = _asks.Take(25).ToArray();
        var text = new StringBuilder();
        for (var i = 0; i < 25; i++)
        {
            if (i < bids.Length)
            {
                text.Append(PriceText(bids[i].Key)).Append(':').Append(SizeText(bids[i].Value)).Append(':');
            }

            if (i < asks.Length)
            {
                text.Append(PriceText(asks[i].Key)).Append(':').Append(SizeText(asks[i].Value)).Append(':');
            }
        }

        if (text.Length > 0)
        {
            text.Length--;
        }

        var crc = 0xFFFFFFFFu;
        foreach (var b in Encoding.ASCII.GetBytes(text.ToString()))
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return unchecked((int)~crc);
    }

    // Sizes in units of 1e-8 (0.00000001 … 5), some whole coins' worth of round lots as OKX shows them.
    private long Size() => _random.Next(4) switch
    {
        0 => _random.Next(1, 500_000_000),
        1 => _random.Next(1, 50_000) * 10_000L,
        2 => _random.Next(1, 5_000) * 100_000L,
        _ => _random.Next(1, 500) * 1_000_000L,
    };

    private static string PriceText(long tick) => (tick / 10m).ToString("0.#", CultureInfo.InvariantCulture);

    private static string SizeText(long size) => (size / 100_000_000m).ToString("0.########", CultureInfo.InvariantCulture);
}
