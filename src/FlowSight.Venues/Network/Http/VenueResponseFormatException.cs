namespace FlowSight.Venues.Network.Http;

/// <summary>
/// The venue answered successfully but the body is not what the endpoint returns (malformed JSON, a missing field, a
/// number we cannot represent). <see cref="BodyExcerpt"/> shows the start of what arrived.
/// </summary>
public sealed class VenueResponseFormatException : VenueRestException
{
    /// <summary>The longest body excerpt kept.</summary>
    public const int MaxExcerptLength = 256;

    /// <summary>Creates an exception with a default message.</summary>
    public VenueResponseFormatException()
        : base("The venue's response could not be read.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public VenueResponseFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> and its cause.</summary>
    public VenueResponseFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The first <see cref="MaxExcerptLength"/> characters of the body.</summary>
    public string? BodyExcerpt { get; init; }

    /// <summary>The first <see cref="MaxExcerptLength"/> characters of <paramref name="body"/> as text.</summary>
    public static string Excerpt(ReadOnlySpan<byte> body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body[..Math.Min(body.Length, MaxExcerptLength * 4)]);
        return text.Length <= MaxExcerptLength ? text : string.Concat(text.AsSpan(0, MaxExcerptLength), "…");
    }
}
