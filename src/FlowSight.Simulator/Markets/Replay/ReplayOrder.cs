using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Markets.Replay;

/// <summary>One of our working orders on a replayed market (pooled: reused once closed).</summary>
internal sealed class ReplayOrder
{
    public long OrderId;
    public SimOrderRequest Request;

    /// <summary>Limit price, raw at the instrument's price precision (0 for market orders).</summary>
    public long PriceRaw;

    /// <summary>Trigger price of a stop / take-profit, raw.</summary>
    public long TriggerRaw;

    /// <summary>Order quantity, raw at the instrument's size precision.</summary>
    public long QuantityRaw;

    public long FilledRaw;

    /// <summary>Σ price × quantity of the fills, raw at the market's quote precision.</summary>
    public long CumulativeQuoteRaw;

    /// <summary>Recorded quantity still ahead of us at our price.</summary>
    public long QueueAheadRaw;

    /// <summary>Recorded volume traded at our price since the level was last updated by the book feed.</summary>
    public long TradedSinceDepthRaw;

    /// <summary>True while a stop waits for its trigger.</summary>
    public bool Untriggered;

    public long RemainingRaw => QuantityRaw - FilledRaw;

    public void Reset()
    {
        OrderId = 0;
        Request = default;
        PriceRaw = 0;
        TriggerRaw = 0;
        QuantityRaw = 0;
        FilledRaw = 0;
        CumulativeQuoteRaw = 0;
        QueueAheadRaw = 0;
        TradedSinceDepthRaw = 0;
        Untriggered = false;
    }
}
