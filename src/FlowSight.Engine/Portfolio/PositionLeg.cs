using FlowSight.Core;

namespace FlowSight.Engine.Portfolio;

/// <summary>One position leg's mutable state; amounts are raw at 8 decimals, the size raw at the instrument's size precision.</summary>
internal sealed class PositionLeg
{
    public PositionLeg(TrackedInstrument instrument, PositionSide side)
    {
        Instrument = instrument;
        Side = side;
    }

    public TrackedInstrument Instrument { get; }

    public PositionSide Side { get; }

    /// <summary>Signed size: positive long.</summary>
    public long SizeRaw { get; set; }

    /// <summary>Entry notional of the open size (always ≥ 0): the sum of opening fills' notionals less the closed shares.</summary>
    public long EntryNotionalRaw { get; set; }

    public long RealizedPnlRaw { get; set; }

    public long FundingRaw { get; set; }

    /// <summary>The isolated wallet: margin moved in on opening, PnL and funding, the closed share released.</summary>
    public long IsolatedWalletRaw { get; set; }

    public int Sign => SizeRaw > 0 ? 1 : SizeRaw < 0 ? -1 : 0;

    public long AbsSizeRaw => SizeRaw < 0 ? -SizeRaw : SizeRaw;
}
