namespace FlowSight.Venues.Okx.Replay;

/// <summary>Settings of an <see cref="OkxReplay"/>.</summary>
public sealed record OkxReplayOptions
{
    /// <summary>The registry resolving instIds (a new one when null).</summary>
    public OkxSymbolRegistry? Registry { get; init; }

    /// <summary>
    /// The least price precision of a book. OKX book messages state no tick size, so a book takes the finest precision
    /// of its first snapshot, at least this (give the instrument's tick precision when known).
    /// </summary>
    public byte MinPricePrecision { get; init; }

    /// <summary>The least size precision of a book (see <see cref="MinPricePrecision"/>).</summary>
    public byte MinSizePrecision { get; init; }

    /// <summary>
    /// Whether updates are parsed straight into their book (the fused path, <see cref="Parsing.IOkxBookSink"/>; the
    /// default) rather than through a <c>BookDeltas</c> batch. The same books and results either way.
    /// </summary>
    public bool Fused { get; init; } = true;

    /// <summary>Levels per side to pre-allocate (OKX <c>books</c> has 400).</summary>
    public int BookCapacity { get; init; } = 512;
}
