using FlowSight.Core;
using FlowSight.Venues.Okx.Book;

namespace FlowSight.Venues.Okx.Replay;

/// <summary>One instrument's book in an <see cref="OkxReplay"/>.</summary>
public sealed class OkxReplayBook
{
    internal OkxReplayBook(InstrumentId instrument, OkxBookSynchronizer synchronizer)
    {
        Instrument = instrument;
        Synchronizer = synchronizer;
    }

    /// <summary>The instrument.</summary>
    public InstrumentId Instrument { get; }

    /// <summary>The synchronizer and its book.</summary>
    public OkxBookSynchronizer Synchronizer { get; }

    /// <summary>Why the book last lost sync (live, the resubscription it would have asked for), or null.</summary>
    public OkxResubscribeRequested? LastFailure { get; internal set; }

    /// <summary>True when the book follows the recording's.</summary>
    public bool IsSynced => Synchronizer.State == OkxBookSyncState.Synced;

    /// <summary>Book messages seen for the instrument.</summary>
    public long Frames { get; internal set; }

    /// <summary>The statistics so far; <paramref name="malformed"/> is the replay's count of unparsable frames.</summary>
    public OkxReplayStatistics Statistics(long malformed)
    {
        var c = Synchronizer.Counters;
        return new OkxReplayStatistics(Frames, c.Snapshots, c.UpdatesApplied, c.Ignored, c.Gaps, c.Resyncs, c.ChecksumChecked, c.ChecksumMismatched, malformed, c.UpdatesFused);
    }
}
