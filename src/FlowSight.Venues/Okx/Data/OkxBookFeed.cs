using FlowSight.Core;
using FlowSight.Venues.Okx.Book;

namespace FlowSight.Venues.Okx.Data;

/// <summary>
/// One instrument's <c>books</c> pipeline. The synchronizer is created with the instrument's precisions (from its
/// spec, or from the first snapshot when there is none). The lock serialises the receive thread with resyncs.
/// </summary>
internal sealed class OkxBookFeed(string instId, InstrumentId instrument, string topic, Instrument? spec)
{
    public Lock Gate { get; } = new();

    public string InstId { get; } = instId;

    public InstrumentId Instrument { get; } = instrument;

    public string Topic { get; } = topic;

    public Instrument? Spec { get; } = spec;

    public OkxBookSynchronizer? Synchronizer { get; set; }

    /// <summary>Why the last resubscription failed, until one succeeds.</summary>
    public string? LastError { get; set; }

    /// <summary>Resubscriptions completed.</summary>
    public long Resubscribes;

    /// <summary>1 while a resubscription is in flight, so repeated failures don't stack requests.</summary>
    public int ResubscribeInFlight;
}
