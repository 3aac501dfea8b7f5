using FlowSight.Core;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Orders;

namespace FlowSight.PaperVenue.Exchange;

/// <summary>
/// A wire protocol's publisher (market streams, user data streams, private channels): told everything the exchange
/// does, on the exchange thread, in order. It must never block: format, enqueue to its connections, return.
/// Only our own accounts' order and account events arrive here, never the synthetic participants'.
/// </summary>
public interface IPaperFeed
{
    /// <summary>One of our orders changed (after <see cref="PaperExchange.Orders"/> took it in).</summary>
    void OnOrderEvent(PaperMarket market, in OrderEvent orderEvent)
    {
    }

    /// <summary>A public trade (after the market's trade log and candles took it in).</summary>
    void OnTrade(PaperMarket market, in TradeTick trade)
    {
    }

    /// <summary>One of our balances changed.</summary>
    void OnBalanceUpdate(in BalanceUpdate update)
    {
    }

    /// <summary>One of our positions changed.</summary>
    void OnPositionUpdate(in PositionUpdate update)
    {
    }

    /// <summary>One of our positions paid or received funding.</summary>
    void OnFundingPayment(in FundingPayment payment)
    {
    }

    /// <summary>A new mark price (and funding rate) was published.</summary>
    void OnMarkPrice(PaperMarket market, in MarkPrice mark)
    {
    }

    /// <summary>
    /// After every command and every clock step, with the exchange time: publish what is due (depth diffs at the
    /// stream's interval read from <see cref="PaperMarket.Book"/>, kline updates, batched account updates).
    /// </summary>
    void OnTick(long now)
    {
    }
}
