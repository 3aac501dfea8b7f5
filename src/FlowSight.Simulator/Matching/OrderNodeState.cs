namespace FlowSight.Simulator.Matching;

/// <summary>Where a pooled <see cref="OrderNode"/> is.</summary>
internal enum OrderNodeState : byte
{
    /// <summary>On the free list.</summary>
    Free = 0,

    /// <summary>Being matched on arrival (not yet in the book).</summary>
    Incoming = 1,

    /// <summary>Resting in a price level.</summary>
    Resting = 2,

    /// <summary>A stop or take-profit waiting for its trigger.</summary>
    Untriggered = 3,
}
