using FlowSight.Core;

namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>
/// An aggregate trade being built: consecutive trades at one price, one time and one aggressor side — the fills of
/// one taker order at one price level, since the synthetic market's taker sweeps happen at one instant.
/// </summary>
internal struct BinanceAggregate
{
    public long Id;
    public Price Price;
    public Quantity Quantity;
    public long FirstTradeId;
    public long LastTradeId;
    public long Time;
    public bool BuyerIsMaker;
    public bool Open;

    public readonly bool Continues(in TradeTick trade) =>
        Open && trade.EventTime == Time && trade.Price == Price && (trade.Aggressor == AggressorSide.Seller) == BuyerIsMaker;
}
