using FlowSight.Core;
using FlowSight.Engine.OrderBook;

namespace FlowSight.Venues.Binance.Parsing;

/// <summary>
/// Top first, on the fused path (<see cref="IBinanceDepthSink.TopFirstDepth"/> &gt; 0): a diff's levels that can change
/// the best N levels of each side go into the book first, the sink is told (<see cref="IBinanceDepthSink.OnTopApplied"/>),
/// and only then does the rest go in. Binance lists both sides by ascending price, so the best bids close the
/// <c>b</c> array and the best asks open the <c>a</c> array; a 1,000-level diff that moves the best bid has a handful
/// of levels near the touch.
/// </summary>
/// <remarks>
/// <para>Levels are rescaled to the book's decimals as they are read (exactly, or the frame goes the usual way).</para>
/// <para>Why it is exact. Bids are read from the array's end backwards while each is at or above the book's current
/// N-th best bid (recomputed after each level: a new level raises it, so a diff that moves the best bid up by 300
/// levels stops after the new best); the first one below it, and
/// everything before it in a sorted array, is below the N-th best and cannot change the best N whether it inserts,
/// updates or removes. Asks likewise from the array's start. The order is checked on every level read (strictly
/// falling bids read backwards, strictly rising asks); a level out of that order, in another layout or at other
/// decimals than the book's makes the whole frame go in the usual way, in the frame's order (re-applying a level
/// already set sets it to the same size, so the book ends up the same).</para>
/// <para>The rest is checked when it is applied: it must leave the best N of each side as they were shown. If it
/// does not (the venue broke its own order), the bid levels applied early are applied again after it, so the book is
/// exactly what the frame's order gives, and the diff is counted in <see cref="TopFirstReordered"/>: the sink then
/// saw a top that was not the frame's. Binance's recordings have none.</para>
/// </remarks>
public sealed partial class BinanceStreamParser
{
    private const int MaxTopFirstDepth = 256;

    private Action? _completeRest;
    private unsafe byte* _restFrame; // the frame, pinned while its rest is pending (inside Parse only)
    private int _restFrameLength;
    private L2OrderBook? _restBook;
    private int _restDepth;
    private int _restBidsOpen; // the b array's '['
    private int _restBidsCut; // the '[' of the lowest bid applied first (the deferred bids end just before it), or -1: none deferred
    private bool _restBidsWhole; // no bid was applied first: the whole array is deferred
    private int _restBidsEnd; // the b array's ']'
    private int _restAsksCut; // the '[' of the first deferred ask, or -1
    private int _restAsksEnd; // the position after the a array
    private string? _restError;
    private long[] _topPrices = [];
    private long[] _topSizes = [];
    private long[] _checkPrices = [];
    private long[] _checkSizes = [];
    private int _topBidCount;
    private int _topAskCount;

    /// <summary>Diffs applied top first (<see cref="IBinanceDepthSink.TopFirstDepth"/>).</summary>
    public long TopFirstDiffs { get; private set; }

    /// <summary>Levels applied before the sink was told, in the last diff applied top first (both sides).</summary>
    public int TopFirstLevels { get; private set; }

    /// <summary>Diffs the sink wanted top first that went in the frame's order instead (a level out of order or in another layout).</summary>
    public long TopFirstFallbacks { get; private set; }

    /// <summary>Diffs whose levels after the top changed the top shown to the sink (the frame broke the venue's order); the book was repaired.</summary>
    public long TopFirstReordered { get; private set; }

    /// <summary>
    /// Both level arrays of a diff the sink takes top first, from the <c>b</c> array's <c>[</c>: true once both are
    /// in the book and the scanner stands after the <c>a</c> array; false (nothing consumed: the scanner is back at the
    /// <c>[</c>) when the frame must go in its own order.
    /// </summary>
    private unsafe bool TryApplyTopFirst(ref JsonScanner s, L2OrderBook book, IBinanceDepthSink sink, int depth)
    {
        var buffer = s.Buffer;
        var open = s.Position;
        if (open + 2 >= buffer.Length || buffer[open] != (byte)'[' || buffer[open + 1] is not ((byte)'[' or (byte)']'))
        {
            return false; // another layout: the usual reader
        }

        // Levels are arrays of quoted numbers, so the first "]]" closes the last bid and the array.
        var close = buffer[open + 1] == (byte)']' ? 0 : buffer[open..].IndexOf("]]"u8);
        if (close < 0)
        {
            return false;
        }

        var bidsEnd = open + close + 1;
        if (!buffer[(bidsEnd + 1)..].StartsWith(",\"a\":["u8) || bidsEnd + 7 >= buffer.Length)
        {
            return false;
        }

        var asksOpen = bidsEnd + 6;
        var pricePrecision = book.PricePrecision;
        var sizePrecision = book.SizePrecision;
        var valid = true;
        var applied = 0;

        // Bids, best first: from the array's end backwards.
        var bids = book.GetLevelWriter(OrderSide.Buy);
        var threshold = NthBest(book, OrderSide.Buy, depth, long.MinValue);
        var cut = bidsEnd; // the '[' of the lowest bid applied so far (bidsEnd: none yet)
        var last = long.MaxValue;
        var bidsDeferred = false;
        while (true)
        {
            var at = buffer[(open + 1)..cut].LastIndexOf((byte)'[');
            if (at < 0)
            {
                break; // every bid is in
            }

            at += open + 1;
            var level = new JsonScanner(buffer, at);
            var fast = level.TryReadLevel(out var price, out var pp, out var size, out var sp);
            if (fast == 0 || level.Position != (cut == bidsEnd ? bidsEnd + 1 : cut)
                || !TryRescale(ref price, pp, pricePrecision) || !TryRescale(ref size, sp, sizePrecision) || price >= last)
            {
                return FallBack(ref s, open);
            }

            if (price < threshold)
            {
                bidsDeferred = true;
                break;
            }

            valid &= bids.Apply(price, pricePrecision, size, sizePrecision);
            applied++;
            last = price;
            cut = at;
            threshold = NthBest(book, OrderSide.Buy, depth, long.MinValue);
        }

        // Asks, best first: from the array's start.
        var asks = book.GetLevelWriter(OrderSide.Sell);
        threshold = NthBest(book, OrderSide.Sell, depth, long.MaxValue);
        var position = asksOpen + 1;
        var asksCut = -1;
        var asksEnd = -1;
        last = long.MinValue;
        if (buffer[position] == (byte)']')
        {
            asksEnd = position + 1;
        }
        else
        {
            while (true)
            {
                var level = new JsonScanner(buffer, position);
                var fast = level.TryReadLevel(out var price, out var pp, out var size, out var sp);
                if (fast == 0 || !TryRescale(ref price, pp, pricePrecision) || !TryRescale(ref size, sp, sizePrecision) || price <= last)
                {
                    return FallBack(ref s, open);
                }

                if (price > threshold)
                {
                    asksCut = position;
                    break;
                }

                valid &= asks.Apply(price, pricePrecision, size, sizePrecision);
                applied++;
                last = price;
                position = level.Position;
                threshold = NthBest(book, OrderSide.Sell, depth, long.MaxValue);

                if (fast == 2)
                {
                    asksEnd = position;
                    break;
                }
            }
        }

        TopFirstDiffs++;
        TopFirstLevels = applied;
        _sinkLevelsValid &= valid;
        if (!bidsDeferred && asksCut < 0)
        {
            sink.OnTopApplied(book); // the whole diff is in
            s.Position = asksEnd;
            return true;
        }

        EnsureTopBuffers();
        _topBidCount = book.CopyRawLevels(OrderSide.Buy, _topPrices.AsSpan(0, depth), _topSizes.AsSpan(0, depth));
        _topAskCount = book.CopyRawLevels(OrderSide.Sell, _topPrices.AsSpan(MaxTopFirstDepth, depth), _topSizes.AsSpan(MaxTopFirstDepth, depth));
        _restBook = book;
        _restDepth = depth;
        _restBidsOpen = open;
        _restBidsCut = bidsDeferred ? cut : -1;
        _restBidsWhole = cut == bidsEnd;
        _restBidsEnd = bidsEnd;
        _restAsksCut = asksCut;
        _restAsksEnd = asksEnd;
        _restError = null;
        fixed (byte* frame = buffer)
        {
            _restFrame = frame;
            _restFrameLength = buffer.Length;
            book.DeferRest(bidsDeferred ? depth : int.MaxValue, asksCut >= 0 ? depth : int.MaxValue, _completeRest ??= CompleteRest);
            try
            {
                sink.OnTopApplied(book);
            }
            finally
            {
                book.CompleteRest(); // unless a read or a write inside the sink already did
                _restFrame = null;
                _restBook = null;
            }
        }

        if (_restError is { } error)
        {
            s.Position = asksOpen;
            s.Fail(error);
            return true;
        }

        s.Position = _restAsksEnd;
        return true;
    }

    /// <summary>The frame goes in its own order after all (the levels applied so far are applied again, to the same sizes).</summary>
    private bool FallBack(ref JsonScanner s, int open)
    {
        TopFirstFallbacks++;
        s.Position = open;
        return false;
    }

    /// <summary>
    /// <paramref name="raw"/> at <paramref name="from"/> decimals rescaled exactly to <paramref name="to"/> (Binance
    /// writes BTCUSDT futures prices with two decimals, "61800.30", where the instrument's 0.1 tick gives a book of
    /// one); false when it cannot be (a digit would be lost, or it would overflow): the frame then goes in the usual
    /// way, which refuses such a level once.
    /// </summary>
    private static bool TryRescale(ref long raw, byte from, byte to)
    {
        if (from == to)
        {
            return true;
        }

        if (from > to)
        {
            for (var i = from; i > to; i--)
            {
                if (raw % 10 != 0)
                {
                    return false;
                }

                raw /= 10;
            }

            return true;
        }

        if (to - from > 9 || raw > long.MaxValue / 1_000_000_000L)
        {
            return false;
        }

        for (var i = from; i < to; i++)
        {
            raw *= 10;
        }

        return true;
    }

    /// <summary>The raw price of the <paramref name="depth"/>-th best level of <paramref name="side"/>, or <paramref name="none"/> when it has fewer levels.</summary>
    private static long NthBest(L2OrderBook book, OrderSide side, int depth, long none) =>
        book.Count(side) >= depth ? book.GetLevel(side, depth - 1).Price.Raw : none;

    private void EnsureTopBuffers()
    {
        if (_topPrices.Length == 0)
        {
            _topPrices = new long[2 * MaxTopFirstDepth];
            _topSizes = new long[2 * MaxTopFirstDepth];
            _checkPrices = new long[MaxTopFirstDepth];
            _checkSizes = new long[MaxTopFirstDepth];
        }
    }

    /// <summary>The deferred part of the diff (the book calls it once: <see cref="L2OrderBook.DeferRest"/>), then the check that it left the top as shown.</summary>
    private unsafe void CompleteRest()
    {
        var book = _restBook;
        if (book is null || _restFrame is null)
        {
            return;
        }

        var frame = new ReadOnlySpan<byte>(_restFrame, _restFrameLength);
        var depth = _restDepth;
        var instrument = book.Instrument;
        var reordered = false;
        if (_restBidsCut >= 0)
        {
            if (_restBidsWhole)
            {
                var scanner = new JsonScanner(frame, _restBidsOpen);
                ReadLevelsIntoBook(ref scanner, book, null, OrderSide.Buy, instrument, 0, 0);
                _restError ??= scanner.Error;
            }
            else
            {
                // The bids before the cut, up to the ',' before it: a scanner that ends there reads exactly them.
                var scanner = new JsonScanner(frame[.._restBidsCut], _restBidsOpen + 1);
                ApplyLevelsIntoBook(ref scanner, book, null, OrderSide.Buy, instrument, 0, 0, _restBidsCut);
                _restError ??= scanner.Error;
            }

            if (!TopUnchanged(book, OrderSide.Buy, depth, 0, _topBidCount))
            {
                // Out of the frame's order: the bids applied first go in again, after the others, as the frame orders them.
                reordered = true;
                if (!_restBidsWhole)
                {
                    var scanner = new JsonScanner(frame, _restBidsCut);
                    ApplyLevelsIntoBook(ref scanner, book, null, OrderSide.Buy, instrument, 0, 0, -1);
                    _restError ??= scanner.Error;
                }
            }
        }

        if (_restAsksCut >= 0)
        {
            var scanner = new JsonScanner(frame, _restAsksCut);
            ApplyLevelsIntoBook(ref scanner, book, null, OrderSide.Sell, instrument, 0, 0, -1);
            _restError ??= scanner.Error;
            _restAsksEnd = scanner.Position;
            reordered |= !TopUnchanged(book, OrderSide.Sell, depth, MaxTopFirstDepth, _topAskCount);
        }

        if (reordered)
        {
            TopFirstReordered++;
        }
    }

    private bool TopUnchanged(L2OrderBook book, OrderSide side, int depth, int offset, int count)
    {
        var n = book.CopyRawLevels(side, _checkPrices.AsSpan(0, depth), _checkSizes.AsSpan(0, depth));
        return n == count
            && _checkPrices.AsSpan(0, n).SequenceEqual(_topPrices.AsSpan(offset, n))
            && _checkSizes.AsSpan(0, n).SequenceEqual(_topSizes.AsSpan(offset, n));
    }
}
