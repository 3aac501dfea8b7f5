namespace FlowSight.Core;

/// <summary>Which position an order or fill belongs to on a derivatives account.</summary>
public enum PositionSide : byte
{
    /// <summary>One-way mode: a single net position per instrument.</summary>
    Both = 0,

    /// <summary>Hedge mode, the long leg.</summary>
    Long = 1,

    /// <summary>Hedge mode, the short leg.</summary>
    Short = 2,
}
