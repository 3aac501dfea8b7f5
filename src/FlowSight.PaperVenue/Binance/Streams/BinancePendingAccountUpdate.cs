using FlowSight.Core;
using FlowSight.Simulator.Accounts;

namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>
/// The balance and position changes one cause made to one account, gathered until they go out as one
/// <c>ACCOUNT_UPDATE</c> / <c>outboundAccountPosition</c> (the latest state per asset and per position). Exchange thread.
/// </summary>
internal sealed class BinancePendingAccountUpdate
{
    public AccountUpdateReason Reason { get; private set; }

    public long Time { get; private set; }

    public List<BalanceUpdate> Balances { get; } = [];

    public List<PositionUpdate> Positions { get; } = [];

    public bool IsEmpty => Balances.Count == 0 && Positions.Count == 0;

    public void Add(in BalanceUpdate update)
    {
        Reason = update.Reason;
        Time = update.Timestamp;
        var asset = update.Asset;
        var index = Balances.FindIndex(b => b.Asset == asset);
        if (index >= 0)
        {
            // bc accumulates over the batch; the rest is the latest state.
            var previous = Balances[index];
            Balances[index] = update with { BalanceChange = Money.FromRaw(previous.BalanceChange.Raw + update.BalanceChange.Raw, update.BalanceChange.Precision) };
        }
        else
        {
            Balances.Add(update);
        }
    }

    public void Add(in PositionUpdate update)
    {
        Reason = update.Reason;
        Time = update.Timestamp;
        var position = update.Position;
        var index = Positions.FindIndex(p => p.Position.Instrument == position.Instrument && p.Position.PositionSide == position.PositionSide);
        if (index >= 0)
        {
            Positions[index] = update;
        }
        else
        {
            Positions.Add(update);
        }
    }

    public void Clear()
    {
        Balances.Clear();
        Positions.Clear();
        Reason = AccountUpdateReason.None;
    }
}
