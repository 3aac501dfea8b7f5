using FlowSight.Core;
using FlowSight.Engine.Portfolio;

namespace FlowSight.Engine.Tests.Risk;

/// <summary>
/// Positions (net or hedge-mode legs), marks, PnL and equity as a test sets them; notionals follow from positions ×
/// marks. Accounts: instruments a test assigns to an account count in that account's equity and notional.
/// </summary>
internal sealed class TestPortfolioView : IPortfolioView
{
    private readonly Dictionary<InstrumentId, decimal> _positions = [];
    private readonly Dictionary<(InstrumentId, PositionSide), decimal> _legs = [];
    private readonly Dictionary<InstrumentId, decimal> _marks = [];
    private readonly Dictionary<InstrumentId, VenueAccount> _accountOf = [];
    private readonly Dictionary<VenueAccount, decimal> _accountEquity = [];
    private readonly Dictionary<VenueAccount, decimal> _accountDailyPnl = [];

    public decimal DailyPnl { get; set; }

    public decimal Equity { get; set; } = 100_000m;

    public decimal TotalPositionNotional
    {
        get
        {
            var sum = 0m;
            foreach (var id in _positions.Keys)
            {
                sum += PositionNotional(id);
            }

            return sum;
        }
    }

    public void SetPosition(InstrumentId instrument, decimal position) => _positions[instrument] = position;

    /// <summary>Sets a hedge-mode leg (the net position becomes the legs' sum).</summary>
    public void SetLeg(InstrumentId instrument, PositionSide side, decimal position)
    {
        _legs[(instrument, side)] = position;
        _positions[instrument] = _legs.GetValueOrDefault((instrument, PositionSide.Long)) + _legs.GetValueOrDefault((instrument, PositionSide.Short));
    }

    public void SetAccount(InstrumentId instrument, VenueAccount account) => _accountOf[instrument] = account;

    public void SetAccountEquity(VenueAccount account, decimal equity) => _accountEquity[account] = equity;

    public void SetAccountDailyPnl(VenueAccount account, decimal pnl) => _accountDailyPnl[account] = pnl;

    public decimal LegPosition(InstrumentId instrument, PositionSide side) =>
        side == PositionSide.Both
            ? (_legs.ContainsKey((instrument, PositionSide.Long)) || _legs.ContainsKey((instrument, PositionSide.Short)) ? 0m : NetPosition(instrument))
            : _legs.GetValueOrDefault((instrument, side));

    public VenueAccount AccountOf(InstrumentId instrument) =>
        _accountOf.TryGetValue(instrument, out var account) ? account : new VenueAccount(instrument.Venue, string.Empty);

    public decimal AccountEquity(VenueAccount account) => _accountEquity.TryGetValue(account, out var equity) ? equity : Equity;

    public decimal AccountDailyPnl(VenueAccount account) => _accountDailyPnl.GetValueOrDefault(account);

    public decimal AccountPositionNotional(VenueAccount account)
    {
        var sum = 0m;
        foreach (var id in _positions.Keys)
        {
            if (AccountOf(id) == account)
            {
                sum += PositionNotional(id);
            }
        }

        return sum;
    }

    public void SetMark(InstrumentId instrument, decimal mark) => _marks[instrument] = mark;

    public void ClearMark(InstrumentId instrument) => _marks.Remove(instrument);

    public decimal NetPosition(InstrumentId instrument) => _positions.GetValueOrDefault(instrument);

    public decimal PositionNotional(InstrumentId instrument) =>
        Math.Abs(NetPosition(instrument)) * _marks.GetValueOrDefault(instrument);

    public decimal? MarkPrice(InstrumentId instrument) => _marks.TryGetValue(instrument, out var mark) ? mark : null;
}
