namespace FlowSight.Engine.Execution;

/// <summary>How the execution engine waits, retries and reconciles.</summary>
public sealed record ExecutionEngineOptions
{
    /// <summary>Wait this long after an unknown outcome before the first query by client order id: the venue may still be processing the request.</summary>
    public TimeSpan UnknownFateGrace { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Queries by client order id before an unknown-outcome order the venue does not know is marked rejected.</summary>
    public int UnknownFateQueryAttempts { get; init; } = 3;

    /// <summary>Wait between those queries.</summary>
    public TimeSpan UnknownFateRetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Reconciliation asks for fills since the last fill seen minus this margin (venue and local clocks differ; fills arrive late).</summary>
    public TimeSpan ReconcileFillMargin { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back the first reconciliation asks for fills when none was seen yet.</summary>
    public TimeSpan InitialFillLookback { get; init; } = TimeSpan.FromHours(24);

    /// <summary>A working order the venue no longer lists is queried; a Submitted one younger than this is left to its own reply (it may still be in flight).</summary>
    public TimeSpan InFlightGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many trade ids of fills for orders the engine does not hold are remembered to drop duplicates.</summary>
    public int RecentForeignTradeWindow { get; init; } = 16_384;

    /// <summary>
    /// Call the clients' command methods on the calling (engine) thread instead of the thread pool. For tests with
    /// in-process clients whose methods return at once; a real client must never run on the engine thread.
    /// </summary>
    public bool CallClientsInline { get; init; }

    /// <summary>Validated copy.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public ExecutionEngineOptions EnsureValid()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(UnknownFateGrace, TimeSpan.Zero, nameof(UnknownFateGrace));
        ArgumentOutOfRangeException.ThrowIfLessThan(UnknownFateQueryAttempts, 1, nameof(UnknownFateQueryAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(UnknownFateRetryInterval, TimeSpan.Zero, nameof(UnknownFateRetryInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReconcileFillMargin, TimeSpan.Zero, nameof(ReconcileFillMargin));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialFillLookback, TimeSpan.Zero, nameof(InitialFillLookback));
        ArgumentOutOfRangeException.ThrowIfLessThan(InFlightGrace, TimeSpan.Zero, nameof(InFlightGrace));
        ArgumentOutOfRangeException.ThrowIfLessThan(RecentForeignTradeWindow, 16, nameof(RecentForeignTradeWindow));
        return this;
    }
}
