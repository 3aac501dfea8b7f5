namespace FlowSight.TestServers.GateIo;

/// <summary>
/// One recorded book the venue publishes at the test's pace (<see cref="GateIoTestServerOptions.PaceOrderBookUpdates"/>):
/// how far its update stream has got, the updates to lose, and who is subscribed.
/// </summary>
internal sealed class GateIoPacedBook(IReadOnlyList<GateIoServerRecording.Notification> updates, long snapshotId)
{
    public IReadOnlyList<GateIoServerRecording.Notification> Updates { get; } = updates;

    /// <summary>The next update to publish: the first one after the recorded snapshot (the one that bridges it).</summary>
    public int Next { get; set; } = FirstAfter(updates, snapshotId);

    /// <summary>The <c>u</c> of the last update published (pushed or lost), or the recorded snapshot's id before any.</summary>
    public long LastUpdateId { get; set; } = snapshotId;

    /// <summary>Updates still to lose (published by the venue, never pushed).</summary>
    public int Skip { get; set; }

    public List<GateIoServerConnection> Subscribers { get; } = [];

    private static int FirstAfter(IReadOnlyList<GateIoServerRecording.Notification> updates, long snapshotId)
    {
        for (var i = 0; i < updates.Count; i++)
        {
            if (updates[i].LastUpdateId > snapshotId)
            {
                return i;
            }
        }

        return updates.Count;
    }
}
