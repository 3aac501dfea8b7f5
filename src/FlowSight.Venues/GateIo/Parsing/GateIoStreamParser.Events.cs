using System.Buffers.Text;
using System.Text.Json;
using FlowSight.Core;

namespace FlowSight.Venues.GateIo.Parsing;

/// <summary>Trades, book tickers, tickers (with futures funding) and candlesticks.</summary>
public sealed partial class GateIoStreamParser
{
    /// <summary>Reads spot <c>{"id","create_time_ms":"ms.frac","side","currency_pair","amount","price"}</c> or futures <c>[{"id","create_time_ms","contract","size":±n,"price"}]</c>.</summary>
    private GateIoMessageKind ParseTrades(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame)
    {
        _tradeCount = 0;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return ReadTrade(ref reader, frame) ? GateIoMessageKind.Trades : GateIoMessageKind.Malformed;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Refuse(GateIoMessageKind.Malformed, "trades: result is neither an object nor a list");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (!ReadTrade(ref reader, frame))
            {
                return GateIoMessageKind.Malformed;
            }
        }

        return reader.TokenType == JsonTokenType.EndArray && _tradeCount > 0
            ? GateIoMessageKind.Trades
            : Refuse(GateIoMessageKind.Malformed, "trades: result is not a list of trades");
    }

    private bool ReadTrade(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame)
    {
        Price price = default;
        Quantity size = default;
        var aggressor = AggressorSide.None;
        long tradeId = 0;
        long eventTime = 0;
        int nameStart = 0, nameLength = 0;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ok = true;
            if (reader.ValueTextEquals("price"u8))
            {
                ok = ReadPrice(ref reader, out price);
                seen |= 1;
            }
            else if (reader.ValueTextEquals("amount"u8))
            {
                ok = ReadQuantity(ref reader, out size);
                seen |= 2;
            }
            else if (reader.ValueTextEquals("size"u8))
            {
                // Futures: contracts, positive when the taker bought, negative when it sold.
                reader.Read();
                var text = reader.ValueSpan;
                var negative = !text.IsEmpty && text[0] == (byte)'-';
                ok = reader.TokenType is JsonTokenType.Number or JsonTokenType.String
                    && Quantity.TryParse(Fit(negative ? text[1..] : text), out size, out _);
                aggressor = negative ? AggressorSide.Seller : AggressorSide.Buyer;
                seen |= 2;
            }
            else if (reader.ValueTextEquals("side"u8))
            {
                reader.Read();
                // The taker's side: a "buy" lifted an ask.
                aggressor = reader.ValueTextEquals("buy"u8) ? AggressorSide.Buyer
                    : reader.ValueTextEquals("sell"u8) ? AggressorSide.Seller
                    : AggressorSide.None;
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                ok = TryReadInt64(ref reader, out tradeId);
            }
            else if (reader.ValueTextEquals("create_time_ms"u8))
            {
                // Spot sends "1619093543708.2642" (sub-millisecond digits after the point), futures an integer.
                reader.Read();
                ok = TryParseMilliseconds(reader.ValueSpan, out eventTime);
            }
            else if (reader.ValueTextEquals("create_time"u8))
            {
                ok = TryReadInt64(ref reader, out var seconds);
                if (eventTime == 0)
                {
                    eventTime = seconds * NanosPerSecond;
                }
            }
            else if (reader.ValueTextEquals("currency_pair"u8) || reader.ValueTextEquals("contract"u8))
            {
                ok = ReadNameOffsets(ref reader, out nameStart, out nameLength);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }

            if (!ok)
            {
                Refuse(GateIoMessageKind.Malformed, "trades: a price, size, id or time is not valid");
                return false;
            }
        }

        if (seen != 3 || reader.TokenType != JsonTokenType.EndObject)
        {
            Refuse(GateIoMessageKind.Malformed, "trades: price or size missing");
            return false;
        }

        if (!ResolveInstrument(frame, nameStart, nameLength))
        {
            Refuse(GateIoMessageKind.Malformed, "trades: the currency pair or contract is missing or not valid");
            return false;
        }

        if (_tradeCount == _trades.Length)
        {
            Array.Resize(ref _trades, _trades.Length * 2);
        }

        _trades[_tradeCount++] = new TradeTick(Instrument, price, size, aggressor, tradeId, eventTime, _receiveTime);
        return true;
    }

    /// <summary>Reads <c>{"t","u","s","b","B","a","A"}</c>; an empty price means that side is empty.</summary>
    private GateIoMessageKind ParseBookTicker(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return Refuse(GateIoMessageKind.Malformed, "book_ticker: result is not an object");
        }

        Price bid = default, ask = default;
        Quantity bidSize = default, askSize = default;
        long updateId = 0, eventTime = 0;
        int nameStart = 0, nameLength = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Case matters: b/B and a/A are price and size.
            var ok = true;
            if (reader.ValueTextEquals("b"u8))
            {
                ok = ReadPrice(ref reader, out bid);
            }
            else if (reader.ValueTextEquals("B"u8))
            {
                ok = ReadQuantity(ref reader, out bidSize);
            }
            else if (reader.ValueTextEquals("a"u8))
            {
                ok = ReadPrice(ref reader, out ask);
            }
            else if (reader.ValueTextEquals("A"u8))
            {
                ok = ReadQuantity(ref reader, out askSize);
            }
            else if (reader.ValueTextEquals("u"u8))
            {
                ok = TryReadInt64(ref reader, out updateId);
            }
            else if (reader.ValueTextEquals("t"u8))
            {
                ok = TryReadInt64(ref reader, out var ms);
                eventTime = ms * NanosPerMillisecond;
            }
            else if (reader.ValueTextEquals("s"u8))
            {
                ok = ReadNameOffsets(ref reader, out nameStart, out nameLength);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }

            if (!ok)
            {
                return Refuse(GateIoMessageKind.Malformed, "book_ticker: a price, size, id or time is not valid");
            }
        }

        if (!ResolveInstrument(frame, nameStart, nameLength))
        {
            return Refuse(GateIoMessageKind.Malformed, "book_ticker: s is missing or not valid");
        }

        _quote = new QuoteTick(Instrument, bid, bidSize, ask, askSize, updateId, eventTime, _receiveTime);
        return GateIoMessageKind.BookTicker;
    }

    /// <summary>Reads spot <c>{"currency_pair","last","lowest_ask","highest_bid",...}</c>: best prices without sizes.</summary>
    private GateIoMessageKind ParseSpotTicker(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return Refuse(GateIoMessageKind.Malformed, "tickers: result is not an object");
        }

        Price bid = default, ask = default, last = default;
        int nameStart = 0, nameLength = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ok = true;
            if (reader.ValueTextEquals("highest_bid"u8))
            {
                ok = ReadPrice(ref reader, out bid);
            }
            else if (reader.ValueTextEquals("lowest_ask"u8))
            {
                ok = ReadPrice(ref reader, out ask);
            }
            else if (reader.ValueTextEquals("last"u8))
            {
                ok = ReadPrice(ref reader, out last);
            }
            else if (reader.ValueTextEquals("currency_pair"u8))
            {
                ok = ReadNameOffsets(ref reader, out nameStart, out nameLength);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }

            if (!ok)
            {
                return Refuse(GateIoMessageKind.Malformed, "tickers: a price is not valid");
            }
        }

        if (!ResolveInstrument(frame, nameStart, nameLength))
        {
            return Refuse(GateIoMessageKind.Malformed, "tickers: currency_pair is missing or not valid");
        }

        // The spot ticker has no time of its own: the frame's time_ms stands in.
        _quote = new QuoteTick(Instrument, bid, default, ask, default, 0, FrameTime, _receiveTime);
        LastPrice = last;
        return GateIoMessageKind.Ticker;
    }

    /// <summary>Reads futures <c>[{"contract","last","funding_rate","mark_price","index_price",...}]</c>; the last element wins.</summary>
    private GateIoMessageKind ParseFuturesTickers(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Refuse(GateIoMessageKind.Malformed, "tickers: result is not a list");
        }

        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            Price mark = default, index = default, last = default;
            decimal rate = 0;
            int nameStart = 0, nameLength = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var ok = true;
                if (reader.ValueTextEquals("mark_price"u8))
                {
                    ok = ReadPrice(ref reader, out mark);
                }
                else if (reader.ValueTextEquals("index_price"u8))
                {
                    ok = ReadPrice(ref reader, out index);
                }
                else if (reader.ValueTextEquals("last"u8))
                {
                    ok = ReadPrice(ref reader, out last);
                }
                else if (reader.ValueTextEquals("funding_rate"u8))
                {
                    reader.Read();
                    var text = reader.ValueSpan;
                    ok = text.IsEmpty || (Utf8Parser.TryParse(text, out rate, out var consumed) && consumed == text.Length);
                }
                else if (reader.ValueTextEquals("contract"u8))
                {
                    ok = ReadNameOffsets(ref reader, out nameStart, out nameLength);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }

                if (!ok)
                {
                    return Refuse(GateIoMessageKind.Malformed, "tickers: a price or the funding rate is not valid");
                }
            }

            if (!ResolveInstrument(frame, nameStart, nameLength))
            {
                return Refuse(GateIoMessageKind.Malformed, "tickers: contract is missing or not valid");
            }

            _markPrice = new MarkPrice(Instrument, mark, index, default, rate, 0, FrameTime, _receiveTime);
            _fundingRate = new FundingRate(Instrument, rate, 0, 0, FrameTime, _receiveTime);
            LastPrice = last;
            count++;
        }

        return count > 0 && reader.TokenType == JsonTokenType.EndArray
            ? GateIoMessageKind.FuturesTicker
            : Refuse(GateIoMessageKind.Malformed, "tickers: result is not a list of tickers");
    }

    /// <summary>Reads spot <c>{"t":"s","v","c","h","l","o","n":"1m_BTC_USDT","a","w"}</c> or futures <c>[{"t":s,"v":n,...}]</c>; the last one wins.</summary>
    private GateIoMessageKind ParseCandles(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return ReadCandle(ref reader, frame);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Refuse(GateIoMessageKind.Malformed, "candlesticks: result is neither an object nor a list");
        }

        var kind = GateIoMessageKind.None;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            kind = ReadCandle(ref reader, frame);
            if (kind != GateIoMessageKind.Candle)
            {
                if (kind == GateIoMessageKind.Unknown)
                {
                    reader.Skip();
                }

                return kind;
            }
        }

        return kind == GateIoMessageKind.Candle && reader.TokenType == JsonTokenType.EndArray
            ? kind
            : Refuse(GateIoMessageKind.Malformed, "candlesticks: result is not a list of candles");
    }

    private GateIoMessageKind ReadCandle(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame)
    {
        long openSeconds = 0;
        Price open = default, high = default, low = default, close = default;
        Quantity volume = default;
        Money quoteVolume = default;
        Quantity baseAmount = default;
        var closed = false;
        var interval = default(CandleInterval);
        int nameStart = 0, nameLength = 0;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ok = true;
            if (reader.ValueTextEquals("t"u8))
            {
                ok = TryReadInt64(ref reader, out openSeconds);
                seen |= 1;
            }
            else if (reader.ValueTextEquals("o"u8))
            {
                ok = ReadPrice(ref reader, out open);
                seen |= 2;
            }
            else if (reader.ValueTextEquals("h"u8))
            {
                ok = ReadPrice(ref reader, out high);
            }
            else if (reader.ValueTextEquals("l"u8))
            {
                ok = ReadPrice(ref reader, out low);
            }
            else if (reader.ValueTextEquals("c"u8))
            {
                ok = ReadPrice(ref reader, out close);
                seen |= 4;
            }
            else if (reader.ValueTextEquals("v"u8))
            {
                // Spot: total volume in the quote currency; futures: contracts.
                reader.Read();
                var text = reader.ValueSpan;
                ok = text.IsEmpty || (Market == GateIoMarket.Spot
                    ? Money.TryParse(Fit(text), out quoteVolume, out _)
                    : Quantity.TryParse(Fit(text), out volume, out _));
            }
            else if (reader.ValueTextEquals("a"u8))
            {
                // Spot: the base currency amount traded.
                ok = ReadQuantity(ref reader, out baseAmount);
            }
            else if (reader.ValueTextEquals("w"u8))
            {
                reader.Read();
                closed = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("n"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                {
                    return Refuse(GateIoMessageKind.Malformed, "candlesticks: n is not a string");
                }

                // "<interval>_<name>", e.g. "1m_BTC_USDT"; futures mark/index candles are "1m_mark_BTC_USDT".
                var name = reader.ValueSpan;
                var underscore = name.IndexOf((byte)'_');
                if (underscore <= 0 || !GateIoCandleIntervals.TryParse(name[..underscore], out interval))
                {
                    return Refuse(GateIoMessageKind.Unknown, "candlesticks: an interval FlowSight has no value for");
                }

                nameStart = (int)reader.TokenStartIndex + 1 + underscore + 1;
                nameLength = name.Length - underscore - 1;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }

            if (!ok)
            {
                return Refuse(GateIoMessageKind.Malformed, "candlesticks: a value is not a number");
            }
        }

        if (seen != 7 || nameLength == 0)
        {
            return Refuse(GateIoMessageKind.Malformed, "candlesticks: t, o, c or n missing");
        }

        if (!ResolveInstrument(frame, nameStart, nameLength))
        {
            // A mark_ or index_ candle names no tradable instrument.
            return Refuse(GateIoMessageKind.Unknown, "candlesticks: not a tradable instrument's candle");
        }

        if (Market == GateIoMarket.Spot)
        {
            volume = baseAmount;
        }

        var openTime = openSeconds * NanosPerSecond;
        var closeTime = interval == CandleInterval.OneMonth ? 0 : openTime + interval.ToNanoseconds() - NanosPerMillisecond;
        _candle = new Candle(Instrument, interval, openTime, closeTime, open, high, low, close, volume, quoteVolume, 0, closed,
            FrameTime != 0 ? FrameTime : openTime, _receiveTime);
        return GateIoMessageKind.Candle;
    }

    /// <summary>Milliseconds as an integer or with sub-millisecond digits after a point (<c>"1619093543708.2642"</c>).</summary>
    private static bool TryParseMilliseconds(ReadOnlySpan<byte> text, out long nanos)
    {
        nanos = 0;
        var dot = text.IndexOf((byte)'.');
        var whole = dot < 0 ? text : text[..dot];
        if (!Utf8Parser.TryParse(whole, out long ms, out var consumed) || consumed != whole.Length)
        {
            return false;
        }

        long fraction = 0;
        if (dot >= 0)
        {
            long scale = NanosPerMillisecond;
            foreach (var c in text[(dot + 1)..])
            {
                if (c is < (byte)'0' or > (byte)'9')
                {
                    return false;
                }

                if (scale > 1)
                {
                    scale /= 10;
                    fraction += (c - '0') * scale;
                }
            }
        }

        nanos = (ms * NanosPerMillisecond) + fraction;
        return true;
    }
}
