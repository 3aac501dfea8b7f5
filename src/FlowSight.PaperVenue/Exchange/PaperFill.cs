using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.PaperVenue.Exchange;

/// <summary>One fill of one of our orders (Binance <c>userTrades</c>/<c>myTrades</c>, OKX <c>trade/fills</c>).</summary>
/// <param name="AccountId">The owner.</param>
/// <param name="Instrument">The instrument.</param>
/// <param name="TradeId">The trade's id (shared with the counterparty's fill).</param>
/// <param name="OrderId">The order filled.</param>
/// <param name="ClientOrderId">Its client id.</param>
/// <param name="Side">The order's side.</param>
/// <param name="PositionSide">Hedge leg or Both.</param>
/// <param name="Price">Fill price.</param>
/// <param name="Quantity">Fill quantity.</param>
/// <param name="Commission">Fee (negative: rebate).</param>
/// <param name="CommissionAsset">The fee's asset.</param>
/// <param name="RealizedPnl">PnL realised on a derivatives position.</param>
/// <param name="Liquidity">Maker or taker.</param>
/// <param name="Time">Exchange time, Unix nanoseconds.</param>
public readonly record struct PaperFill(
    int AccountId,
    InstrumentId Instrument,
    long TradeId,
    long OrderId,
    ClientOrderId ClientOrderId,
    OrderSide Side,
    PositionSide PositionSide,
    Price Price,
    Quantity Quantity,
    Money Commission,
    string? CommissionAsset,
    Money RealizedPnl,
    LiquiditySide Liquidity,
    long Time);
