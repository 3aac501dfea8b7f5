namespace FlowSight.Engine.CrossVenue;

/// <summary>Whether a venue instrument counts in its consolidated quote.</summary>
public enum VenueQuoteStatus : byte
{
    /// <summary>Nothing received yet.</summary>
    NoData = 0,

    /// <summary>Fresh: it counts.</summary>
    Live = 1,

    /// <summary>No update within the configured time: left out until its next update.</summary>
    TimedOut = 2,

    /// <summary>Marked stale (connection down, book out of sync, crossed book): left out until its next quote tick or book snapshot.</summary>
    Marked = 3,
}
