using System.Text;
using FlowSight.Core;

namespace FlowSight.Venues.GateIo;

/// <summary>
/// Maps Gate.io names (<c>BTC_USDT</c>), as the UTF-8 bytes of a frame, plus their market to
/// <see cref="InstrumentId"/>s without allocating on lookup. Spot and USDT futures use the same names for different
/// instruments, so each market has its own table. Unknown names are registered on first sight (up to
/// <see cref="MaxAutoRegistered"/> per market) with the conventional id.
/// </summary>
/// <remarks>
/// Thread-safe: lookups read an immutable dictionary without locking; registrations copy it under a lock and publish
/// the copy. Registration is rare, lookups happen on every message.
/// </remarks>
public sealed class GateIoSymbolRegistry
{
    /// <summary>The longest name accepted (an <see cref="InstrumentId"/>'s symbol has at most 64 characters, the suffix included).</summary>
    public const int MaxNameLength = 48;

    /// <summary>How many names per market are registered on first sight at most, so garbage cannot grow a table without bound.</summary>
    public const int MaxAutoRegistered = 16_384;

    private readonly Lock _gate = new();
    private Dictionary<byte[], InstrumentId> _spot = new(ByteKeyComparer.Instance);
    private Dictionary<byte[], InstrumentId> _futures = new(ByteKeyComparer.Instance);
    private int _autoSpot;
    private int _autoFutures;

    /// <summary>How many names are registered for <paramref name="market"/>.</summary>
    public int Count(GateIoMarket market) => Volatile.Read(ref Table(market)).Count;

    /// <summary>Registers <paramref name="name"/> on <paramref name="market"/> with the conventional id and returns it.</summary>
    public InstrumentId Register(GateIoMarket market, string name)
    {
        var id = GateIoInstrumentIds.Of(market, name);
        Register(market, name, id);
        return id;
    }

    /// <summary>Registers <paramref name="name"/> on <paramref name="market"/> as <paramref name="instrument"/>, replacing an earlier mapping.</summary>
    public void Register(GateIoMarket market, string name, InstrumentId instrument)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (instrument.IsDefault)
        {
            throw new ArgumentException("A Gate.io name must map to an instrument.", nameof(instrument));
        }

        var bytes = Encoding.UTF8.GetBytes(name);
        if (bytes.Length > MaxNameLength)
        {
            throw new ArgumentException($"A Gate.io name has at most {MaxNameLength} bytes.", nameof(name));
        }

        lock (_gate)
        {
            Publish(market, bytes, instrument);
        }
    }

    /// <summary>Looks the name up without registering it.</summary>
    public bool TryGet(GateIoMarket market, ReadOnlySpan<byte> name, out InstrumentId instrument) =>
        Volatile.Read(ref Table(market)).GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(name, out instrument);

    /// <summary>The Gate name an instrument was registered under, or null.</summary>
    public string? NameOf(GateIoMarket market, InstrumentId instrument)
    {
        foreach (var (key, value) in Volatile.Read(ref Table(market)))
        {
            if (value == instrument)
            {
                return Encoding.UTF8.GetString(key);
            }
        }

        return null;
    }

    /// <summary>Looks the name up and registers it when new and valid. Allocates only when it registers; never throws.</summary>
    public bool Resolve(GateIoMarket market, ReadOnlySpan<byte> name, out InstrumentId instrument)
    {
        if (TryGet(market, name, out instrument))
        {
            return true;
        }

        if (name.IsEmpty || name.Length > MaxNameLength || !IsValid(name) || market is not (GateIoMarket.Spot or GateIoMarket.UsdtFutures))
        {
            return false;
        }

        lock (_gate)
        {
            if (Table(market).GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(name, out instrument))
            {
                return true;
            }

            ref var auto = ref market == GateIoMarket.Spot ? ref _autoSpot : ref _autoFutures;
            if (auto >= MaxAutoRegistered)
            {
                return false;
            }

            instrument = GateIoInstrumentIds.Of(market, Encoding.ASCII.GetString(name));
            Publish(market, name.ToArray(), instrument);
            auto++;
            return true;
        }
    }

    private ref Dictionary<byte[], InstrumentId> Table(GateIoMarket market)
    {
        if (market == GateIoMarket.Spot)
        {
            return ref _spot;
        }

        return ref _futures;
    }

    private void Publish(GateIoMarket market, byte[] key, InstrumentId instrument)
    {
        ref var table = ref Table(market);
        var copy = new Dictionary<byte[], InstrumentId>(table, ByteKeyComparer.Instance) { [key] = instrument };
        Volatile.Write(ref table, copy);
    }

    /// <summary>Gate names are upper-case letters, digits and '_'; anything else is refused before allocating.</summary>
    private static bool IsValid(ReadOnlySpan<byte> name)
    {
        foreach (var c in name)
        {
            if (c is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'_'))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class ByteKeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteKeyComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
