namespace FlowSight.Core;

/// <summary>Flags on a <see cref="BookDelta"/>.</summary>
[Flags]
public enum BookDeltaFlags : byte
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>The last delta of one venue message: the book is consistent only after it.</summary>
    Last = 1,

    /// <summary>The delta belongs to a snapshot rather than an incremental update.</summary>
    Snapshot = 2,
}
