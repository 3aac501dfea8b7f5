namespace FlowSight.Core;

/// <summary>What the venue says the account holds right now: the input of reconciliation.</summary>
public sealed record ExecutionStateSnapshot
{
    /// <summary>Working orders.</summary>
    public required IReadOnlyList<OrderStatusReport> OpenOrders { get; init; }

    /// <summary>Fills since the time asked for.</summary>
    public required IReadOnlyList<FillReport> Fills { get; init; }

    /// <summary>Balances.</summary>
    public required IReadOnlyList<BalanceReport> Balances { get; init; }

    /// <summary>Open positions (empty for spot).</summary>
    public required IReadOnlyList<PositionStatusReport> Positions { get; init; }

    /// <summary>When it was taken, Unix ns.</summary>
    public long Timestamp { get; init; }
}
