namespace FlowSight.Venues.Network.Http;

/// <summary>
/// The venue refused the request (a 4xx other than 429/418, or another non-success status): the problem is in the
/// request, so it is never retried. <see cref="VenueRestException.VenueCode"/> and
/// <see cref="VenueRestException.VenueMessage"/> carry the venue's own explanation.
/// </summary>
public sealed class VenueApiException : VenueRestException
{
    /// <summary>Creates an exception with a default message.</summary>
    public VenueApiException()
        : base("The venue refused the request.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public VenueApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> and its cause.</summary>
    public VenueApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
