namespace FlowSight.Engine.Messaging;

/// <summary>What a <see cref="BatchEventProcessor{T}"/> does after its handler throws (once the error is reported).</summary>
public enum ConsumerErrorPolicy
{
    /// <summary>Halt the processor and the ring: waiting producers throw, <c>Completion</c> faults with the error.</summary>
    Stop,

    /// <summary>Skip the failed event and go on with the next one.</summary>
    Continue,
}
