using FlowSight.Core;

namespace FlowSight.Engine.Hosting;

/// <summary>
/// Where venue adapters put normalised market data: the engine (through its ring buffer) in live, paper and
/// backtest runs, or anything else that consumes the same events (a recorder, a test). Implementations are
/// thread-safe; arguments are copied, so callers may reuse them after the call.
/// </summary>
public interface IMarketDataPublisher
{
    /// <summary>Publishes a trade.</summary>
    void Publish(in TradeTick trade);

    /// <summary>Publishes a best bid/offer.</summary>
    void Publish(in QuoteTick quote);

    /// <summary>Publishes one venue depth message (a snapshot replaces the book).</summary>
    void Publish(BookDeltas deltas);

    /// <summary>Publishes a candle.</summary>
    void Publish(in Candle candle);

    /// <summary>Publishes a mark price with funding.</summary>
    void Publish(in MarkPrice markPrice);

    /// <summary>Publishes a funding rate.</summary>
    void Publish(in FundingRate fundingRate);

    /// <summary>Publishes open interest.</summary>
    void Publish(in OpenInterest openInterest);

    /// <summary>Publishes a liquidation.</summary>
    void Publish(in Liquidation liquidation);

    /// <summary>Publishes a reference event (connection state, snapshots, reports) by its type.</summary>
    void PublishObject<T>(T evt)
        where T : class;
}
