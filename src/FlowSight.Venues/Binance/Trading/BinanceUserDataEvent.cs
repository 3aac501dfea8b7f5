namespace FlowSight.Venues.Binance.Trading;

/// <summary>What a user-data-stream frame was.</summary>
public enum BinanceUserDataEvent : byte
{
    /// <summary>Not a user-data event we read (or unreadable).</summary>
    Other = 0,

    /// <summary><c>ORDER_TRADE_UPDATE</c> (USDⓈ-M) or <c>executionReport</c> (spot): an order report, plus a fill on TRADE.</summary>
    Order = 1,

    /// <summary><c>ACCOUNT_UPDATE</c> (USDⓈ-M) or <c>outboundAccountPosition</c> (spot): balances and positions.</summary>
    Account = 2,

    /// <summary><c>listenKeyExpired</c>: the stream ends; a new listen key is needed.</summary>
    ListenKeyExpired = 3,
}
