using System.Text.Json;
using FlowSight.Core;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Binance.Streams;

/// <summary>A test client's book kept from Binance depth messages exactly as the docs describe, checking the chain.</summary>
internal sealed class LocalBook
{
    private readonly SortedDictionary<decimal, decimal> _bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, decimal> _asks = [];

    public long LastUpdateId { get; private set; } = -1;

    public int Applied { get; private set; }

    public void Load(long updateId, IEnumerable<BookLevel> bids, IEnumerable<BookLevel> asks)
    {
        _bids.Clear();
        _asks.Clear();
        foreach (var level in bids)
        {
            _bids[level.Price.ToDecimal()] = level.Size.ToDecimal();
        }

        foreach (var level in asks)
        {
            _asks[level.Price.ToDecimal()] = level.Size.ToDecimal();
        }

        LastUpdateId = updateId;
    }

    /// <summary>Applies a diff; returns false (and leaves the book) when it is older than the book. Throws on a broken chain.</summary>
    public bool Apply(JsonElement diff, bool futures)
    {
        var first = diff.GetProperty("U").GetInt64();
        var last = diff.GetProperty("u").GetInt64();
        if (futures ? last < LastUpdateId : last <= LastUpdateId)
        {
            return false;
        }

        if (Applied == 0)
        {
            // The documented first-event rules: USDⓈ-M U <= lastUpdateId <= u; spot U <= lastUpdateId + 1 <= u.
            var bridge = futures ? LastUpdateId : LastUpdateId + 1;
            Assert.True(first <= bridge && last >= bridge, $"the first diff {first}..{last} does not straddle the snapshot {LastUpdateId}");
        }
        else if (futures)
        {
            Assert.Equal(LastUpdateId, diff.GetProperty("pu").GetInt64());
        }
        else
        {
            Assert.Equal(LastUpdateId + 1, first);
        }

        Set(_bids, diff.GetProperty(futures ? "b" : "b"));
        Set(_asks, diff.GetProperty("a"));
        LastUpdateId = last;
        Applied++;
        return true;
    }

    public void AssertEquals(BookLevel[] bids, BookLevel[] asks)
    {
        Assert.Equal(bids.Select(l => (l.Price.ToDecimal(), l.Size.ToDecimal())), _bids.Select(p => (p.Key, p.Value)));
        Assert.Equal(asks.Select(l => (l.Price.ToDecimal(), l.Size.ToDecimal())), _asks.Select(p => (p.Key, p.Value)));
    }

    private static void Set(SortedDictionary<decimal, decimal> side, JsonElement levels)
    {
        foreach (var level in levels.EnumerateArray())
        {
            var price = decimal.Parse(level[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var size = decimal.Parse(level[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            if (size == 0)
            {
                side.Remove(price);
            }
            else
            {
                side[price] = size;
            }
        }
    }
}
