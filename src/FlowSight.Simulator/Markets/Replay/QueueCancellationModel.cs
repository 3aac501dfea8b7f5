namespace FlowSight.Simulator.Markets.Replay;

/// <summary>
/// Where the cancellations at our price level happened relative to our resting order — the part of a level's
/// decrease that the recorded trades at that price do not explain.
/// </summary>
public enum QueueCancellationModel : byte
{
    /// <summary>
    /// Spread evenly over the level: the queue ahead of us shrinks by the canceled quantity × (ahead ÷ level size).
    /// The usual estimate when the feed has no order ids.
    /// </summary>
    Proportional = 0,

    /// <summary>
    /// All behind us: only trades move us forward. The pessimistic bound (fills come no earlier than under
    /// <see cref="Proportional"/>), and exactly checkable against the recorded trades.
    /// </summary>
    BehindUs = 1,
}
