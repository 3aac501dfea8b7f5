namespace FlowSight.Venues.Okx.Trading;

/// <summary>The private WebSocket closed or timed out while a request was waiting for its answer: its fate is unknown.</summary>
public sealed class OkxConnectionLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OkxConnectionLostException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OkxConnectionLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public OkxConnectionLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
