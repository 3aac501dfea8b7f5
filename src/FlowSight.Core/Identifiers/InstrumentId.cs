using System.Diagnostics.CodeAnalysis;

namespace FlowSight.Core;

/// <summary>
/// Identifies an instrument as <c>SYMBOL.VENUE</c>, e.g. <c>BTCUSDT-PERP.BINANCE</c>, <c>BTC-USDT-SWAP.OKX</c>,
/// <c>BTC_USDT-PERP.GATEIO</c>. The value is an interned handle (four bytes, no references), so events that carry it
/// stay unmanaged; the strings live once in a process-wide table. Inside the engine each instrument also gets a dense
/// per-engine index.
/// </summary>
public readonly struct InstrumentId : IEquatable<InstrumentId>, IComparable<InstrumentId>
{
    private static readonly InternTable<(string Symbol, Venue Venue)> Table = new();

    private readonly int _handle; // handle + 1, so default(InstrumentId) is distinguishable

    private InstrumentId(int handle) => _handle = handle + 1;

    /// <summary>The symbol part, e.g. <c>BTCUSDT-PERP</c>.</summary>
    public string Symbol => _handle == 0 ? string.Empty : Table.PayloadOf(_handle - 1).Symbol;

    /// <summary>The venue part.</summary>
    public Venue Venue => _handle == 0 ? default : Table.PayloadOf(_handle - 1).Venue;

    /// <summary>The full identifier, e.g. <c>BTCUSDT-PERP.BINANCE</c>.</summary>
    public string Value => _handle == 0 ? string.Empty : Table.NameOf(_handle - 1);

    /// <summary>True for <c>default(InstrumentId)</c>.</summary>
    public bool IsDefault => _handle == 0;

    /// <summary>
    /// The process-wide dense handle (0, 1, 2, ... in order of first use). Useful as an array index for per-instrument
    /// state where instruments are few; -1 for the default id.
    /// </summary>
    public int Handle => _handle - 1;

    /// <summary>Builds an id from its parts.</summary>
    public static InstrumentId Of(string symbol, Venue venue)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (venue.IsDefault)
        {
            throw new ArgumentException("An instrument id needs a venue.", nameof(venue));
        }

        if (!IsValidSymbol(symbol))
        {
            throw new FormatException($"Invalid symbol '{symbol}': use 1-64 characters from A-Z a-z 0-9 - _ / : (e.g. BTCUSDT-PERP).");
        }

        var full = string.Concat(symbol, ".", venue.Name);
        return new InstrumentId(Table.Intern(full, (symbol, venue)));
    }

    /// <summary>Parses <c>SYMBOL.VENUE</c>.</summary>
    /// <exception cref="FormatException">The text is not of that form.</exception>
    public static InstrumentId Parse(string value)
    {
        if (!TryParse(value, out var id, out var error))
        {
            throw new FormatException(error);
        }

        return id;
    }

    /// <summary>Parses <c>SYMBOL.VENUE</c> without throwing.</summary>
    public static bool TryParse(string? value, out InstrumentId id) => TryParse(value, out id, out _);

    private static bool TryParse(string? value, out InstrumentId id, [NotNullWhen(false)] out string? error)
    {
        id = default;
        if (string.IsNullOrEmpty(value))
        {
            error = "An instrument id is empty; expected SYMBOL.VENUE such as BTCUSDT-PERP.BINANCE.";
            return false;
        }

        if (Table.TryGet(value, out var handle))
        {
            id = new InstrumentId(handle);
            error = null;
            return true;
        }

        var dot = value.LastIndexOf('.');
        if (dot <= 0 || dot == value.Length - 1)
        {
            error = $"Invalid instrument id '{value}': expected SYMBOL.VENUE such as BTCUSDT-PERP.BINANCE.";
            return false;
        }

        var symbol = value.AsSpan(0, dot);
        var venue = value.AsSpan(dot + 1);
        if (!IsValidSymbol(symbol))
        {
            error = $"Invalid instrument id '{value}': the symbol '{symbol}' may use only A-Z a-z 0-9 - _ / : (1-64 characters).";
            return false;
        }

        if (!Venue.IsValidName(venue))
        {
            error = $"Invalid instrument id '{value}': the venue '{venue}' must be upper-case letters, digits or '_'.";
            return false;
        }

        id = Of(symbol.ToString(), Venue.Of(venue.ToString()));
        error = null;
        return true;
    }

    private static bool IsValidSymbol(ReadOnlySpan<char> symbol)
    {
        if (symbol.IsEmpty || symbol.Length > 64)
        {
            return false;
        }

        foreach (var c in symbol)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '/' or ':'))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public bool Equals(InstrumentId other) => _handle == other._handle;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is InstrumentId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _handle;

    /// <summary>Orders by the identifier's text, so listings are stable whatever the interning order.</summary>
    public int CompareTo(InstrumentId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    public static bool operator ==(InstrumentId left, InstrumentId right) => left.Equals(right);

    public static bool operator !=(InstrumentId left, InstrumentId right) => !left.Equals(right);

    public static bool operator <(InstrumentId left, InstrumentId right) => left.CompareTo(right) < 0;

    public static bool operator <=(InstrumentId left, InstrumentId right) => left.CompareTo(right) <= 0;

    public static bool operator >(InstrumentId left, InstrumentId right) => left.CompareTo(right) > 0;

    public static bool operator >=(InstrumentId left, InstrumentId right) => left.CompareTo(right) >= 0;
}
