namespace FlowSight.Engine.Exits;

/// <summary>Why a position is being closed.</summary>
public enum ExitKind : byte
{
    /// <summary>The price crossed the fixed stop against the position.</summary>
    StopLoss = 1,

    /// <summary>The price reached the take-profit in the position's favour.</summary>
    TakeProfit = 2,

    /// <summary>The price fell back from its best by the trailing distance.</summary>
    TrailingStop = 3,

    /// <summary>The position was held for its maximum holding time.</summary>
    TimeStop = 4,
}
