namespace FlowSight.Venues.Network.Http;

/// <summary>
/// The venue could not answer (5xx), did not answer in time, or could not be reached, and the retries (if the request
/// allowed any) did not help.
/// </summary>
public sealed class VenueTransientException : VenueRestException
{
    /// <summary>Creates an exception with a default message.</summary>
    public VenueTransientException()
        : base("The venue failed to answer.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public VenueTransientException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> and its cause.</summary>
    public VenueTransientException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What went wrong on the last attempt.</summary>
    public TransientFailureKind Kind { get; init; }

    /// <summary>The attempt that failed (1 for the first).</summary>
    public int Attempt { get; init; }
}
