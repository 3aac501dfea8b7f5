namespace FlowSight.Engine.Risk;

/// <summary>What the risk engine lets through: everything, only position-reducing orders, or only cancels.</summary>
public enum TradingState : byte
{
    /// <summary>Every command that passes the checks.</summary>
    Active = 0,

    /// <summary>Only orders that reduce a position (reduce-only, or opposite the position and no larger than what is left of it), and cancels.</summary>
    Reducing = 1,

    /// <summary>No new or changed orders; cancels still pass.</summary>
    Halted = 2,
}
