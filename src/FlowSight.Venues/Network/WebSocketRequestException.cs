namespace FlowSight.Venues.Network;

/// <summary>The venue answered a request (subscribe, unsubscribe, list) with an error object.</summary>
public sealed class WebSocketRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebSocketRequestException(string connectionName, long requestId, int? code, string venueMessage)
        : base($"{connectionName}: request {requestId} was refused by the venue: {(code is { } c ? $"code {c}, " : string.Empty)}{venueMessage}")
    {
        ConnectionName = connectionName;
        RequestId = requestId;
        Code = code;
        VenueMessage = venueMessage;
    }

    /// <summary>Creates an exception with a message only.</summary>
    public WebSocketRequestException()
        : this(string.Empty, 0, null, string.Empty)
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public WebSocketRequestException(string message)
        : base(message)
    {
        ConnectionName = string.Empty;
        VenueMessage = message;
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public WebSocketRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        ConnectionName = string.Empty;
        VenueMessage = message;
    }

    /// <summary>The connection the request was sent on.</summary>
    public string ConnectionName { get; }

    /// <summary>The request id.</summary>
    public long RequestId { get; }

    /// <summary>The venue's error code, when it sent one.</summary>
    public int? Code { get; }

    /// <summary>The venue's error text.</summary>
    public string VenueMessage { get; }
}
