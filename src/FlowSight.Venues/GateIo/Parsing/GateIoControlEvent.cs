namespace FlowSight.Venues.GateIo.Parsing;

/// <summary>The <c>event</c> of a Gate.io reply to a request.</summary>
public enum GateIoControlEvent : byte
{
    /// <summary>An event the parser does not know.</summary>
    Other = 0,

    /// <summary><c>subscribe</c>.</summary>
    Subscribe,

    /// <summary><c>unsubscribe</c>.</summary>
    Unsubscribe,
}
