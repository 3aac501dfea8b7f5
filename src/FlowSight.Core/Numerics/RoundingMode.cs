namespace FlowSight.Core;

/// <summary>
/// How a multiply, divide or rescale drops the digits that do not fit the target precision.
/// Every fixed-point operation that can lose digits takes one explicitly, so no rounding happens by accident.
/// </summary>
public enum RoundingMode : byte
{
    /// <summary>Nearest; a tie goes to the even neighbour (banker's rounding, <see cref="MidpointRounding.ToEven"/>).</summary>
    ToEven = 0,

    /// <summary>Nearest; a tie goes away from zero (<see cref="MidpointRounding.AwayFromZero"/>).</summary>
    AwayFromZero = 1,

    /// <summary>Truncate: drop the digits (<see cref="MidpointRounding.ToZero"/>).</summary>
    TowardZero = 2,

    /// <summary>Floor: toward negative infinity (<see cref="MidpointRounding.ToNegativeInfinity"/>).</summary>
    Down = 3,

    /// <summary>Ceiling: toward positive infinity (<see cref="MidpointRounding.ToPositiveInfinity"/>).</summary>
    Up = 4,
}
