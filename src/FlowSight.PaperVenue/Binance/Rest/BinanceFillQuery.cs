using FlowSight.PaperVenue.Exchange;

namespace FlowSight.PaperVenue.Binance.Rest;

/// <summary>
/// The filters of futures <c>userTrades</c> and spot <c>myTrades</c> (<c>orderId</c>, <c>fromId</c>, <c>startTime</c>,
/// <c>endTime</c>, <c>limit</c> ≤ 1000, default 500), read on the request thread so a bad value is refused before the
/// exchange is asked; <see cref="Page"/> runs on the exchange thread.
/// </summary>
internal sealed record BinanceFillQuery(long? OrderId, long? FromId, long? Start, long? End, int Limit)
{
    /// <summary>Reads the filters of <paramref name="parameters"/>.</summary>
    public static BinanceFillQuery Read(BinanceParameters parameters) => new(
        parameters.Long("orderId"),
        parameters.Long("fromId"),
        parameters.Long("startTime"),
        parameters.Long("endTime"),
        parameters.Int("limit", 1, 1000) ?? 500);

    /// <summary>The account's matching fills on <paramref name="market"/>: the first <see cref="Limit"/> from <c>fromId</c>/<c>startTime</c>, else the most recent.</summary>
    public IEnumerable<PaperFill> Page(PaperExchange exchange, int accountId, PaperMarket market)
    {
        var fills = exchange.Orders.Fills(accountId, market.Instrument.Id)
            .Where(f => (OrderId is null || f.OrderId == OrderId)
                && (FromId is null || f.TradeId >= FromId)
                && (Start is null || BinanceRestFormat.Ms(f.Time) >= Start)
                && (End is null || BinanceRestFormat.Ms(f.Time) <= End))
            .ToList();
        return FromId is not null || Start is not null ? fills.Take(Limit) : fills.Skip(Math.Max(0, fills.Count - Limit));
    }
}
