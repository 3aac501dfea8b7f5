namespace FlowSight.Venues.Network.Http;

/// <summary>Why an attempt failed in a way worth retrying.</summary>
public enum TransientFailureKind : byte
{
    /// <summary>The venue answered 5xx.</summary>
    ServerError = 1,

    /// <summary>No complete response within the attempt timeout.</summary>
    Timeout = 2,

    /// <summary>The connection could not be made or broke (DNS, refused, reset, truncated response).</summary>
    ConnectionFailed = 3,
}
