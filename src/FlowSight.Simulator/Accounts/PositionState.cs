using FlowSight.Core;

namespace FlowSight.Simulator.Accounts;

/// <summary>One position leg's mutable state; money in raw units at <see cref="SimulatedAccounts.MoneyPrecision"/>.</summary>
internal sealed class PositionState
{
    public PositionState(AccountedInstrument instrument, PositionSide positionSide)
    {
        Instrument = instrument;
        PositionSide = positionSide;
    }

    public AccountedInstrument Instrument { get; }

    public PositionSide PositionSide { get; }

    public PositionDirection Direction { get; set; }

    /// <summary>Absolute size, raw at the instrument's size precision.</summary>
    public long SizeRaw { get; set; }

    /// <summary>Σ price × quantity × multiplier of the open size.</summary>
    public long EntryNotionalRaw { get; set; }

    public long IsolatedWalletRaw { get; set; }

    public long RealizedPnlRaw { get; set; }

    /// <summary>+1 long, −1 short, 0 flat.</summary>
    public int Sign => Direction switch { PositionDirection.Long => 1, PositionDirection.Short => -1, _ => 0 };
}
