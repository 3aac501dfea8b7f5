namespace FlowSight.Core;

/// <summary>
/// A command the venue refused (<see cref="FateUnknown"/> false: code and reason are the venue's) or whose outcome is
/// unknown (a timeout or dropped connection after sending: the engine must query by client order id, never resend).
/// </summary>
public readonly record struct VenueCommandFailure
{
    /// <summary>Which command.</summary>
    public required TradingCommandKind Command { get; init; }

    /// <summary>The order it was about (default for cancel-all).</summary>
    public required ClientOrderId ClientOrderId { get; init; }

    /// <summary>The instrument.</summary>
    public required InstrumentId Instrument { get; init; }

    /// <summary>True when the request may or may not have reached the venue.</summary>
    public bool FateUnknown { get; init; }

    /// <summary>The venue's error code (Binance -2010, OKX 51008...), when it gave one.</summary>
    public string? Code { get; init; }

    /// <summary>What happened, for a person.</summary>
    public required string Reason { get; init; }

    /// <summary>When we learned it, Unix ns.</summary>
    public long Timestamp { get; init; }
}
