namespace FlowSight.Venues.Okx.Trading;

/// <summary>OKX refused the private WebSocket's login or a subscription (wrong key, passphrase, signature or clock).</summary>
public sealed class OkxLoginException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OkxLoginException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OkxLoginException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public OkxLoginException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
