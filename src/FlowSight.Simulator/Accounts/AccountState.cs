using FlowSight.Core;

namespace FlowSight.Simulator.Accounts;

/// <summary>One account: spot balances, futures wallets and settings, and its positions, in dense per-asset / per-instrument arrays.</summary>
internal sealed class AccountState
{
    public AccountState(int id, int assetCount, int instrumentCount, int defaultLeverage)
    {
        Id = id;
        SpotFree = new long[assetCount];
        SpotLocked = new long[assetCount];
        CrossWallet = new long[assetCount];
        OrderMargin = new long[assetCount];
        Leverage = new int[instrumentCount];
        Array.Fill(Leverage, defaultLeverage);
        MarginTypes = new MarginType[instrumentCount];
        OpenOrders = new int[instrumentCount];
        Positions = new PositionState?[instrumentCount * 3];
    }

    public int Id { get; }

    public long[] SpotFree { get; }

    public long[] SpotLocked { get; }

    public long[] CrossWallet { get; }

    /// <summary>Initial margin held by open futures orders, per settle asset.</summary>
    public long[] OrderMargin { get; }

    public PositionMode Mode { get; set; }

    public int[] Leverage { get; }

    public MarginType[] MarginTypes { get; }

    public int[] OpenOrders { get; }

    /// <summary>Index instrument × 3 + (int)PositionSide.</summary>
    public PositionState?[] Positions { get; }

    public PositionState Position(AccountedInstrument instrument, PositionSide side) =>
        Positions[(instrument.Index * 3) + (int)side] ??= new PositionState(instrument, side);

    public PositionState? PositionOrNull(int instrumentIndex, PositionSide side) => Positions[(instrumentIndex * 3) + (int)side];
}
