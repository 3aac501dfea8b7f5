using FlowSight.Core;

namespace FlowSight.Engine.Portfolio;

/// <summary>
/// What the risk engine and strategies may read of the portfolio (engine thread only). Amounts are in the
/// valuation currency (USDT by default); quantities in the instrument's own unit. A node may trade several venue
/// accounts: <see cref="Equity"/>, <see cref="DailyPnl"/> and <see cref="TotalPositionNotional"/> are totals over all
/// of them, the <c>Account…</c> members one account's (the one <see cref="AccountOf"/> names for an instrument).
/// </summary>
public interface IPortfolioView
{
    /// <summary>Signed net position (hedge-mode legs summed): positive long, negative short.</summary>
    decimal NetPosition(InstrumentId instrument);

    /// <summary>
    /// Signed size of one leg: <see cref="PositionSide.Both"/> is the net-mode position, <see cref="PositionSide.Long"/>
    /// and <see cref="PositionSide.Short"/> the hedge-mode legs (positive long, negative short).
    /// </summary>
    decimal LegPosition(InstrumentId instrument, PositionSide side) => side == PositionSide.Both ? NetPosition(instrument) : 0m;

    /// <summary>The venue account that trades <paramref name="instrument"/> (its venue's unnamed account when none was assigned).</summary>
    VenueAccount AccountOf(InstrumentId instrument) => new(instrument.Venue, string.Empty);

    /// <summary>One account's equity: its balances plus the unrealised PnL of its positions.</summary>
    decimal AccountEquity(VenueAccount account) => Equity;

    /// <summary>One account's realised plus unrealised PnL since the start of the UTC day.</summary>
    decimal AccountDailyPnl(VenueAccount account) => DailyPnl;

    /// <summary>Sum of the absolute notionals of one account's positions.</summary>
    decimal AccountPositionNotional(VenueAccount account) => TotalPositionNotional;

    /// <summary>Absolute notional of the position at the mark price (last price when no mark).</summary>
    decimal PositionNotional(InstrumentId instrument);

    /// <summary>Sum of every position's absolute notional.</summary>
    decimal TotalPositionNotional { get; }

    /// <summary>Realised (after fees and funding) plus unrealised PnL since the start of the UTC day.</summary>
    decimal DailyPnl { get; }

    /// <summary>Equity of every account: balances plus unrealised PnL.</summary>
    decimal Equity { get; }

    /// <summary>The latest mark price (last trade or mid when the venue publishes no mark), or null when none seen.</summary>
    decimal? MarkPrice(InstrumentId instrument);
}
