namespace FlowSight.Core;

/// <summary>The venue's view of one asset in one account.</summary>
public readonly record struct BalanceReport
{
    /// <summary>The venue.</summary>
    public required Venue Venue { get; init; }

    /// <summary>
    /// The account's name (<see cref="IExecutionClient.Account"/> of the client that reported it): with
    /// <see cref="Venue"/> it says whose balance this is, so two accounts' USDT never overwrite each other.
    /// </summary>
    public required string Account { get; init; }

    /// <summary>The account as one value.</summary>
    public VenueAccount VenueAccount => new(Venue, Account);

    /// <summary>Asset code (USDT, BTC).</summary>
    public required string Asset { get; init; }

    /// <summary>Total (wallet) balance.</summary>
    public required decimal Total { get; init; }

    /// <summary>Available for new orders or withdrawal.</summary>
    public required decimal Free { get; init; }

    /// <summary>
    /// True for a snapshot taken at reconciliation (the truth at that moment, consistent with the fills reconciled
    /// with it); false for a streamed update, which may reach the engine before the fills it already includes.
    /// </summary>
    public bool IsSnapshot { get; init; }

    /// <summary>Locked in orders or margin.</summary>
    public decimal Locked => Total - Free;

    /// <summary>When we received it, Unix ns.</summary>
    public long Timestamp { get; init; }
}
