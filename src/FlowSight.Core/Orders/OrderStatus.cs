namespace FlowSight.Core;

/// <summary>Where an order is in its life.</summary>
public enum OrderStatus : byte
{
    /// <summary>Created locally, not yet sent.</summary>
    Initialized = 0,

    /// <summary>Sent to the venue, no answer yet.</summary>
    Submitted = 1,

    /// <summary>Working at the venue.</summary>
    Accepted = 2,

    /// <summary>Working, some quantity filled.</summary>
    PartiallyFilled = 3,

    /// <summary>Completely filled (terminal).</summary>
    Filled = 4,

    /// <summary>Canceled, possibly after partial fills (terminal).</summary>
    Canceled = 5,

    /// <summary>Refused by the risk engine or the venue (terminal).</summary>
    Rejected = 6,

    /// <summary>Expired by its time in force or the venue (terminal).</summary>
    Expired = 7,

    /// <summary>A cancel was sent, no answer yet.</summary>
    PendingCancel = 8,

    /// <summary>An amend was sent, no answer yet.</summary>
    PendingReplace = 9,

    /// <summary>A stop or take-profit waiting for its trigger.</summary>
    Untriggered = 10,
}

/// <summary>Helpers on <see cref="OrderStatus"/>.</summary>
public static class OrderStatusExtensions
{
    /// <summary>True once an order can change no more.</summary>
    public static bool IsTerminal(this OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Rejected or OrderStatus.Expired;
}
