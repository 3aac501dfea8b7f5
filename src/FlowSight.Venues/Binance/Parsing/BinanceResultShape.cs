namespace FlowSight.Venues.Binance.Parsing;

/// <summary>The JSON type of a request reply's <c>result</c>.</summary>
public enum BinanceResultShape : byte
{
    /// <summary>No <c>result</c> member (an error reply).</summary>
    None = 0,

    /// <summary><c>null</c>: SUBSCRIBE/UNSUBSCRIBE/SET_PROPERTY succeeded.</summary>
    Null = 1,

    /// <summary>An array: LIST_SUBSCRIPTIONS' stream names.</summary>
    Array = 2,

    /// <summary>Anything else (e.g. GET_PROPERTY's <c>true</c>).</summary>
    Other = 3,
}
