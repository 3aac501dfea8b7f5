namespace FlowSight.Engine.Messaging;

/// <summary>
/// A producer needed free slots but the ring buffer's consumer has halted or faulted, so none will ever be freed.
/// <see cref="Exception.InnerException"/> holds the consumer's fault, if it faulted.
/// </summary>
public sealed class RingBufferHaltedException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public RingBufferHaltedException()
        : base("The ring buffer's consumer has halted; no slot will be freed.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public RingBufferHaltedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the consumer's fault.</summary>
    public RingBufferHaltedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
