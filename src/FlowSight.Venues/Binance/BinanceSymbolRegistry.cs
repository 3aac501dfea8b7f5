using System.Buffers.Binary;
using System.Text;
using FlowSight.Core;

namespace FlowSight.Venues.Binance;

/// <summary>
/// Maps Binance symbols, as the UTF-8 bytes of a frame, to <see cref="InstrumentId"/>s per <see cref="BinanceMarket"/>
/// without allocating. Lookups are case-insensitive for ASCII, since stream names spell symbols in lower case
/// (<c>btcusdt@depth</c>) and payloads in upper case (<c>"s":"BTCUSDT"</c>).
/// </summary>
/// <remarks>
/// Thread-safe: lookups read an immutable table without locking, registrations copy it under a lock and publish the
/// copy. Registration is rare (start-up, or the first message of a new symbol), lookups happen on every message.
/// </remarks>
public sealed class BinanceSymbolRegistry
{
    /// <summary>The longest symbol accepted (an <see cref="InstrumentId"/>'s symbol has at most 64 characters).</summary>
    public const int MaxSymbolLength = 64;

    /// <summary>
    /// How many symbols <see cref="BinanceUnknownSymbolPolicy.RegisterOnFirstSight"/> registers at most (Binance lists a
    /// few thousand), so a feed of garbage symbols cannot grow the table without bound.
    /// </summary>
    public const int MaxAutoRegistered = 16_384;

    private readonly Lock _gate = new();
    private Table _table = new(new Entry[64], 0);
    private int _autoRegistered;

    /// <summary>Creates an empty registry.</summary>
    public BinanceSymbolRegistry(BinanceUnknownSymbolPolicy policy = BinanceUnknownSymbolPolicy.RegisterOnFirstSight) => Policy = policy;

    /// <summary>What happens to a symbol seen before it is registered.</summary>
    public BinanceUnknownSymbolPolicy Policy { get; }

    /// <summary>How many symbols are registered.</summary>
    public int Count => Volatile.Read(ref _table).Count;

    /// <summary>Registers <paramref name="symbol"/> with the conventional id (<see cref="BinanceInstrumentIds.Of"/>) and returns the id.</summary>
    /// <exception cref="FormatException">The symbol cannot be part of an <see cref="InstrumentId"/>.</exception>
    public InstrumentId Register(BinanceMarket market, string symbol)
    {
        var id = BinanceInstrumentIds.Of(market, symbol);
        Register(market, symbol, id);
        return id;
    }

    /// <summary>Registers <paramref name="symbol"/> as <paramref name="instrument"/> (e.g. from <c>exchangeInfo</c>), replacing an earlier mapping.</summary>
    public void Register(BinanceMarket market, string symbol, InstrumentId instrument)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        if (instrument.IsDefault)
        {
            throw new ArgumentException("A symbol must map to an instrument.", nameof(instrument));
        }

        var bytes = Encoding.UTF8.GetBytes(symbol);
        if (bytes.Length > MaxSymbolLength)
        {
            throw new ArgumentException($"A Binance symbol has at most {MaxSymbolLength} bytes.", nameof(symbol));
        }

        Ascii.ToUpperInPlace(bytes, out _);
        Store(market, bytes, instrument);
    }

    /// <summary>Looks the symbol up without registering it.</summary>
    public bool TryGet(BinanceMarket market, ReadOnlySpan<byte> symbol, out InstrumentId instrument)
    {
        instrument = default;
        Span<byte> upper = stackalloc byte[MaxSymbolLength];
        if (!Normalize(symbol, upper, out var key))
        {
            return false;
        }

        if (!Find(Volatile.Read(ref _table), market, key, Hash(market, key), out var entry))
        {
            return false;
        }

        instrument = entry.Instrument;
        return true;
    }

    /// <summary>
    /// Looks the symbol up and, under <see cref="BinanceUnknownSymbolPolicy.RegisterOnFirstSight"/>, registers it when
    /// new (up to <see cref="MaxAutoRegistered"/>). Allocates only when it registers; never throws on bad input.
    /// </summary>
    public BinanceSymbolLookup Resolve(BinanceMarket market, ReadOnlySpan<byte> symbol, out InstrumentId instrument)
    {
        instrument = default;
        Span<byte> upper = stackalloc byte[MaxSymbolLength];
        if (!Normalize(symbol, upper, out var key))
        {
            return BinanceSymbolLookup.Invalid;
        }

        var hash = Hash(market, key);
        if (Find(Volatile.Read(ref _table), market, key, hash, out var entry))
        {
            instrument = entry.Instrument;
            return BinanceSymbolLookup.Found;
        }

        if (Policy == BinanceUnknownSymbolPolicy.Report)
        {
            return BinanceSymbolLookup.Unknown;
        }

        return RegisterOnFirstSight(market, key, out instrument);
    }

    private BinanceSymbolLookup RegisterOnFirstSight(BinanceMarket market, ReadOnlySpan<byte> key, out InstrumentId instrument)
    {
        instrument = default;
        // Checked before anything is allocated, so a stream of garbage symbols costs no exceptions and no memory.
        var suffix = market == BinanceMarket.UsdM && !key.Contains((byte)'_') ? BinanceInstrumentIds.PerpetualSuffix.Length : 0;
        if (!IsValidSymbol(key) || key.Length + suffix > MaxSymbolLength)
        {
            return BinanceSymbolLookup.Invalid;
        }

        lock (_gate)
        {
            // Another thread may have registered it (or an explicit Register won the race): keep that one.
            var bytes = key.ToArray();
            if (Find(_table, market, bytes, Hash(market, bytes), out var existing))
            {
                instrument = existing.Instrument;
                return BinanceSymbolLookup.Found;
            }

            if (_autoRegistered >= MaxAutoRegistered)
            {
                return BinanceSymbolLookup.Unknown;
            }

            instrument = BinanceInstrumentIds.Of(market, System.Text.Encoding.ASCII.GetString(bytes));
            StoreLocked(market, bytes, instrument);
            _autoRegistered++;
        }

        return BinanceSymbolLookup.Registered;
    }

    /// <summary>The characters an <see cref="InstrumentId"/> symbol accepts: A-Z a-z 0-9 - _ / :.</summary>
    private static bool IsValidSymbol(ReadOnlySpan<byte> key)
    {
        foreach (var c in key)
        {
            if (c is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_' or (byte)'/' or (byte)':'))
            {
                return false;
            }
        }

        return true;
    }

    private void Store(BinanceMarket market, byte[] key, InstrumentId instrument)
    {
        lock (_gate)
        {
            StoreLocked(market, key, instrument);
        }
    }

    private void StoreLocked(BinanceMarket market, byte[] key, InstrumentId instrument)
    {
        var current = _table;
        var slots = current.Slots;
        var hash = Hash(market, key);
        var replacing = Find(current, market, key, hash, out _);
        var count = replacing ? current.Count : current.Count + 1;
        // Keep the load factor at or below one half, so probes stay short and an empty slot always ends them.
        var capacity = count * 2 > slots.Length ? slots.Length * 2 : slots.Length;
        var copy = new Entry[capacity];
        foreach (var entry in slots)
        {
            if (entry.Key is not null && !(entry.Market == market && entry.Key.AsSpan().SequenceEqual(key)))
            {
                Insert(copy, entry);
            }
        }

        Insert(copy, new Entry(key, market, hash, instrument));
        Volatile.Write(ref _table, new Table(copy, count));
    }

    private static void Insert(Entry[] slots, in Entry entry)
    {
        var mask = slots.Length - 1;
        var index = (int)entry.Hash & mask;
        while (slots[index].Key is not null)
        {
            index = (index + 1) & mask;
        }

        slots[index] = entry;
    }

    private static bool Find(Table table, BinanceMarket market, ReadOnlySpan<byte> key, uint hash, out Entry found)
    {
        var slots = table.Slots;
        var mask = slots.Length - 1;
        var index = (int)hash & mask;
        while (true)
        {
            ref readonly var entry = ref slots[index];
            if (entry.Key is null)
            {
                found = default;
                return false;
            }

            if (entry.Hash == hash && entry.Market == market && entry.Key.AsSpan().SequenceEqual(key))
            {
                found = entry;
                return true;
            }

            index = (index + 1) & mask;
        }
    }

    /// <summary>Upper-cases ASCII letters into <paramref name="buffer"/> only when needed; refuses empty or over-long input.</summary>
    private static bool Normalize(ReadOnlySpan<byte> symbol, Span<byte> buffer, out ReadOnlySpan<byte> key)
    {
        key = symbol;
        if (symbol.IsEmpty || symbol.Length > MaxSymbolLength)
        {
            return false;
        }

        foreach (var b in symbol)
        {
            if (b - (uint)'a' <= 'z' - 'a')
            {
                var upper = buffer[..symbol.Length];
                Ascii.ToUpper(symbol, upper, out _);
                key = upper;
                return true;
            }
        }

        return true;
    }

    private static uint Hash(BinanceMarket market, ReadOnlySpan<byte> key)
    {
        // Symbols are short: the first and last eight bytes with the length and market identify them well.
        ulong head;
        ulong tail;
        if (key.Length >= 8)
        {
            head = BinaryPrimitives.ReadUInt64LittleEndian(key);
            tail = BinaryPrimitives.ReadUInt64LittleEndian(key[^8..]);
        }
        else
        {
            head = 0;
            foreach (var b in key)
            {
                head = (head << 8) | b;
            }

            tail = 0;
        }

        var h = (head * 0x9E3779B97F4A7C15UL) ^ (tail + ((ulong)key.Length << 56) + (ulong)market);
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return (uint)h;
    }

    private readonly record struct Entry(byte[]? Key, BinanceMarket Market, uint Hash, InstrumentId Instrument);

    private sealed record Table(Entry[] Slots, int Count);
}
