namespace FlowSight.Engine.Messaging;

/// <summary>A claim found the ring buffer full and its <see cref="FullBufferPolicy"/> is <see cref="FullBufferPolicy.Throw"/>.</summary>
public sealed class InsufficientCapacityException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public InsufficientCapacityException()
        : base("The ring buffer is full: the consumer has not freed enough slots.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public InsufficientCapacityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public InsufficientCapacityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
