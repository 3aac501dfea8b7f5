using FlowSight.Core;
using FlowSight.Engine.Portfolio;

namespace FlowSight.Engine.Risk;

/// <summary>
/// The market orders that close an instrument's open positions, one per position leg: the kill switch's flatten and
/// <c>flowsight order flatten</c> both use them.
/// </summary>
/// <remarks>
/// Net mode (<see cref="PositionSide.Both"/>): one reduce-only order against the net position. Hedge mode: one order
/// per open leg, carrying that leg's <see cref="PositionSide"/> (Binance <c>positionSide</c>, OKX <c>posSide</c>) and the
/// side that closes it (sell the long leg, buy the short one) — not reduce-only, because Binance refuses
/// <c>reduceOnly</c> in hedge mode (-1106) and OKX takes it in net mode only; a closing side on a leg cannot open
/// anything there anyway. Each order goes to the execution client that trades the instrument, which is the account
/// holding the position.
/// </remarks>
public static class CloseOrders
{
    /// <summary>Appends to <paramref name="into"/> the orders closing every open leg of <paramref name="instrument"/>; returns how many.</summary>
    /// <param name="portfolio">Where the legs are read (engine thread).</param>
    /// <param name="instrument">The instrument; a spot position (bought or sold by fills since start) gets a plain market order, spot has no reduce-only.</param>
    /// <param name="nextClientOrderId">Gives each order its id.</param>
    /// <param name="origin">Who closes (<see cref="SubmitOrder.Origin"/>).</param>
    /// <param name="now">Command time, Unix ns.</param>
    /// <param name="into">Receives the orders.</param>
    public static int Append(IPortfolioView portfolio, Instrument instrument, Func<ClientOrderId> nextClientOrderId, string origin, long now, List<SubmitOrder> into)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(nextClientOrderId);
        ArgumentNullException.ThrowIfNull(into);
        var added = 0;
        for (var side = PositionSide.Both; side <= PositionSide.Short; side++)
        {
            var position = portfolio.LegPosition(instrument.Id, side);
            var size = Math.Round(Math.Abs(position), instrument.SizePrecision, MidpointRounding.ToZero);
            if (size <= 0m)
            {
                continue;
            }

            into.Add(new SubmitOrder
            {
                ClientOrderId = nextClientOrderId(),
                Instrument = instrument.Id,
                Side = position > 0m ? OrderSide.Sell : OrderSide.Buy,
                Type = OrderType.Market,
                Quantity = Quantity.FromDecimal(size, instrument.SizePrecision),
                ReduceOnly = side == PositionSide.Both && instrument.Kind != InstrumentKind.Spot,
                PositionSide = side,
                Origin = origin,
                Timestamp = now,
            });
            added++;
        }

        return added;
    }
}
