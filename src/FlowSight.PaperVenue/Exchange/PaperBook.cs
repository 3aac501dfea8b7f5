using FlowSight.Core;
using FlowSight.Engine.OrderBook;

namespace FlowSight.PaperVenue.Exchange;

/// <summary>
/// The public view of one instrument's book as the venue publishes it: the aggregated levels, an update id that
/// grows by one per level change (Binance's <c>lastUpdateId</c>/<c>U</c>/<c>u</c>, OKX's <c>seqId</c>), and a log of
/// recent changes from which each feed builds its diffs at its own pace. Exchange thread only.
/// </summary>
public sealed class PaperBook
{
    private readonly PaperLevelChangeEntry[] _log;
    private readonly int _mask;
    private readonly Dictionary<(OrderSide, long), int> _collected = [];

    /// <summary>Creates an empty book keeping the last <paramref name="logCapacity"/> changes (a power of two).</summary>
    public PaperBook(Instrument instrument, int logCapacity = 1 << 17)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (logCapacity <= 0 || (logCapacity & (logCapacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(logCapacity), logCapacity, "The change log's capacity must be a power of two.");
        }

        Instrument = instrument;
        Levels = new L2OrderBook(instrument.Id, instrument.PricePrecision, instrument.SizePrecision, 4096);
        _log = new PaperLevelChangeEntry[logCapacity];
        _mask = logCapacity - 1;
    }

    /// <summary>The instrument.</summary>
    public Instrument Instrument { get; }

    /// <summary>The aggregated levels now.</summary>
    public L2OrderBook Levels { get; }

    /// <summary>The id of the last level change (0 before the first).</summary>
    public long UpdateId { get; private set; }

    /// <summary>Exchange time of the last change, Unix nanoseconds.</summary>
    public long LastChangeTime { get; private set; }

    /// <summary>Records one level's new total (zero removes it).</summary>
    public void Apply(OrderSide side, Price price, Quantity total, long timestamp)
    {
        if (total.Raw == 0)
        {
            Levels.Delete(side, price);
        }
        else
        {
            Levels.Set(side, price, total);
        }

        UpdateId++;
        Levels.LastUpdateId = UpdateId;
        Levels.LastEventTime = timestamp;
        LastChangeTime = timestamp;
        _log[UpdateId & _mask] = new PaperLevelChangeEntry(UpdateId, side, price, total);
    }

    /// <summary>
    /// The levels changed after update <paramref name="afterUpdateId"/> up to <see cref="UpdateId"/>, each with its
    /// current size (last change wins), bids best first then asks best first. False when the log no longer reaches
    /// back that far (the feed must then resynchronise its clients, as a real venue's gap would make them).
    /// </summary>
    public bool TryCollectChanges(long afterUpdateId, List<PaperLevelChange> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Clear();
        if (afterUpdateId >= UpdateId)
        {
            return true;
        }

        if (UpdateId - afterUpdateId > _log.Length)
        {
            return false;
        }

        _collected.Clear();
        for (var id = afterUpdateId + 1; id <= UpdateId; id++)
        {
            ref readonly var entry = ref _log[id & _mask];
            var key = (entry.Side, entry.Price.Raw);
            var change = new PaperLevelChange(entry.Side, entry.Price, entry.Size);
            if (_collected.TryGetValue(key, out var at))
            {
                destination[at] = change;
            }
            else
            {
                _collected.Add(key, destination.Count);
                destination.Add(change);
            }
        }

        destination.Sort(static (a, b) => a.Side != b.Side
            ? a.Side == OrderSide.Buy ? -1 : 1
            : a.Side == OrderSide.Buy ? b.Price.Raw.CompareTo(a.Price.Raw) : a.Price.Raw.CompareTo(b.Price.Raw));
        return true;
    }

    private readonly record struct PaperLevelChangeEntry(long UpdateId, OrderSide Side, Price Price, Quantity Size);
}
