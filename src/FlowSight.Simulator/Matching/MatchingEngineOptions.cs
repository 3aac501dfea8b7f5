namespace FlowSight.Simulator.Matching;

/// <summary>How a <see cref="MatchingEngine"/> numbers its orders and trades and how much it pre-sizes.</summary>
public sealed record MatchingEngineOptions
{
    /// <summary>The defaults: ids from 1 in sequences of the engine's own.</summary>
    public static MatchingEngineOptions Default { get; } = new();

    /// <summary>Order ids; null gives the engine its own sequence from 1. Share one across an exchange's engines.</summary>
    public IdSequence? OrderIds { get; init; }

    /// <summary>Trade ids; null gives the engine its own sequence from 1.</summary>
    public IdSequence? TradeIds { get; init; }

    /// <summary>Live orders the pools and indices hold before they grow (growth allocates; steady state does not).</summary>
    public int InitialOrderCapacity { get; init; } = 4096;

    /// <summary>Price levels per side before the level arrays grow.</summary>
    public int InitialLevelCapacity { get; init; } = 1024;

    /// <summary>
    /// Open orders (resting and untriggered) one account may have on the instrument before new ones are rejected
    /// with <see cref="Orders.RejectReason.TooManyOpenOrders"/> (Binance's <c>MAX_NUM_ORDERS</c> filter, 200 on
    /// BTCUSDT); 0 for no limit, the default, so synthetic participants are not capped.
    /// </summary>
    public int MaxOpenOrdersPerAccount { get; init; }
}
