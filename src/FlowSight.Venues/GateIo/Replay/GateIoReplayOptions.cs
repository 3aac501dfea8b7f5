namespace FlowSight.Venues.GateIo.Replay;

/// <summary>Settings of a <see cref="GateIoReplay"/>.</summary>
public sealed record GateIoReplayOptions
{
    /// <summary>The registry resolving Gate names (a new one when null).</summary>
    public GateIoSymbolRegistry? Registry { get; init; }

    /// <summary>
    /// Price decimals of every book, or null to take the finest of each book's first snapshot. Gate's messages state no
    /// tick size; give the instrument's when known, since a later level with more decimals than the book holds is refused.
    /// </summary>
    public byte? PricePrecision { get; init; }

    /// <summary>Size decimals of every book, or null to take the finest of each book's first snapshot (see <see cref="PricePrecision"/>).</summary>
    public byte? SizePrecision { get; init; }

    /// <summary>Levels per side to pre-allocate.</summary>
    public int BookCapacity { get; init; } = 1024;
}
