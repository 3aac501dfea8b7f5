namespace FlowSight.Venues.Okx.Book;

/// <summary>Where an <see cref="OkxBookSynchronizer"/> stands.</summary>
public enum OkxBookSyncState : byte
{
    /// <summary>No snapshot yet: updates are ignored.</summary>
    AwaitingSnapshot = 0,

    /// <summary>The book follows the venue's.</summary>
    Synced,

    /// <summary>A gap, checksum mismatch or rejected update: a resubscription was requested and updates are ignored until its snapshot.</summary>
    OutOfSync,
}
