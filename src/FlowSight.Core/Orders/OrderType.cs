namespace FlowSight.Core;

/// <summary>The kind of order.</summary>
public enum OrderType : byte
{
    /// <summary>Executes immediately at the best available prices.</summary>
    Market = 1,

    /// <summary>Rests at a limit price unless it can trade at that price or better.</summary>
    Limit = 2,

    /// <summary>Becomes a market order when the trigger price is reached (stop-loss).</summary>
    StopMarket = 3,

    /// <summary>Becomes a limit order when the trigger price is reached.</summary>
    StopLimit = 4,

    /// <summary>Becomes a market order when a favourable trigger price is reached.</summary>
    TakeProfitMarket = 5,

    /// <summary>Becomes a limit order when a favourable trigger price is reached.</summary>
    TakeProfitLimit = 6,

    /// <summary>A stop whose trigger follows the market by a callback rate.</summary>
    TrailingStopMarket = 7,
}
