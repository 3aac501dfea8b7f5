using FlowSight.Core;
using FlowSight.Venues.GateIo.Book;

namespace FlowSight.Venues.GateIo.Replay;

/// <summary>One instrument's book in a <see cref="GateIoReplay"/>.</summary>
public sealed class GateIoReplayBook
{
    internal GateIoReplayBook(InstrumentId instrument, GateIoMarket market, GateIoBookSynchronizer synchronizer)
    {
        Instrument = instrument;
        Market = market;
        Synchronizer = synchronizer;
    }

    /// <summary>The instrument.</summary>
    public InstrumentId Instrument { get; }

    /// <summary>Its market.</summary>
    public GateIoMarket Market { get; }

    /// <summary>The synchronizer and its book.</summary>
    public GateIoBookSynchronizer Synchronizer { get; }

    /// <summary>Frames seen for the instrument.</summary>
    public long Frames { get; internal set; }

    /// <summary>The statistics so far; <paramref name="malformed"/> is the replay's count of unparsable frames.</summary>
    public GateIoReplayStatistics Statistics(long malformed)
    {
        var c = Synchronizer.Counters;
        return new GateIoReplayStatistics(Frames, c.Snapshots, c.UpdatesApplied, c.UpdatesDropped, Synchronizer.BufferedUpdates, c.Gaps, c.Resyncs, c.Invalid, c.Crossed, malformed);
    }
}
