namespace FlowSight.Venues.Network;

/// <summary>Where a rotation's <see cref="OverlapDeduplicator"/> is.</summary>
public enum OverlapPhase : byte
{
    /// <summary>Both sockets deliver: the old one's frames go to the handler, the new one's are buffered.</summary>
    Overlap = 0,

    /// <summary>Switched to the new socket; its frames already delivered by the old one are still being dropped.</summary>
    Draining,
}
