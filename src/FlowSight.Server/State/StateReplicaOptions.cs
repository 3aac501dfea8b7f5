namespace FlowSight.Server.State;

/// <summary>How much the <see cref="StateReplica"/> keeps and how often it refreshes its snapshots.</summary>
public sealed record StateReplicaOptions
{
    /// <summary>Levels per side copied into each book snapshot.</summary>
    public int BookDepth { get; init; } = 200;

    /// <summary>Public trades kept per instrument (newest).</summary>
    public int TradesKept { get; init; } = 200;

    /// <summary>Our fills kept (newest).</summary>
    public int FillsKept { get; init; } = 500;

    /// <summary>Candles kept per instrument and interval (newest).</summary>
    public int CandlesKept { get; init; } = 1000;

    /// <summary>How often the timer asks the engine thread to copy what changed into new snapshots.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Points of the equity curve kept in the account snapshot.</summary>
    public int EquityPointsKept { get; init; } = 2000;

    /// <summary>Finished orders (filled, canceled, rejected, expired, denied) kept beside the working ones.</summary>
    public int ClosedOrdersKept { get; init; } = 500;

    /// <summary>
    /// How often positions, account and risk are revalued even when no fill, mark or report arrived (their PnL moves
    /// with every last price, which would otherwise mark them changed on every trade).
    /// </summary>
    public TimeSpan PortfolioInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Checks every value; throws with all problems listed.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public StateReplicaOptions EnsureValid()
    {
        var errors = new List<string>();
        Positive(BookDepth, nameof(BookDepth));
        Positive(TradesKept, nameof(TradesKept));
        Positive(FillsKept, nameof(FillsKept));
        Positive(CandlesKept, nameof(CandlesKept));
        Positive(EquityPointsKept, nameof(EquityPointsKept));
        Positive(ClosedOrdersKept, nameof(ClosedOrdersKept));
        if (FlushInterval < TimeSpan.FromMilliseconds(1))
        {
            errors.Add($"FlushInterval must be at least 1 ms, was {FlushInterval}.");
        }

        if (PortfolioInterval < TimeSpan.Zero)
        {
            errors.Add($"PortfolioInterval must not be negative, was {PortfolioInterval}.");
        }

        return errors.Count == 0 ? this : throw new ArgumentException("Invalid replica options: " + string.Join(" ", errors));

        void Positive(int value, string name)
        {
            if (value < 1)
            {
                errors.Add($"{name} must be at least 1, was {value}.");
            }
        }
    }
}
