using FlowSight.Core;

namespace FlowSight.Engine.Execution;

/// <summary>One venue account was reconciled with the engine's orders: what the venue listed and what changed.</summary>
public readonly record struct ReconciliationCompleted
{
    /// <summary>The venue.</summary>
    public required Venue Venue { get; init; }

    /// <summary>The account.</summary>
    public required string Account { get; init; }

    /// <summary>Working orders the venue listed.</summary>
    public int OpenOrders { get; init; }

    /// <summary>Of those, orders the engine did not hold (placed by hand, or ours from before a restart).</summary>
    public int AdoptedOrders { get; init; }

    /// <summary>Fills the venue listed.</summary>
    public int Fills { get; init; }

    /// <summary>Of those, fills the engine had not counted.</summary>
    public int NewFills { get; init; }

    /// <summary>Local working orders the venue no longer listed, queried one by one.</summary>
    public int OrdersQueried { get; init; }

    /// <summary>Of those, orders the venue did not know (marked rejected or canceled).</summary>
    public int OrdersNotFound { get; init; }

    /// <summary>Queries that failed (left for the next reconciliation).</summary>
    public int QueryErrors { get; init; }

    /// <summary>Positions the venue reported.</summary>
    public int Positions { get; init; }

    /// <summary>Balances the venue reported.</summary>
    public int Balances { get; init; }

    /// <summary>Since when fills were asked for, Unix ns.</summary>
    public long FillsSince { get; init; }

    /// <summary>When it completed, Unix ns.</summary>
    public long Timestamp { get; init; }
}
