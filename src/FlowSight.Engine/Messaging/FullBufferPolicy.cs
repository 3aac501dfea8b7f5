namespace FlowSight.Engine.Messaging;

/// <summary>
/// What <see cref="RingBuffer{T}.Next()"/> does when every slot still holds an event the consumer has not processed.
/// A ring buffer never overwrites an unconsumed slot and never drops an event; <c>TryNext</c> always returns
/// <see langword="false"/> instead of waiting, whatever the policy.
/// </summary>
public enum FullBufferPolicy
{
    /// <summary>
    /// The producer spins, then yields, then parks until the consumer frees enough slots. If the consumer halts or
    /// faults meanwhile, the producer gets a <see cref="RingBufferHaltedException"/> instead of waiting forever.
    /// </summary>
    Wait,

    /// <summary>The producer gets an <see cref="InsufficientCapacityException"/> at once.</summary>
    Throw,
}
