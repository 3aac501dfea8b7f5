namespace FlowSight.Venues.Binance.Rest;

/// <summary>Binance's <c>contractType</c> of a futures symbol.</summary>
public enum BinanceContractType : byte
{
    /// <summary>Spot, or a futures symbol whose contract type is empty or unknown.</summary>
    None = 0,

    /// <summary><c>PERPETUAL</c>.</summary>
    Perpetual,

    /// <summary><c>CURRENT_MONTH</c>.</summary>
    CurrentMonth,

    /// <summary><c>NEXT_MONTH</c>.</summary>
    NextMonth,

    /// <summary><c>CURRENT_QUARTER</c>.</summary>
    CurrentQuarter,

    /// <summary><c>NEXT_QUARTER</c>.</summary>
    NextQuarter,

    /// <summary><c>PERPETUAL_DELIVERING</c>: a perpetual being delisted.</summary>
    PerpetualDelivering,

    /// <summary><c>CURRENT_QUARTER_DELIVERING</c>.</summary>
    CurrentQuarterDelivering,

    /// <summary><c>NEXT_QUARTER_DELIVERING</c>.</summary>
    NextQuarterDelivering,

    /// <summary><c>TRADIFI_PERPETUAL</c>: a perpetual on a traditional-finance underlying.</summary>
    TradFiPerpetual,
}
