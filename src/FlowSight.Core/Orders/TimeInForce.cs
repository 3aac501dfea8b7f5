namespace FlowSight.Core;

/// <summary>How long an order stays working.</summary>
public enum TimeInForce : byte
{
    /// <summary>Good till canceled.</summary>
    Gtc = 1,

    /// <summary>Immediate or cancel: fill what can be filled now, cancel the rest.</summary>
    Ioc = 2,

    /// <summary>Fill or kill: fill completely now or not at all.</summary>
    Fok = 3,

    /// <summary>Good till crossing (post-only): rejected if any part would take liquidity.</summary>
    Gtx = 4,
}
