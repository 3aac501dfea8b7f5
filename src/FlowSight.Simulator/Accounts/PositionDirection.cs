namespace FlowSight.Simulator.Accounts;

/// <summary>The sign of a position (Binance's signed <c>positionAmt</c>, kept apart because a quantity is never negative).</summary>
public enum PositionDirection : byte
{
    /// <summary>No position.</summary>
    Flat = 0,

    /// <summary>Long: gains when the price rises.</summary>
    Long = 1,

    /// <summary>Short: gains when the price falls.</summary>
    Short = 2,
}
