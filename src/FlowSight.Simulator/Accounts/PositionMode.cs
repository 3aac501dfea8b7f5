namespace FlowSight.Simulator.Accounts;

/// <summary>Binance <c>dualSidePosition</c>: one net position per instrument, or a long and a short leg.</summary>
public enum PositionMode : byte
{
    /// <summary>One net position per instrument; orders carry <see cref="Core.PositionSide.Both"/>.</summary>
    OneWay = 0,

    /// <summary>Separate long and short legs; orders carry <see cref="Core.PositionSide.Long"/> or <see cref="Core.PositionSide.Short"/>.</summary>
    Hedge = 1,
}
