using System.Text;
using FlowSight.Core;

namespace FlowSight.Venues.Okx;

/// <summary>
/// Maps OKX instIds, as the UTF-8 bytes of a frame, to <see cref="InstrumentId"/>s without allocating on lookup.
/// Unknown instIds are registered on first sight (up to <see cref="MaxAutoRegistered"/>), since OKX names every
/// instrument kind in the instId itself.
/// </summary>
/// <remarks>
/// Thread-safe: lookups read an immutable dictionary without locking; registrations copy it under a lock and publish
/// the copy. Registration is rare, lookups happen on every message.
/// </remarks>
public sealed class OkxSymbolRegistry
{
    /// <summary>The longest instId accepted (an <see cref="InstrumentId"/>'s symbol has at most 64 characters).</summary>
    public const int MaxInstIdLength = 64;

    /// <summary>How many instIds are registered on first sight at most, so garbage cannot grow the table without bound.</summary>
    public const int MaxAutoRegistered = 16_384;

    private readonly Lock _gate = new();
    private Dictionary<byte[], InstrumentId> _table = new(ByteKeyComparer.Instance);
    private int _autoRegistered;

    /// <summary>How many instIds are registered.</summary>
    public int Count => Volatile.Read(ref _table).Count;

    /// <summary>Changes (to another object) whenever a mapping is added or replaced: a lookup remembered with it is still valid while it is the same.</summary>
    internal object Version => Volatile.Read(ref _table);

    /// <summary>Registers <paramref name="instId"/> with the conventional id and returns it.</summary>
    public InstrumentId Register(string instId)
    {
        var id = OkxInstrumentIds.Of(instId);
        Register(instId, id);
        return id;
    }

    /// <summary>Registers <paramref name="instId"/> as <paramref name="instrument"/>, replacing an earlier mapping.</summary>
    public void Register(string instId, InstrumentId instrument)
    {
        ArgumentException.ThrowIfNullOrEmpty(instId);
        if (instrument.IsDefault)
        {
            throw new ArgumentException("An instId must map to an instrument.", nameof(instrument));
        }

        var bytes = Encoding.UTF8.GetBytes(instId);
        if (bytes.Length > MaxInstIdLength)
        {
            throw new ArgumentException($"An OKX instId has at most {MaxInstIdLength} bytes.", nameof(instId));
        }

        lock (_gate)
        {
            Publish(bytes, instrument);
        }
    }

    /// <summary>Looks the instId up without registering it.</summary>
    public bool TryGet(ReadOnlySpan<byte> instId, out InstrumentId instrument) =>
        Volatile.Read(ref _table).GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(instId, out instrument);

    /// <summary>Looks the instId up and registers it when new and valid. Allocates only when it registers; never throws.</summary>
    public bool Resolve(ReadOnlySpan<byte> instId, out InstrumentId instrument)
    {
        if (TryGet(instId, out instrument))
        {
            return true;
        }

        if (instId.IsEmpty || instId.Length > MaxInstIdLength || !IsValid(instId))
        {
            return false;
        }

        lock (_gate)
        {
            if (_table.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(instId, out instrument))
            {
                return true;
            }

            if (_autoRegistered >= MaxAutoRegistered)
            {
                return false;
            }

            instrument = InstrumentId.Of(Encoding.ASCII.GetString(instId), Venue.Okx);
            Publish(instId.ToArray(), instrument);
            _autoRegistered++;
            return true;
        }
    }

    private void Publish(byte[] key, InstrumentId instrument)
    {
        var copy = new Dictionary<byte[], InstrumentId>(_table, ByteKeyComparer.Instance) { [key] = instrument };
        Volatile.Write(ref _table, copy);
    }

    /// <summary>OKX instIds are upper-case letters, digits and '-'; anything else is refused before allocating.</summary>
    private static bool IsValid(ReadOnlySpan<byte> instId)
    {
        foreach (var c in instId)
        {
            if (c is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_'))
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
