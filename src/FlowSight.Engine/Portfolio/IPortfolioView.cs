using FlowSight.Core;

namespace FlowSight.Engine.Portfolio;

/// <summary>
/// What the risk engine and strategies may read of the portfolio (engine thread only). Amounts are in the account's
/// valuation currency (USDT by default); quantities in the instrument's own unit.
/// </summary>
public interface IPortfolioView
{
    /// <summary>Signed net position (hedge-mode legs summed): positive long, negative short.</summary>
    decimal NetPosition(InstrumentId instrument);

    /// <summary>Absolute notional of the position at the mark price (last price when no mark).</summary>
    decimal PositionNotional(InstrumentId instrument);

    /// <summary>Sum of every position's absolute notional.</summary>
    decimal TotalPositionNotional { get; }

    /// <summary>Realised (after fees and funding) plus unrealised PnL since the start of the UTC day.</summary>
    decimal DailyPnl { get; }

    /// <summary>Account equity: balances plus unrealised PnL.</summary>
    decimal Equity { get; }

    /// <summary>The latest mark price (last trade or mid when the venue publishes no mark), or null when none seen.</summary>
    decimal? MarkPrice(InstrumentId instrument);
}
