namespace FlowSight.Core;

/// <summary>What a <see cref="BookDelta"/> does to its price level.</summary>
public enum BookAction : byte
{
    /// <summary>Sets the level's quantity (L2 venues send absolute quantities), adding the level if new.</summary>
    Set = 1,

    /// <summary>Removes the level (the venue sent quantity 0).</summary>
    Delete = 2,

    /// <summary>Clears the whole book, e.g. before a snapshot is applied.</summary>
    Clear = 3,
}
