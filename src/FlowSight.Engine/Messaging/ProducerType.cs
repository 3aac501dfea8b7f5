namespace FlowSight.Engine.Messaging;

/// <summary>How many threads may claim slots of a <see cref="RingBuffer{T}"/>; fixed at construction.</summary>
public enum ProducerType
{
    /// <summary>One producer thread: claims are plain writes, the fastest path. Concurrent claims corrupt the ring.</summary>
    Single,

    /// <summary>Any number of producer threads: claims use a compare-and-swap and a per-slot availability flag.</summary>
    Multi,
}
