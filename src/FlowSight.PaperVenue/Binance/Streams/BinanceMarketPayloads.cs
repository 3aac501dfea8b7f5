using System.Text.Json;
using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;

namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>
/// Binance's market stream payloads, written field for field as the USDⓈ-M ("Websocket Market Streams") and spot
/// ("WebSocket Streams") docs show them: numbers as strings, times in milliseconds.
/// </summary>
internal static class BinanceMarketPayloads
{
    /// <summary>A diff: futures <c>{"e":"depthUpdate","E","T","s","U","u","pu","b","a"}</c>; spot without <c>T</c> and <c>pu</c>.</summary>
    public static void DepthUpdate(Utf8JsonWriter json, bool futures, string symbol, long eventMs, long transactionMs, long first, long last, long previous, List<PaperLevelChange> changes)
    {
        json.WriteStartObject();
        json.WriteString("e"u8, "depthUpdate"u8);
        json.WriteNumber("E"u8, eventMs);
        if (futures)
        {
            json.WriteNumber("T"u8, transactionMs);
        }

        json.WriteString("s"u8, symbol);
        json.WriteNumber("U"u8, first);
        json.WriteNumber("u"u8, last);
        if (futures)
        {
            json.WriteNumber("pu"u8, previous);
        }

        var pad = !futures;
        json.WriteStartArray("b"u8);
        foreach (var change in changes)
        {
            if (change.Side == OrderSide.Buy)
            {
                BinanceWire.WriteLevel(json, change.Price, change.Size, pad);
            }
        }

        json.WriteEndArray();
        json.WriteStartArray("a"u8);
        foreach (var change in changes)
        {
            if (change.Side == OrderSide.Sell)
            {
                BinanceWire.WriteLevel(json, change.Price, change.Size, pad);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// Partial depth: futures <c>{"e":"depthUpdate","E","T","s","U","u","pu","b","a"}</c> with the top levels; spot
    /// <c>{"lastUpdateId","bids","asks"}</c>.
    /// </summary>
    public static void PartialDepth(Utf8JsonWriter json, bool futures, PaperMarket market, int levels, long eventMs, long first, long last, long previous, Span<BookLevel> scratch)
    {
        var book = market.Book.Levels;
        json.WriteStartObject();
        if (futures)
        {
            json.WriteString("e"u8, "depthUpdate"u8);
            json.WriteNumber("E"u8, eventMs);
            json.WriteNumber("T"u8, BinanceWire.Ms(market.Book.LastChangeTime));
            json.WriteString("s"u8, market.Symbol);
            json.WriteNumber("U"u8, first);
            json.WriteNumber("u"u8, last);
            json.WriteNumber("pu"u8, previous);
        }
        else
        {
            json.WriteNumber("lastUpdateId"u8, last);
        }

        foreach (var side in (ReadOnlySpan<OrderSide>)[OrderSide.Buy, OrderSide.Sell])
        {
            json.WriteStartArray(futures ? (side == OrderSide.Buy ? "b"u8 : "a"u8) : (side == OrderSide.Buy ? "bids"u8 : "asks"u8));
            var count = book.CopyLevels(side, scratch[..levels]);
            for (var i = 0; i < count; i++)
            {
                BinanceWire.WriteLevel(json, scratch[i].Price, scratch[i].Size, !futures);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>Futures <c>{"e":"trade","E","T","s","t","p","q","X":"MARKET","m"}</c>; spot <c>{"e":"trade","E","s","t","p","q","T","m","M"}</c>.</summary>
    public static void Trade(Utf8JsonWriter json, bool futures, string symbol, in TradeTick trade)
    {
        var ms = BinanceWire.Ms(trade.EventTime);
        json.WriteStartObject();
        json.WriteString("e"u8, "trade"u8);
        json.WriteNumber("E"u8, ms);
        if (futures)
        {
            json.WriteNumber("T"u8, ms);
        }

        json.WriteString("s"u8, symbol);
        json.WriteNumber("t"u8, trade.TradeId);
        BinanceWire.Write(json, "p"u8, trade.Price, !futures);
        BinanceWire.Write(json, "q"u8, trade.Size, !futures);
        if (futures)
        {
            json.WriteString("X"u8, "MARKET"u8);
        }
        else
        {
            json.WriteNumber("T"u8, ms);
        }

        json.WriteBoolean("m"u8, trade.Aggressor == AggressorSide.Seller);
        if (!futures)
        {
            json.WriteBoolean("M"u8, true);
        }

        json.WriteEndObject();
    }

    /// <summary>Futures <c>{"e":"aggTrade","E","s","a","p","q","nq","f","l","T","m"}</c>; spot adds <c>M</c> and has no <c>nq</c>.</summary>
    public static void AggTrade(Utf8JsonWriter json, bool futures, string symbol, in BinanceAggregate aggregate)
    {
        var ms = BinanceWire.Ms(aggregate.Time);
        json.WriteStartObject();
        json.WriteString("e"u8, "aggTrade"u8);
        json.WriteNumber("E"u8, ms);
        json.WriteString("s"u8, symbol);
        json.WriteNumber("a"u8, aggregate.Id);
        BinanceWire.Write(json, "p"u8, aggregate.Price, !futures);
        BinanceWire.Write(json, "q"u8, aggregate.Quantity, !futures);
        if (futures)
        {
            BinanceWire.Write(json, "nq"u8, aggregate.Quantity, false);
        }

        json.WriteNumber("f"u8, aggregate.FirstTradeId);
        json.WriteNumber("l"u8, aggregate.LastTradeId);
        json.WriteNumber("T"u8, ms);
        json.WriteBoolean("m"u8, aggregate.BuyerIsMaker);
        if (!futures)
        {
            json.WriteBoolean("M"u8, true);
        }

        json.WriteEndObject();
    }

    /// <summary>Futures <c>{"e":"bookTicker","u","E","T","s","b","B","a","A"}</c>; spot <c>{"u","s","b","B","a","A"}</c>.</summary>
    public static void BookTicker(Utf8JsonWriter json, bool futures, PaperMarket market, BookLevel bid, BookLevel ask, long eventMs)
    {
        json.WriteStartObject();
        if (futures)
        {
            json.WriteString("e"u8, "bookTicker"u8);
        }

        json.WriteNumber("u"u8, market.Book.UpdateId);
        if (futures)
        {
            json.WriteNumber("E"u8, eventMs);
            json.WriteNumber("T"u8, BinanceWire.Ms(market.Book.LastChangeTime));
        }

        json.WriteString("s"u8, market.Symbol);
        var pad = !futures;
        WriteOrZero(json, "b"u8, bid.Price, market.Instrument.PricePrecision, pad);
        WriteOrZero(json, "B"u8, bid.Size, market.Instrument.SizePrecision, pad);
        WriteOrZero(json, "a"u8, ask.Price, market.Instrument.PricePrecision, pad);
        WriteOrZero(json, "A"u8, ask.Size, market.Instrument.SizePrecision, pad);
        json.WriteEndObject();
    }

    /// <summary><c>{"e":"kline","E","s","k":{"t","T","s","i","f","L","o","c","h","l","v","n","x","q","V","Q","B"}}</c>.</summary>
    public static void Kline(Utf8JsonWriter json, bool futures, string symbol, CandleInterval interval, in PaperCandle candle, long firstTradeId, long lastTradeId, bool closed, long eventMs)
    {
        var pad = !futures;
        json.WriteStartObject();
        json.WriteString("e"u8, "kline"u8);
        json.WriteNumber("E"u8, eventMs);
        json.WriteString("s"u8, symbol);
        json.WriteStartObject("k"u8);
        json.WriteNumber("t"u8, BinanceWire.Ms(candle.OpenTime));
        json.WriteNumber("T"u8, BinanceWire.Ms(candle.CloseTime) - 1);
        json.WriteString("s"u8, symbol);
        json.WriteString("i"u8, interval.ToCode());
        json.WriteNumber("f"u8, firstTradeId);
        json.WriteNumber("L"u8, lastTradeId);
        BinanceWire.Write(json, "o"u8, candle.Open, pad);
        BinanceWire.Write(json, "c"u8, candle.Close, pad);
        BinanceWire.Write(json, "h"u8, candle.High, pad);
        BinanceWire.Write(json, "l"u8, candle.Low, pad);
        BinanceWire.Write(json, "v"u8, candle.Volume, pad);
        json.WriteNumber("n"u8, candle.TradeCount);
        json.WriteBoolean("x"u8, closed);
        BinanceWire.Write(json, "q"u8, candle.QuoteVolume, 8);
        BinanceWire.Write(json, "V"u8, candle.TakerBuyVolume, pad);
        BinanceWire.Write(json, "Q"u8, candle.TakerBuyQuoteVolume, 8);
        json.WriteString("B"u8, "0"u8);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary><c>{"e":"markPriceUpdate","E","s","p","i","P","r","T"}</c> (USDⓈ-M).</summary>
    public static void MarkPrice(Utf8JsonWriter json, PaperMarket market, in MarkPrice mark)
    {
        json.WriteStartObject();
        json.WriteString("e"u8, "markPriceUpdate"u8);
        json.WriteNumber("E"u8, BinanceWire.Ms(mark.EventTime));
        json.WriteString("s"u8, market.Symbol);
        BinanceWire.WriteFixed(json, "p"u8, mark.Mark.Raw, mark.Mark.Precision, true);
        var index = mark.Index.Raw != 0 ? mark.Index : mark.Mark;
        var settle = mark.EstimatedSettle.Raw != 0 ? mark.EstimatedSettle : mark.Mark;
        BinanceWire.WriteFixed(json, "i"u8, index.Raw, index.Precision, true);
        BinanceWire.WriteFixed(json, "P"u8, settle.Raw, settle.Precision, true);
        BinanceWire.Write(json, "r"u8, mark.FundingRate, 8);
        json.WriteNumber("T"u8, BinanceWire.Ms(mark.NextFundingTime));
        json.WriteEndObject();
    }

    private static void WriteOrZero(Utf8JsonWriter json, ReadOnlySpan<byte> name, Price value, byte precision, bool pad) =>
        BinanceWire.WriteFixed(json, name, value.Raw, value.Raw == 0 ? precision : value.Precision, pad);

    private static void WriteOrZero(Utf8JsonWriter json, ReadOnlySpan<byte> name, Quantity value, byte precision, bool pad) =>
        BinanceWire.WriteFixed(json, name, value.Raw, value.Raw == 0 ? precision : value.Precision, pad);
}
