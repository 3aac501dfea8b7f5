namespace FlowSight.Venues.Network;

/// <summary>Why a parser could not use a frame.</summary>
public enum FrameProblem : byte
{
    /// <summary>Not valid for its kind (bad JSON, a missing or mistyped field).</summary>
    Malformed,

    /// <summary>Well-formed, but of a kind, channel or event the parser does not handle.</summary>
    Unknown,

    /// <summary>About a symbol the registry refused.</summary>
    UnknownSymbol,
}
