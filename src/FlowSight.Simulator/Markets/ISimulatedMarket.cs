using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Markets;

/// <summary>
/// Where one instrument's orders execute: the matching engine (synthetic or paper market, our orders match real
/// resting orders) or a replayed recording (our orders fill against recorded liquidity with a queue model).
/// Every call is made on one thread with the exchange's current time; results come back through the
/// <see cref="IMarketListener"/> given at construction.
/// </summary>
public interface ISimulatedMarket
{
    /// <summary>The instrument this market trades.</summary>
    Instrument Instrument { get; }

    /// <summary>Places an order; emits New (or Rejected) then any fills and expiries.</summary>
    void Submit(in SimOrderRequest request, long timestamp);

    /// <summary>Cancels an open order; emits Canceled, or Rejected with <see cref="RejectReason.UnknownOrder"/>.</summary>
    void Cancel(in SimCancelRequest request, long timestamp);

    /// <summary>Changes an open order's price or quantity; emits Amended (and fills if the new price crosses).</summary>
    void Amend(in SimAmendRequest request, long timestamp);

    /// <summary>Cancels every open order of the account on this instrument.</summary>
    void CancelAll(int accountId, long timestamp);

    /// <summary>The best bid, when the book has one.</summary>
    bool TryGetBestBid(out BookLevel level);

    /// <summary>The best ask, when the book has one.</summary>
    bool TryGetBestAsk(out BookLevel level);

    /// <summary>A new mark price, for stops and take-profits working on the mark (<see cref="Orders.WorkingType.MarkPrice"/>); markets without such orders ignore it.</summary>
    void OnMarkPrice(Price markPrice, long timestamp)
    {
    }

    /// <summary>Copies up to <c>destination.Length</c> aggregated levels of one side, best first; returns how many.</summary>
    int CopyLevels(OrderSide side, Span<BookLevel> destination);
}
