namespace FlowSight.Engine.Messaging;

/// <summary>Consumes events from a ring buffer, in sequence order, on the <see cref="BatchEventProcessor{T}"/>'s thread.</summary>
/// <typeparam name="T">The ring's slot type.</typeparam>
public interface IBatchEventHandler<T>
    where T : struct
{
    /// <summary>
    /// Handles one event, read in place from its slot: do not keep the reference, the slot is reused once the batch
    /// ends. <paramref name="endOfBatch"/> is true on the last event currently available: a good place to flush.
    /// </summary>
    void OnEvent(ref T evt, long sequence, bool endOfBatch);

    /// <summary>Called before a batch of <paramref name="batchSize"/> events; does nothing unless overridden.</summary>
    void OnBatchStart(long batchSize)
    {
    }
}
