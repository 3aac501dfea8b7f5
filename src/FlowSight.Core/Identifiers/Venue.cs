namespace FlowSight.Core;

/// <summary>
/// A trading venue such as <c>BINANCE</c>, <c>OKX</c> or <c>GATEIO</c>. Names are upper-case ASCII letters, digits
/// and '_'; the value is an interned handle, so a <see cref="Venue"/> costs four bytes and compares as an integer.
/// </summary>
public readonly struct Venue : IEquatable<Venue>
{
    private static readonly InternTable<byte> Table = new();

    private readonly int _handle; // handle + 1, so default(Venue) is distinguishable

    private Venue(int handle) => _handle = handle + 1;

    /// <summary>Binance (spot and derivatives share the venue; the symbol suffix tells the market).</summary>
    public static readonly Venue Binance = Of("BINANCE");

    /// <summary>OKX.</summary>
    public static readonly Venue Okx = Of("OKX");

    /// <summary>Gate.io.</summary>
    public static readonly Venue GateIo = Of("GATEIO");

    /// <summary>FlowSight's own simulated exchange.</summary>
    public static readonly Venue Simulator = Of("SIM");

    /// <summary>The venue's name, e.g. <c>BINANCE</c>.</summary>
    public string Name => _handle == 0 ? string.Empty : Table.NameOf(_handle - 1);

    /// <summary>True for <c>default(Venue)</c>.</summary>
    public bool IsDefault => _handle == 0;

    /// <summary>Returns the venue with this name, validating it.</summary>
    /// <exception cref="FormatException">The name is empty or has characters other than A–Z, 0–9 and '_'.</exception>
    public static Venue Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValidName(name))
        {
            throw new FormatException($"Invalid venue name '{name}': use 1-32 upper-case letters, digits or '_' (e.g. BINANCE).");
        }

        return new Venue(Table.Intern(name, 0));
    }

    internal static bool IsValidName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > 32)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public bool Equals(Venue other) => _handle == other._handle;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Venue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _handle;

    /// <inheritdoc />
    public override string ToString() => Name;

    public static bool operator ==(Venue left, Venue right) => left.Equals(right);

    public static bool operator !=(Venue left, Venue right) => !left.Equals(right);
}
