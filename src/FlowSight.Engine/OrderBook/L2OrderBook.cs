using System.Runtime.CompilerServices;
using FlowSight.Core;

namespace FlowSight.Engine.OrderBook;

/// <summary>
/// A venue-agnostic price-level (L2) order book for one instrument, owned by one thread (the engine's, or a
/// venue synchronizer's): levels keyed by the raw fixed-point price at the book's precision, updated from
/// <see cref="BookDelta"/>s and <see cref="BookDeltas"/> batches, with the usual analysis on top.
/// </summary>
/// <remarks>
/// Each side keeps a tick-indexed ladder for the 16,384 price steps nearest the touch (the step is detected from the
/// prices: 0.10 on Binance BTCUSDT futures), so a level there is updated with one slot read, and an unrolled sorted
/// array — blocks of up to 64 (price, size) pairs — for the levels beyond it (see <see cref="L2BookSide"/>):
/// about 535 KB live for 5,000 levels on each side spread over 10,000 USDT, 275 KB when they all sit in the ladders
/// (measured in the tests and docs/benchmarks.md). Updating allocates nothing unless the level
/// count outgrows the capacity. Prices and sizes at another precision than the book's are rescaled exactly; one
/// that would lose a digit (or overflow) is rejected and counted in <see cref="RejectedDeltas"/>, never truncated.
/// Not thread-safe: readers on other threads must take a copy (<see cref="CopyLevels"/>) on the owning thread.
/// </remarks>
public sealed class L2OrderBook
{
    private static readonly long[] Pow10 =
    [
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L,
    ];

    // long.MaxValue / 10^d: the largest magnitude that scales up by d decimals without overflow.
    private static readonly long[] ScaleLimits = [.. Pow10.Select(p => long.MaxValue / p)];

    private readonly L2BookSide _bidSide;
    private readonly L2BookSide _askSide;

    // True between a snapshot's leading Clear and its last level when the snapshot arrives delta by delta (through
    // the engine's bus): levels are appended unordered and sorted once at the end, instead of each best-first level
    // being inserted below all the others. Any read or non-snapshot delta sorts first.
    private bool _loading;

    // Top first (see DeferRest): while set, only the best _exactBids / _exactAsks levels of a side are final; the rest
    // of a venue message is still to be applied, by this callback, which any other read or write runs first.
    private Action? _completeRest;
    private int _exactBids = int.MaxValue;
    private int _exactAsks = int.MaxValue;

    /// <summary>Creates an empty book whose levels use <paramref name="pricePrecision"/> and <paramref name="sizePrecision"/> decimals.</summary>
    /// <param name="instrument">The instrument the book is for.</param>
    /// <param name="pricePrecision">Decimals of the price keys (the instrument's tick precision), 0…9.</param>
    /// <param name="sizePrecision">Decimals of the sizes (the instrument's lot precision), 0…9.</param>
    /// <param name="capacity">Levels per side to pre-allocate; the book grows past it if needed.</param>
    public L2OrderBook(InstrumentId instrument, byte pricePrecision, byte sizePrecision, int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pricePrecision, Price.MaxPrecision);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sizePrecision, Quantity.MaxPrecision);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Instrument = instrument;
        PricePrecision = pricePrecision;
        SizePrecision = sizePrecision;
        _bidSide = new L2BookSide(negated: false, Math.Max(capacity, 1));
        _askSide = new L2BookSide(negated: true, Math.Max(capacity, 1));
    }

    /// <summary>The instrument.</summary>
    public InstrumentId Instrument { get; }

    /// <summary>Decimals of every price in the book.</summary>
    public byte PricePrecision { get; }

    /// <summary>Decimals of every size in the book.</summary>
    public byte SizePrecision { get; }

    /// <summary>The venue update id the book reflects (the last applied batch's <see cref="BookDeltas.LastUpdateId"/>, or as set).</summary>
    public long LastUpdateId { get; set; }

    /// <summary>The venue event time of the last applied batch, Unix nanoseconds.</summary>
    public long LastEventTime { get; set; }

    /// <summary>Number of bid levels.</summary>
    public int BidCount => Bids.Count;

    /// <summary>Number of ask levels.</summary>
    public int AskCount => Asks.Count;

    /// <summary>True when neither side has a level.</summary>
    public bool IsEmpty => Bids.Count == 0 && Asks.Count == 0;

    /// <summary>True when both sides have levels and the best bid is at or above the best ask, which a consistent book never is.</summary>
    public bool IsCrossed
    {
        get
        {
            var bids = Top(OrderSide.Buy, 1);
            var asks = Top(OrderSide.Sell, 1);
            return bids.Count > 0 && asks.Count > 0 && bids.BestPrice >= asks.BestPrice;
        }
    }

    /// <summary>True while part of a venue message is still to be applied (see <see cref="DeferRest"/>).</summary>
    public bool HasDeferredRest => _completeRest is not null;

    /// <summary>
    /// Top first: the caller has applied the part of a venue message that can change the best
    /// <paramref name="exactBidLevels"/> bids and <paramref name="exactAskLevels"/> asks (<see cref="int.MaxValue"/>:
    /// the whole side), and <paramref name="completeRest"/> applies the rest. Until then, reads within those levels
    /// (best bid/ask, spread, mid, microprice, <see cref="GetLevel"/>, copies and imbalance no deeper) see the final
    /// book and do not wait; any other read or write, and <see cref="CompleteRest"/>, runs
    /// <paramref name="completeRest"/> first, so nothing ever sees a level the message has not finished with.
    /// </summary>
    public void DeferRest(int exactBidLevels, int exactAskLevels, Action completeRest)
    {
        ArgumentNullException.ThrowIfNull(completeRest);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exactBidLevels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exactAskLevels);
        CompleteRest();
        if (_loading)
        {
            EndLoading();
        }

        _exactBids = exactBidLevels;
        _exactAsks = exactAskLevels;
        _completeRest = completeRest;
    }

    /// <summary>Applies the rest deferred by <see cref="DeferRest"/> now, if any.</summary>
    public void CompleteRest()
    {
        if (_completeRest is { } complete)
        {
            _completeRest = null;
            _exactBids = int.MaxValue;
            _exactAsks = int.MaxValue;
            complete();
        }
    }

    /// <summary>Deltas refused since creation because their price or size could not be represented exactly, or a size was negative.</summary>
    public long RejectedDeltas { get; private set; }

    /// <summary>Removes every level (keeps <see cref="LastUpdateId"/>).</summary>
    public void Clear()
    {
        CompleteRest();
        _loading = false;
        _bidSide.Clear();
        _askSide.Clear();
    }

    /// <summary>Applies one delta. Returns false, leaving the book unchanged, when the delta cannot be represented at the book's precision.</summary>
    public bool Apply(in BookDelta delta)
    {
        bool snapshot = (delta.Flags & BookDeltaFlags.Snapshot) != 0;
        if (_loading && !(snapshot && delta.Action == BookAction.Set))
        {
            EndLoading();
        }

        switch (delta.Action)
        {
            case BookAction.Clear:
                Clear();
                _loading = snapshot && !delta.IsLast;
                return true;
            case BookAction.Set when _loading:
                bool appended = Append(delta);
                if (delta.IsLast)
                {
                    EndLoading();
                }

                return appended;
            case BookAction.Set:
                return Set(delta.Side, delta.Price, delta.Size);
            case BookAction.Delete:
                return Delete(delta.Side, delta.Price);
            default:
                RejectedDeltas++;
                return false;
        }
    }

    /// <summary>
    /// Applies a whole venue message. A snapshot (<see cref="BookDeltas.IsSnapshot"/>) replaces the book. Sets
    /// <see cref="LastUpdateId"/> and <see cref="LastEventTime"/> from the batch. Returns false when any delta was
    /// rejected (the others are applied): the book may then differ from the venue's and should be resynchronised.
    /// </summary>
    public bool Apply(BookDeltas batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        CompleteRest();
        bool ok = batch.IsSnapshot ? LoadSnapshot(batch.Deltas) : ApplyAll(batch.Deltas);
        LastUpdateId = batch.LastUpdateId;
        LastEventTime = batch.EventTime;
        return ok;
    }

    /// <summary>Sets the level at <paramref name="price"/> on <paramref name="side"/> to <paramref name="size"/> (0 removes it).</summary>
    public bool Set(OrderSide side, Price price, Quantity size)
    {
        if (!TryToRaw(price.Raw, price.Precision, PricePrecision, out long priceRaw)
            || !TryToRaw(size.Raw, size.Precision, SizePrecision, out long sizeRaw)
            || sizeRaw < 0)
        {
            RejectedDeltas++;
            return false;
        }

        SideOf(side).Set(priceRaw, sizeRaw);
        return true;
    }

    /// <summary>Removes the level at <paramref name="price"/> on <paramref name="side"/>; a missing level is not an error (venues send those).</summary>
    public bool Delete(OrderSide side, Price price)
    {
        if (!TryToRaw(price.Raw, price.Precision, PricePrecision, out long priceRaw))
        {
            RejectedDeltas++;
            return false;
        }

        SideOf(side).Delete(priceRaw);
        return true;
    }

    /// <summary>
    /// Applies one level of a diff given as raw fixed-point values: a size of 0 removes the level. The same result as
    /// <see cref="Apply(in BookDelta)"/> with a Set or Delete delta, for a parser that writes levels straight into
    /// the book instead of building <see cref="BookDelta"/>s (the usual level, at the book's precisions, is one
    /// slot write). Returns false, leaving the book unchanged, when the level cannot be represented exactly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ApplyLevel(OrderSide side, long priceRaw, byte pricePrecision, long sizeRaw, byte sizePrecision)
    {
        if (pricePrecision == PricePrecision && sizePrecision == SizePrecision && sizeRaw >= 0 && !_loading && _completeRest is null)
        {
            (side == OrderSide.Buy ? _bidSide : _askSide).Set(priceRaw, sizeRaw);
            return true;
        }

        return ApplyLevelSlow(side, priceRaw, pricePrecision, sizeRaw, sizePrecision);
    }

    /// <summary>
    /// A writer for one side of a diff whose levels a parser applies one by one (<see cref="ApplyLevel"/> with the
    /// side and the book's precisions looked up once per side rather than once per level).
    /// </summary>
    public LevelWriter GetLevelWriter(OrderSide side)
    {
        CompleteRest();
        return new(this, side);
    }

    /// <summary>Applies levels of one side; see <see cref="GetLevelWriter"/>. Valid until the book is next used another way.</summary>
    public readonly struct LevelWriter
    {
        private readonly L2OrderBook _book;
        private readonly L2BookSide _side;
        private readonly OrderSide _orderSide;
        private readonly byte _pricePrecision;
        private readonly byte _sizePrecision;
        private readonly bool _direct;

        internal LevelWriter(L2OrderBook book, OrderSide side)
        {
            _book = book;
            _orderSide = side;
            _side = side == OrderSide.Buy ? book._bidSide : book._askSide;
            _pricePrecision = book.PricePrecision;
            _sizePrecision = book.SizePrecision;
            _direct = !book._loading;
        }

        /// <summary>The side this writer applies to.</summary>
        public OrderSide Side => _orderSide;

        /// <summary><see cref="ApplyLevel"/> on this writer's side.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Apply(long priceRaw, byte pricePrecision, long sizeRaw, byte sizePrecision)
        {
            // A book that was loading a snapshot takes the slow path, which ends the load.
            if (pricePrecision == _pricePrecision && sizePrecision == _sizePrecision && sizeRaw >= 0 && _direct)
            {
                _side.Set(priceRaw, sizeRaw);
                return true;
            }

            return _book.ApplyLevelSlow(_orderSide, priceRaw, pricePrecision, sizeRaw, sizePrecision);
        }

        /// <summary>
        /// <see cref="Apply"/> for venues that trim trailing zeros (OKX's <c>"0.16"</c> in a book of 8 size decimals):
        /// values at the book's precisions or coarser are scaled up inline, as <see cref="L2OrderBook.Apply(BookDeltas)"/>
        /// does; anything else takes the same slow path. The same result as <see cref="Apply"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool ApplyCoarse(long priceRaw, byte pricePrecision, long sizeRaw, byte sizePrecision)
        {
            if (_direct && TryScaleUp(priceRaw, pricePrecision, _pricePrecision, out var price)
                && TryScaleUp(sizeRaw, sizePrecision, _sizePrecision, out var size) && size >= 0)
            {
                _side.Set(price, size);
                return true;
            }

            return _book.ApplyLevelSlow(_orderSide, priceRaw, pricePrecision, sizeRaw, sizePrecision);
        }
    }

    // ---- reading levels ----

    /// <summary>The best (highest) bid, if any.</summary>
    public bool TryGetBestBid(out BookLevel level) => TryGetBest(Top(OrderSide.Buy, 1), out level);

    /// <summary>The best (lowest) ask, if any.</summary>
    public bool TryGetBestAsk(out BookLevel level) => TryGetBest(Top(OrderSide.Sell, 1), out level);

    /// <summary>Number of levels on <paramref name="side"/>.</summary>
    public int Count(OrderSide side) => SideOf(side).Count;

    /// <summary>The level <paramref name="depth"/> away from the touch on <paramref name="side"/> (0 = best).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> is not below the side's level count.</exception>
    public BookLevel GetLevel(OrderSide side, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        var book = Top(side, depth + 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(depth, book.Count);
        return new BookLevel(Price.FromRaw(book.PriceAt(depth), PricePrecision), Quantity.FromRaw(book.SizeAt(depth), SizePrecision));
    }

    /// <summary>The size resting at <paramref name="price"/> on <paramref name="side"/>; false when there is no such level.</summary>
    public bool TryGetSize(OrderSide side, Price price, out Quantity size)
    {
        long raw = 0;
        bool found = TryToRaw(price.Raw, price.Precision, PricePrecision, out long priceRaw) && (raw = SideOf(side).SizeAtPrice(priceRaw)) != 0;
        size = Quantity.FromRaw(raw, SizePrecision);
        return found;
    }

    /// <summary>Copies up to <c>destination.Length</c> levels of <paramref name="side"/>, best first; returns how many.</summary>
    public int CopyLevels(OrderSide side, Span<BookLevel> destination)
    {
        var cursor = Top(side, destination.Length).FromBest();
        int n = 0;
        while (n < destination.Length && cursor.Next(out long price, out long size))
        {
            destination[n++] = new BookLevel(Price.FromRaw(price, PricePrecision), Quantity.FromRaw(size, SizePrecision));
        }

        return n;
    }

    /// <summary>
    /// Copies up to <c>min(prices.Length, sizes.Length)</c> levels of <paramref name="side"/>, best first, as raw
    /// values at <see cref="PricePrecision"/> and <see cref="SizePrecision"/>; returns how many. For readers that hash
    /// or compare the top of the book on every update (OKX's checksum), without building <see cref="BookLevel"/>s.
    /// </summary>
    public int CopyRawLevels(OrderSide side, Span<long> prices, Span<long> sizes) =>
        Top(side, Math.Min(prices.Length, sizes.Length)).CopyFromBest(prices, sizes);

    // ---- analysis ----

    /// <summary>Best ask − best bid, when both sides have a level.</summary>
    public bool TryGetSpread(out Price spread)
    {
        var bids = Top(OrderSide.Buy, 1);
        var asks = Top(OrderSide.Sell, 1);
        if (bids.Count == 0 || asks.Count == 0)
        {
            spread = Price.Zero(PricePrecision);
            return false;
        }

        spread = Price.FromRaw(checked(asks.BestPrice - bids.BestPrice), PricePrecision);
        return true;
    }

    /// <summary>
    /// (best bid + best ask) / 2, exact: one decimal more than the book's prices (61800.1 and 61800.2 give 61800.15);
    /// at the maximum precision it is rounded half to even instead.
    /// </summary>
    public bool TryGetMid(out Price mid)
    {
        var bids = Top(OrderSide.Buy, 1);
        var asks = Top(OrderSide.Sell, 1);
        if (bids.Count == 0 || asks.Count == 0)
        {
            mid = Price.Zero(PricePrecision);
            return false;
        }

        Int128 sum = (Int128)bids.BestPrice + asks.BestPrice;
        mid = PricePrecision < Price.MaxPrecision
            ? Price.FromRaw(checked((long)(sum * 5)), (byte)(PricePrecision + 1))
            : Price.FromRaw((long)HalfToEven(sum), PricePrecision);
        return true;
    }

    /// <summary>
    /// The size-weighted mid, (bid × askSize + ask × bidSize) / (bidSize + askSize): it leans towards the side
    /// with less size, where the next trade is likelier. An analytic value (double): never price orders with it.
    /// </summary>
    public bool TryGetMicroprice(out double microprice)
    {
        var bids = Top(OrderSide.Buy, 1);
        var asks = Top(OrderSide.Sell, 1);
        if (bids.Count == 0 || asks.Count == 0)
        {
            microprice = 0;
            return false;
        }

        double scale = Math.Pow(10, PricePrecision);
        double bid = bids.BestPrice / scale;
        double ask = asks.BestPrice / scale;
        double bidSize = bids.BestSize;
        double askSize = asks.BestSize;
        microprice = ((bid * askSize) + (ask * bidSize)) / (bidSize + askSize);
        return true;
    }

    /// <summary>
    /// Order-book imbalance over the best <paramref name="levels"/> levels of each side: (bidSize − askSize) /
    /// (bidSize + askSize), from −1 (all asks) to +1 (all bids). False when both sides are empty.
    /// </summary>
    public bool TryGetImbalance(int levels, out double imbalance)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(levels);
        Int128 bid = SumSizes(Top(OrderSide.Buy, levels), levels);
        Int128 ask = SumSizes(Top(OrderSide.Sell, levels), levels);
        Int128 total = bid + ask;
        imbalance = total == 0 ? 0 : (double)(bid - ask) / (double)total;
        return total != 0;
    }

    /// <summary>
    /// The size and notional resting within <paramref name="basisPoints"/> of the mid on each side: bids priced at or
    /// above mid × (1 − bps/10,000), asks at or below mid × (1 + bps/10,000). The band is exact (integer arithmetic)
    /// to a resolution of 0.0001 bps. False when either side is empty (no mid).
    /// </summary>
    public bool TryGetDepthWithin(decimal basisPoints, out BookDepth depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(basisPoints);
        if (Bids.Count == 0 || Asks.Count == 0)
        {
            depth = new BookDepth(Quantity.Zero(SizePrecision), Quantity.Zero(SizePrecision), 0m, 0m, 0, 0);
            return false;
        }

        // p is within the band when |2p − 2mid| × 10^8 ≤ bps × 10^4 × |2mid|, with 2mid = bestBid + bestAsk.
        Int128 mid2 = (Int128)Bids.BestPrice + Asks.BestPrice;
        Int128 limit = (Int128)decimal.ToInt64(decimal.Truncate(basisPoints * 10_000m)) * Int128.Abs(mid2);
        var bids = SumWithin(Bids, mid2, limit, bidSide: true);
        var asks = SumWithin(Asks, mid2, limit, bidSide: false);
        depth = new BookDepth(
            Quantity.FromRaw(checked((long)bids.Size), SizePrecision),
            Quantity.FromRaw(checked((long)asks.Size), SizePrecision),
            ToDecimal(bids.Notional, PricePrecision + SizePrecision),
            ToDecimal(asks.Notional, PricePrecision + SizePrecision),
            bids.Levels,
            asks.Levels);
        return true;
    }

    /// <summary>
    /// Walks the side an aggressive order of <paramref name="size"/> would take from (a buy takes the asks, a sell
    /// the bids) and reports the volume-weighted average price and whether the book can fill it all.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="size"/> has more decimals than the book's sizes, or is negative.</exception>
    public FillEstimate EstimateFill(OrderSide takerSide, Quantity size)
    {
        if (!TryToRaw(size.Raw, size.Precision, SizePrecision, out long wanted) || wanted < 0)
        {
            throw new ArgumentException($"The size {size} cannot be expressed with {SizePrecision} decimals.", nameof(size));
        }

        var book = takerSide == OrderSide.Buy ? Asks : Bids;
        long remaining = wanted;
        Int128 notional = 0;
        long worst = 0;
        int levels = 0;
        var cursor = book.FromBest();
        while (remaining > 0 && cursor.Next(out long price, out long available))
        {
            long take = Math.Min(remaining, available);
            notional += (Int128)price * take;
            remaining -= take;
            worst = price;
            levels++;
        }

        long filled = wanted - remaining;
        int scale = PricePrecision + SizePrecision;
        decimal total = ToDecimal(notional, scale);
        decimal average = filled == 0 ? 0m : total / FixedPointToDecimal(filled, SizePrecision);
        return new FillEstimate(
            Quantity.FromRaw(wanted, SizePrecision),
            Quantity.FromRaw(filled, SizePrecision),
            total,
            average,
            Price.FromRaw(worst, PricePrecision),
            levels);
    }

    /// <summary>
    /// Groups the levels of <paramref name="side"/> into buckets of width <paramref name="step"/> (seed 000's
    /// <c>price_precision</c>, e.g. 10 USDT), best first, into <paramref name="destination"/>; returns how many
    /// buckets were written. Bids round down and asks round up to the step, so aggregated sides never overlap.
    /// Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="step"/> is not positive or is finer than the book's price precision.</exception>
    public int Aggregate(OrderSide side, Price step, Span<BookLevel> destination)
    {
        if (!TryToRaw(step.Raw, step.Precision, PricePrecision, out long stepRaw) || stepRaw <= 0)
        {
            throw new ArgumentException($"The step {step} must be positive and expressible with {PricePrecision} decimals.", nameof(step));
        }

        var cursor = SideOf(side).FromBest();
        bool bids = side == OrderSide.Buy;
        int written = 0;
        long bucket = 0;
        long bucketSize = 0;
        while (cursor.Next(out long price, out long size))
        {
            long key = bids ? FloorToStep(price, stepRaw) : CeilingToStep(price, stepRaw);
            if (bucketSize != 0 && key == bucket)
            {
                bucketSize = checked(bucketSize + size);
                continue;
            }

            if (bucketSize != 0)
            {
                if (written == destination.Length)
                {
                    return written;
                }

                destination[written++] = new BookLevel(Price.FromRaw(bucket, PricePrecision), Quantity.FromRaw(bucketSize, SizePrecision));
            }

            bucket = key;
            bucketSize = size;
        }

        if (bucketSize != 0 && written < destination.Length)
        {
            destination[written++] = new BookLevel(Price.FromRaw(bucket, PricePrecision), Quantity.FromRaw(bucketSize, SizePrecision));
        }

        return written;
    }

    /// <summary>Capacity (levels) currently allocated per side; for diagnostics and memory tests.</summary>
    public int Capacity(OrderSide side) => SideOf(side).Capacity;

    // ---- internals ----

    private L2BookSide Bids
    {
        get
        {
            CompleteRest();
            if (_loading)
            {
                EndLoading();
            }

            return _bidSide;
        }
    }

    private L2BookSide Asks
    {
        get
        {
            CompleteRest();
            if (_loading)
            {
                EndLoading();
            }

            return _askSide;
        }
    }

    /// <summary>A side for a read of its best <paramref name="levels"/> levels: the rest of a message is applied first only when they reach past the exact ones.</summary>
    private L2BookSide Top(OrderSide side, int levels)
    {
        if (_completeRest is not null && levels > (side == OrderSide.Buy ? _exactBids : _exactAsks))
        {
            CompleteRest();
        }

        if (_loading)
        {
            EndLoading();
        }

        return side == OrderSide.Buy ? _bidSide : _askSide;
    }

    private L2BookSide SideOf(OrderSide side) => side == OrderSide.Buy ? Bids : Asks;

    private void EndLoading()
    {
        _loading = false;
        _bidSide.FinishBulk();
        _askSide.FinishBulk();
    }

    /// <summary>Appends a snapshot level unordered (see <see cref="_loading"/>).</summary>
    private bool Append(in BookDelta delta)
    {
        if (!TryToRaw(delta.Price.Raw, delta.Price.Precision, PricePrecision, out long price)
            || !TryToRaw(delta.Size.Raw, delta.Size.Precision, SizePrecision, out long size)
            || size < 0)
        {
            RejectedDeltas++;
            return false;
        }

        if (size != 0)
        {
            (delta.Side == OrderSide.Buy ? _bidSide : _askSide).AppendUnordered(price, size);
        }

        return true;
    }

    /// <summary>Everything <see cref="ApplyLevel"/> does not do inline: other precisions, negative sizes, a snapshot still loading.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool ApplyLevelSlow(OrderSide side, long priceRaw, byte pricePrecision, long sizeRaw, byte sizePrecision)
    {
        if (_loading)
        {
            EndLoading();
        }

        if (pricePrecision > Price.MaxPrecision || sizePrecision > Quantity.MaxPrecision || sizeRaw < 0)
        {
            RejectedDeltas++;
            return false;
        }

        return sizeRaw == 0
            ? Delete(side, Price.FromRaw(priceRaw, pricePrecision))
            : Set(side, Price.FromRaw(priceRaw, pricePrecision), Quantity.FromRaw(sizeRaw, sizePrecision));
    }

    private bool ApplyAll(ReadOnlySpan<BookDelta> deltas)
    {
        bool ok = true;
        var bids = _bidSide;
        var asks = _askSide;
        byte pricePrecision = PricePrecision;
        byte sizePrecision = SizePrecision;
        for (int i = 0; i < deltas.Length; i++)
        {
            ref readonly BookDelta delta = ref deltas[i];

            // The usual diff level: straight to its side (what Apply would do, minus the checks). Venues that trim
            // trailing zeros (OKX's "0.16" in a book of 8 size decimals) send coarser precisions: scaled up here,
            // without TryToRaw's overflow division.
            if ((delta.Flags & BookDeltaFlags.Snapshot) == 0 && !_loading
                && TryScaleUp(delta.Price.Raw, delta.Price.Precision, pricePrecision, out long price))
            {
                if (delta.Action == BookAction.Set && TryScaleUp(delta.Size.Raw, delta.Size.Precision, sizePrecision, out long size) && size >= 0)
                {
                    (delta.Side == OrderSide.Buy ? bids : asks).Set(price, size);
                    continue;
                }

                // A delete is a set to 0, which removes the level the same way without Delete's two divisions.
                if (delta.Action == BookAction.Delete)
                {
                    (delta.Side == OrderSide.Buy ? bids : asks).Set(price, 0);
                    continue;
                }
            }

            ok &= Apply(delta);
        }

        return ok;
    }

    private bool LoadSnapshot(ReadOnlySpan<BookDelta> deltas)
    {
        Clear();
        bool ok = true;
        for (int i = 0; i < deltas.Length; i++)
        {
            // A snapshot lists levels: a clear is implied and a delete has nothing to remove.
            if (deltas[i].Action == BookAction.Set)
            {
                ok &= Append(deltas[i]);
            }
        }

        EndLoading();
        return ok;
    }

    private static bool TryGetBest(L2BookSide book, byte pricePrecision, byte sizePrecision, out BookLevel level)
    {
        if (book.Count == 0)
        {
            level = default;
            return false;
        }

        level = new BookLevel(Price.FromRaw(book.BestPrice, pricePrecision), Quantity.FromRaw(book.BestSize, sizePrecision));
        return true;
    }

    private bool TryGetBest(L2BookSide book, out BookLevel level) => TryGetBest(book, PricePrecision, SizePrecision, out level);

    private static Int128 SumSizes(L2BookSide book, int levels)
    {
        Int128 sum = 0;
        var cursor = book.FromBest();
        for (int i = 0; i < levels && cursor.Next(out _, out long size); i++)
        {
            sum += size;
        }

        return sum;
    }

    private static (Int128 Size, Int128 Notional, int Levels) SumWithin(L2BookSide book, Int128 mid2, Int128 limit, bool bidSide)
    {
        Int128 size = 0;
        Int128 notional = 0;
        int levels = 0;
        var cursor = book.FromBest();
        while (cursor.Next(out long price, out long levelSize))
        {
            Int128 distance = bidSide ? mid2 - (2 * (Int128)price) : (2 * (Int128)price) - mid2;
            if (distance * 100_000_000 > limit)
            {
                break; // levels only get further from the mid
            }

            size += levelSize;
            notional += (Int128)price * levelSize;
            levels++;
        }

        return (size, notional, levels);
    }

    /// <summary><see cref="TryToRaw"/> for the exact case and a scale-up that cannot overflow; false for everything else.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryScaleUp(long raw, byte from, byte to, out long result)
    {
        result = raw;
        if (from == to)
        {
            return true;
        }

        uint scale = (uint)(to - from);
        if (scale < (uint)ScaleLimits.Length && raw <= ScaleLimits[scale] && raw >= -ScaleLimits[scale])
        {
            result = raw * Pow10[scale];
            return true;
        }

        return false;
    }

    private static bool TryToRaw(long raw, byte from, byte to, out long result)
    {
        if (from == to)
        {
            result = raw;
            return true;
        }

        if (from < to)
        {
            long factor = Pow10[to - from];
            long scaled = raw * factor;
            if (raw != 0 && scaled / factor != raw)
            {
                result = 0;
                return false; // overflow
            }

            result = scaled;
            return true;
        }

        long divisor = Pow10[from - to];
        result = Math.DivRem(raw, divisor, out long remainder);
        return remainder == 0;
    }

    private static long FloorToStep(long price, long step)
    {
        long q = Math.DivRem(price, step, out long r);
        if (r < 0)
        {
            q--;
        }

        return q * step;
    }

    private static long CeilingToStep(long price, long step)
    {
        long q = Math.DivRem(price, step, out long r);
        if (r > 0)
        {
            q++;
        }

        return q * step;
    }

    private static Int128 HalfToEven(Int128 sum)
    {
        Int128 half = sum / 2;
        Int128 rest = sum - (half * 2);
        if (rest != 0 && (half & 1) != 0)
        {
            half += Int128.Sign(sum);
        }

        return half;
    }

    private static decimal FixedPointToDecimal(long raw, byte precision) => ToDecimal(raw, precision);

    /// <summary>An exact decimal from a raw Int128 at <paramref name="scale"/> decimals (≤ 18).</summary>
    /// <exception cref="OverflowException">The value needs more than 96 bits.</exception>
    private static decimal ToDecimal(Int128 raw, int scale)
    {
        bool negative = raw < 0;
        UInt128 magnitude = (UInt128)(negative ? -raw : raw);
        if (magnitude >> 96 != 0)
        {
            throw new OverflowException("The notional exceeds the decimal range.");
        }

        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, (byte)scale);
    }
}
