using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.Instruments;
using FlowSight.Engine.OrderBook;

namespace FlowSight.Engine.CrossVenue;

/// <summary>
/// The best bid and offer of each common instrument across venues. It keeps every venue instrument's latest top of
/// book — from its <see cref="QuoteTick"/>s and from its order book after each complete depth message — and publishes a
/// <see cref="ConsolidatedQuote"/> on the bus when the consolidated top changes. Each venue's own book stays separate.
/// </summary>
/// <remarks>
/// <para>Runs on the engine thread (it is a bus handler and publishes synchronously). Every venue instrument of the
/// <see cref="InstrumentRegistry"/> takes part; events of instruments not in the registry are ignored.</para>
/// <para>Prices and sizes are converted to the key's common precision and size asset when they arrive (exact; an
/// update that does not convert exactly is counted in <see cref="RejectedUpdates"/> and ignored), so venues compare
/// as integers. Ties on price go to the larger size, then to the instrument listed first (by id).</para>
/// <para>Stale venues are left out and counted in <see cref="ConsolidatedQuote.StaleVenues"/>: a venue with no update
/// for <see cref="ConsolidatedQuoteBookOptions.StaleAfter"/> (checked on every update of its key and by
/// <see cref="CheckStaleness"/>, see <see cref="ScheduleStalenessChecks"/>), and a venue marked by <see cref="MarkStale"/>,
/// whose book is crossed, or whose quote tick has its bid at or above its ask. A marked venue returns with its next
/// (sane) quote tick or book snapshot — not with a book diff, which would apply to a book that is out of sync.</para>
/// <para>Steady state allocates nothing: per-instrument state lives in arrays indexed by the instruments' dense handles,
/// rebuilt only when the registry's <see cref="InstrumentRegistry.Version"/> moves.</para>
/// </remarks>
public sealed class ConsolidatedQuoteBook : IEventHandler<QuoteTick>, IEventHandler<BookDelta>
{
    /// <summary>Just below the <see cref="OrderBookManager"/>'s priority, so the books are updated when this runs.</summary>
    public const int BookDeltaPriority = int.MaxValue - 1;

    private readonly InstrumentRegistry _registry;
    private readonly EventBus _bus;
    private readonly OrderBookManager? _books;
    private readonly TimeProvider _clock;
    private readonly long _staleAfterNanos;
    private readonly TimeSpan _staleAfter;
    private readonly List<KeyState> _keyList = [];
    private Slot[] _slots = [];
    private KeyState?[] _keys = [];
    private int _version = -1;

    /// <summary>Creates the book; call <see cref="Attach"/> to receive quotes and book updates from the bus.</summary>
    public ConsolidatedQuoteBook(ConsolidatedQuoteBookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.StaleAfter, TimeSpan.Zero, nameof(options.StaleAfter));
        _registry = options.Registry ?? throw new ArgumentException("A registry is required.", nameof(options));
        _bus = options.Bus ?? throw new ArgumentException("A bus is required.", nameof(options));
        _books = options.Books;
        _clock = options.Clock ?? TimeProvider.System;
        _staleAfter = options.StaleAfter;
        _staleAfterNanos = options.StaleAfter.Ticks * 100;
    }

    /// <summary>Consolidated quotes published since start.</summary>
    public long Published { get; private set; }

    /// <summary>Updates ignored because a price or size did not convert exactly to the common precision.</summary>
    public long RejectedUpdates { get; private set; }

    /// <summary>
    /// Subscribes to quote ticks and (when <see cref="ConsolidatedQuoteBookOptions.Books"/> is set) to book deltas on the
    /// bus, after the order books. Dispose the result to unsubscribe.
    /// </summary>
    public IDisposable Attach()
    {
        var quotes = _bus.Subscribe(new Subscription<QuoteTick> { Name = "consolidated-quotes" }, this);
        if (_books is null)
        {
            return quotes;
        }

        var deltas = _bus.Subscribe(new Subscription<BookDelta> { Name = "consolidated-quotes", Priority = BookDeltaPriority, Filter = static (in BookDelta d) => d.IsLast }, this);
        return new Subscriptions(quotes, deltas);
    }

    /// <inheritdoc />
    public void Handle(in QuoteTick evt)
    {
        RefreshIfChanged();
        var handle = evt.Instrument.Handle;
        if ((uint)handle >= (uint)_slots.Length || _slots[handle].Key is not { } key)
        {
            return;
        }

        ref var slot = ref _slots[handle];
        var now = UnixNanos.Now(_clock);
        if (!SetTop(ref slot, evt.BidPrice, evt.BidSize, evt.AskPrice, evt.AskSize, now))
        {
            return;
        }

        // A venue's own bid at or above its own ask is bad data, not an opportunity: out until a sane quote.
        slot.Marked = slot.HasBid && slot.HasAsk && slot.BidRaw >= slot.AskRaw;
        Consolidate(key, now, evt.EventTime);
    }

    /// <inheritdoc />
    public void Handle(in BookDelta evt)
    {
        if (!evt.IsLast || _books is null)
        {
            return;
        }

        RefreshIfChanged();
        var handle = evt.Instrument.Handle;
        if ((uint)handle >= (uint)_slots.Length || _slots[handle].Key is not { } key)
        {
            return;
        }

        ref var slot = ref _slots[handle];
        if (slot.Book is null && !_books.TryGetBook(evt.Instrument, out slot.Book))
        {
            return;
        }

        var book = slot.Book!;
        var now = UnixNanos.Now(_clock);
        if (book.IsCrossed)
        {
            // The order book manager reports the fault; until a snapshot repairs the book its top is not a price.
            slot.Marked = true;
            slot.BookOutOfSync = true;
            Consolidate(key, now, evt.EventTime);
            return;
        }

        if (slot.BookOutOfSync && (evt.Flags & BookDeltaFlags.Snapshot) == 0)
        {
            return; // a diff onto a book that lost sync; the venue's quote ticks, if any, still count
        }

        var hasBid = book.TryGetBestBid(out var bid);
        var hasAsk = book.TryGetBestAsk(out var ask);
        if (!SetTop(ref slot, hasBid ? bid.Price : default, hasBid ? bid.Size : default, hasAsk ? ask.Price : default, hasAsk ? ask.Size : default, now))
        {
            return;
        }

        slot.Marked = false;
        slot.BookOutOfSync = false;
        Consolidate(key, now, evt.EventTime);
    }

    /// <summary>
    /// Leaves a venue instrument out of its consolidated quote until its next quote tick or book snapshot — for a
    /// dropped connection or a book that lost sync — and ignores its book diffs until a snapshot (a quote tick brings the
    /// venue back, not its broken book). Publishes the changed quote. Call on the engine thread.
    /// </summary>
    /// <returns>False when the instrument is not in the registry.</returns>
    public bool MarkStale(InstrumentId instrument)
    {
        RefreshIfChanged();
        var handle = instrument.Handle;
        if ((uint)handle >= (uint)_slots.Length || _slots[handle].Key is not { } key)
        {
            return false;
        }

        _slots[handle].Marked = true;
        _slots[handle].BookOutOfSync = true;
        Consolidate(key, UnixNanos.Now(_clock), 0);
        return true;
    }

    /// <summary>
    /// Re-evaluates every common instrument at the current time, so venues that went silent drop out even when no other
    /// venue of their key updates; publishes what changed. Call on the engine thread, e.g. from a timer through
    /// <c>EngineLoop.Post</c>. Returns how many quotes were published.
    /// </summary>
    public int CheckStaleness()
    {
        RefreshIfChanged();
        var before = Published;
        var now = UnixNanos.Now(_clock);
        foreach (var key in _keyList)
        {
            Consolidate(key, now, 0);
        }

        return (int)(Published - before);
    }

    /// <summary>
    /// Takes the current top of every registered instrument that has no quote yet from its order book: for books built
    /// before this consolidated book attached or before their instrument was registered (a quiet venue may send no diff
    /// for a while). Crossed books are left out. Publishes what changed; call on the engine thread. Returns how many
    /// quotes were published.
    /// </summary>
    public int SeedFromBooks()
    {
        RefreshIfChanged();
        if (_books is null)
        {
            return 0;
        }

        var before = Published;
        var now = UnixNanos.Now(_clock);
        for (int handle = 0; handle < _slots.Length; handle++)
        {
            ref var slot = ref _slots[handle];
            if (slot.Key is not { } key || slot.HasData || slot.Entry is not { } entry)
            {
                continue;
            }

            if ((slot.Book is null && !_books.TryGetBook(entry.Id, out slot.Book)) || slot.Book!.IsCrossed)
            {
                continue;
            }

            var hasBid = slot.Book.TryGetBestBid(out var bid);
            var hasAsk = slot.Book.TryGetBestAsk(out var ask);
            if (SetTop(ref slot, hasBid ? bid.Price : default, hasBid ? bid.Size : default, hasAsk ? ask.Price : default, hasAsk ? ask.Size : default, now))
            {
                Consolidate(key, now, 0);
            }
        }

        return (int)(Published - before);
    }

    /// <summary>
    /// Runs <see cref="CheckStaleness"/> on <paramref name="engine"/>'s thread every <paramref name="period"/> (default: half
    /// the stale time) from a timer on the engine's clock. Dispose the result to stop. Returns null when the clock has no
    /// timers (<see cref="SimulatedClock"/>): a backtest calls <see cref="CheckStaleness"/> itself as simulated time passes.
    /// </summary>
    public ITimer? ScheduleStalenessChecks(EngineLoop engine, TimeSpan? period = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var every = period ?? _staleAfter / 2;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(every, TimeSpan.Zero, nameof(period));
        try
        {
            return engine.Clock.CreateTimer(_ => engine.Post(_ => CheckStaleness()), null, every, every);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The latest consolidated quote of a key, if one was published.</summary>
    public bool TryGetQuote(CommonInstrumentKey key, out ConsolidatedQuote quote)
    {
        RefreshIfChanged();
        var handle = key.Handle;
        if ((uint)handle < (uint)_keys.Length && _keys[handle] is { HasLast: true } state)
        {
            quote = state.Last;
            return true;
        }

        quote = default;
        return false;
    }

    /// <summary>
    /// Selling on <paramref name="bidInstrument"/> against buying on <paramref name="askInstrument"/> (two venue instruments
    /// of one common key): bid of the first minus ask of the second, at the common precision. False when either is not
    /// live or lacks that side.
    /// </summary>
    /// <exception cref="ArgumentException">The two instruments have different common keys.</exception>
    public bool TryGetVenueSpread(InstrumentId bidInstrument, InstrumentId askInstrument, out VenueSpread spread)
    {
        RefreshIfChanged();
        spread = default;
        var b = bidInstrument.Handle;
        var a = askInstrument.Handle;
        if ((uint)b >= (uint)_slots.Length || (uint)a >= (uint)_slots.Length || _slots[b].Key is not { } key || _slots[a].Key is not { } askKey)
        {
            return false;
        }

        if (!ReferenceEquals(key, askKey))
        {
            throw new ArgumentException($"{bidInstrument} ({key.Key}) and {askInstrument} ({askKey.Key}) are different instruments; a venue spread needs two venues of one.");
        }

        var now = UnixNanos.Now(_clock);
        ref var bidSlot = ref _slots[b];
        ref var askSlot = ref _slots[a];
        if (StatusOf(in bidSlot, now) != VenueQuoteStatus.Live || StatusOf(in askSlot, now) != VenueQuoteStatus.Live || !bidSlot.HasBid || !askSlot.HasAsk)
        {
            return false;
        }

        spread = new VenueSpread(
            key.Key,
            bidInstrument,
            Price.FromRaw(bidSlot.BidRaw, key.PricePrecision),
            askInstrument,
            Price.FromRaw(askSlot.AskRaw, key.PricePrecision),
            Price.FromRaw(bidSlot.BidRaw - askSlot.AskRaw, key.PricePrecision),
            Quantity.FromRaw(Math.Min(bidSlot.BidSizeRaw, askSlot.AskSizeRaw), key.SizePrecision));
        return true;
    }

    /// <summary>Each venue instrument of a key with its latest top and status, for reports and dashboards (allocates).</summary>
    public IReadOnlyList<VenueQuote> GetVenueQuotes(CommonInstrumentKey key)
    {
        RefreshIfChanged();
        var handle = key.Handle;
        if ((uint)handle >= (uint)_keys.Length || _keys[handle] is not { } state)
        {
            return [];
        }

        var now = UnixNanos.Now(_clock);
        var result = new VenueQuote[state.Members.Length];
        for (var i = 0; i < state.Members.Length; i++)
        {
            ref var slot = ref _slots[state.Members[i]];
            result[i] = new VenueQuote(
                slot.Entry!.Id,
                StatusOf(in slot, now),
                slot.HasBid,
                Price.FromRaw(slot.BidRaw, state.PricePrecision),
                Quantity.FromRaw(slot.BidSizeRaw, state.SizePrecision),
                slot.HasAsk,
                Price.FromRaw(slot.AskRaw, state.PricePrecision),
                Quantity.FromRaw(slot.AskSizeRaw, state.SizePrecision),
                slot.LastUpdate);
        }

        return result;
    }

    private VenueQuoteStatus StatusOf(in Slot slot, long now) =>
        !slot.HasData ? VenueQuoteStatus.NoData
        : slot.Marked ? VenueQuoteStatus.Marked
        : now - slot.LastUpdate > _staleAfterNanos ? VenueQuoteStatus.TimedOut
        : VenueQuoteStatus.Live;

    /// <summary>Stores a venue's new top in venue and common units; false (and counted) when it does not convert exactly.</summary>
    private bool SetTop(ref Slot slot, Price bid, Quantity bidSize, Price ask, Quantity askSize, long now)
    {
        var hasBid = bidSize.Raw > 0;
        var hasAsk = askSize.Raw > 0;
        var key = slot.Key!;
        var entry = slot.Entry!;
        long bidRaw = 0, bidSizeRaw = 0, askRaw = 0, askSizeRaw = 0;
        if ((hasBid && !(ToCommonPrice(entry, key, bid, out bidRaw) && ToCommonSize(entry, key, bidSize, out bidSizeRaw)))
            || (hasAsk && !(ToCommonPrice(entry, key, ask, out askRaw) && ToCommonSize(entry, key, askSize, out askSizeRaw))))
        {
            RejectedUpdates++;
            return false;
        }

        slot.VenueBid = bid;
        slot.VenueBidSize = bidSize;
        slot.VenueAsk = ask;
        slot.VenueAskSize = askSize;
        slot.HasBid = hasBid;
        slot.HasAsk = hasAsk;
        slot.BidRaw = bidRaw;
        slot.BidSizeRaw = bidSizeRaw;
        slot.AskRaw = askRaw;
        slot.AskSizeRaw = askSizeRaw;
        slot.HasData = true;
        slot.LastUpdate = now;
        return true;
    }

    private static bool ToCommonPrice(RegisteredInstrument entry, KeyState key, Price price, out long raw) =>
        ExactDecimal.TryScale(price.Raw, 1, key.PricePrecision - price.Precision - entry.UnitExponent, out raw);

    private static bool ToCommonSize(RegisteredInstrument entry, KeyState key, Quantity size, out long raw) =>
        ExactDecimal.TryScale(size.Raw, entry.MultiplierMantissa, key.SizePrecision - size.Precision - entry.MultiplierScale, out raw);

    private void Consolidate(KeyState key, long now, long eventTime)
    {
        var members = key.Members;
        int bestBid = -1, bestAsk = -1, live = 0, stale = 0;
        for (var i = 0; i < members.Length; i++)
        {
            ref var slot = ref _slots[members[i]];
            if (!slot.HasData)
            {
                continue;
            }

            if (slot.Marked || now - slot.LastUpdate > _staleAfterNanos)
            {
                stale++;
                continue;
            }

            live++;
            if (slot.HasBid)
            {
                if (bestBid < 0)
                {
                    bestBid = members[i];
                }
                else
                {
                    ref var best = ref _slots[bestBid];
                    if (slot.BidRaw > best.BidRaw || (slot.BidRaw == best.BidRaw && slot.BidSizeRaw > best.BidSizeRaw))
                    {
                        bestBid = members[i];
                    }
                }
            }

            if (slot.HasAsk)
            {
                if (bestAsk < 0)
                {
                    bestAsk = members[i];
                }
                else
                {
                    ref var best = ref _slots[bestAsk];
                    if (slot.AskRaw < best.AskRaw || (slot.AskRaw == best.AskRaw && slot.AskSizeRaw > best.AskSizeRaw))
                    {
                        bestAsk = members[i];
                    }
                }
            }
        }

        var flags = ConsolidatedQuoteFlags.None;
        long bidRaw = 0, bidSizeRaw = 0, askRaw = 0, askSizeRaw = 0, spreadRaw = 0;
        if (bestBid >= 0)
        {
            ref var slot = ref _slots[bestBid];
            flags |= ConsolidatedQuoteFlags.HasBid;
            (bidRaw, bidSizeRaw) = (slot.BidRaw, slot.BidSizeRaw);
        }

        if (bestAsk >= 0)
        {
            ref var slot = ref _slots[bestAsk];
            flags |= ConsolidatedQuoteFlags.HasAsk;
            (askRaw, askSizeRaw) = (slot.AskRaw, slot.AskSizeRaw);
        }

        if (bestBid >= 0 && bestAsk >= 0)
        {
            spreadRaw = askRaw - bidRaw;
            flags |= spreadRaw < 0 ? ConsolidatedQuoteFlags.Crossed : spreadRaw == 0 ? ConsolidatedQuoteFlags.Locked : ConsolidatedQuoteFlags.None;
        }

        // Compared as integers before any event is built: most venue updates leave the consolidated top as it was.
        if (key.HasLast
            && bestBid == key.LastBid && bestAsk == key.LastAsk
            && bidRaw == key.LastBidRaw && bidSizeRaw == key.LastBidSizeRaw
            && askRaw == key.LastAskRaw && askSizeRaw == key.LastAskSizeRaw
            && flags == key.Last.Flags && live == key.Last.Venues && stale == key.Last.StaleVenues
            && key.PricePrecision == key.Last.BidPrice.Precision && key.SizePrecision == key.Last.BidSize.Precision)
        {
            return;
        }

        key.LastBid = bestBid;
        key.LastAsk = bestAsk;
        key.LastBidRaw = bidRaw;
        key.LastBidSizeRaw = bidSizeRaw;
        key.LastAskRaw = askRaw;
        key.LastAskSizeRaw = askSizeRaw;
        key.Last = new ConsolidatedQuote(
            key.Key,
            Price.FromRaw(bidRaw, key.PricePrecision),
            Quantity.FromRaw(bidSizeRaw, key.SizePrecision),
            bestBid >= 0 ? _slots[bestBid].Entry!.Id : default,
            Price.FromRaw(askRaw, key.PricePrecision),
            Quantity.FromRaw(askSizeRaw, key.SizePrecision),
            bestAsk >= 0 ? _slots[bestAsk].Entry!.Id : default,
            Price.FromRaw(spreadRaw, key.PricePrecision),
            flags,
            (byte)Math.Min(live, byte.MaxValue),
            (byte)Math.Min(stale, byte.MaxValue),
            eventTime,
            now);
        key.HasLast = true;
        Published++;
        var quote = key.Last; // a handler that calls back into this book must not change the event it is reading
        _bus.Publish(in quote);
    }

    private void RefreshIfChanged()
    {
        if (_registry.Version != _version)
        {
            Refresh();
        }
    }

    /// <summary>Rebuilds the per-key and per-instrument state from the registry, converting held tops to the new precisions.</summary>
    private void Refresh()
    {
        _version = _registry.Version;
        foreach (var state in _keyList)
        {
            state.Members = []; // a key whose instruments all moved away keeps none
        }

        foreach (var common in _registry.CommonInstruments)
        {
            var keyHandle = common.Key.Handle;
            if (keyHandle >= _keys.Length)
            {
                Array.Resize(ref _keys, Math.Max(keyHandle + 1, _keys.Length * 2));
            }

            if (_keys[keyHandle] is not { } state)
            {
                state = new KeyState(common.Key);
                _keys[keyHandle] = state;
                _keyList.Add(state);
            }

            var precisionChanged = state.PricePrecision != common.PricePrecision || state.SizePrecision != common.SizePrecision;
            state.PricePrecision = common.PricePrecision;
            state.SizePrecision = common.SizePrecision;
            state.Members = common.Instruments.Select(id => id.Handle).ToArray();
            foreach (var id in common.Instruments)
            {
                var handle = id.Handle;
                if (handle >= _slots.Length)
                {
                    Array.Resize(ref _slots, Math.Max(handle + 1, _slots.Length * 2));
                }

                ref var slot = ref _slots[handle];
                var entry = _registry.Get(id);
                var moved = !ReferenceEquals(slot.Key, state) || !ReferenceEquals(slot.Entry, entry);
                slot.Key = state;
                slot.Entry = entry;
                if (slot.HasData && (moved || precisionChanged)
                    && !SetTop(ref slot, slot.VenueBid, slot.VenueBidSize, slot.VenueAsk, slot.VenueAskSize, slot.LastUpdate))
                {
                    slot.HasData = false;
                }
            }
        }
    }

    /// <summary>One venue instrument's latest top: as the venue sent it, and in its key's common units.</summary>
    private struct Slot
    {
        public KeyState? Key;
        public RegisteredInstrument? Entry;
        public L2OrderBook? Book;
        public Price VenueBid;
        public Quantity VenueBidSize;
        public Price VenueAsk;
        public Quantity VenueAskSize;
        public long BidRaw;
        public long BidSizeRaw;
        public long AskRaw;
        public long AskSizeRaw;
        public long LastUpdate;
        public bool HasBid;
        public bool HasAsk;
        public bool HasData;
        public bool Marked;

        /// <summary>Book diffs are ignored until a snapshot: set by <see cref="MarkStale"/> and by a crossed book.</summary>
        public bool BookOutOfSync;
    }

    /// <summary>One common instrument: its venue instruments (dense handles), common precisions and last published quote.</summary>
    private sealed class KeyState(CommonInstrumentKey key)
    {
        public CommonInstrumentKey Key { get; } = key;

        public int[] Members = [];
        public byte PricePrecision = byte.MaxValue;
        public byte SizePrecision = byte.MaxValue;
        public ConsolidatedQuote Last;
        public bool HasLast;

        // The last published top as slot handles and raws, so an unchanged top is found without building an event.
        public int LastBid = -1;
        public int LastAsk = -1;
        public long LastBidRaw;
        public long LastBidSizeRaw;
        public long LastAskRaw;
        public long LastAskSizeRaw;
    }

    private sealed class Subscriptions(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
