namespace FlowSight.Venues.Network.Http;

/// <summary>Reads a venue's error payload from a response body; returns false when the body is not one.</summary>
public delegate bool VenueErrorParser(ReadOnlySpan<byte> body, out VenueErrorBody error);
