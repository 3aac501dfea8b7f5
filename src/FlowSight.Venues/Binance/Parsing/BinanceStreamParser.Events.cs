using FlowSight.Core;

namespace FlowSight.Venues.Binance.Parsing;

public sealed partial class BinanceStreamParser
{
    /// <summary>
    /// <c>trade</c> (<c>t</c> is the trade id; futures add <c>X</c>) and <c>aggTrade</c> (<c>a</c> is the aggregate
    /// id). The tick's time is the trade time <c>T</c>. <c>m</c> = true means the buyer was the maker, so the seller
    /// took liquidity.
    /// </summary>
    private BinanceMessageKind ParseTrade(ref JsonScanner s, bool first, bool aggregate)
    {
        const int hasId = 1, hasSymbol = 2, hasPrice = 4, hasSize = 8, hasTime = 16, hasMaker = 32;
        var instrument = default(InstrumentId);
        var symbolKnown = true;
        Price price = default;
        Quantity size = default;
        long id = 0, tradeTime = 0, eventTime = 0;
        var buyerIsMaker = false;
        var type = BinanceTradeType.Market;
        var seen = 0;
        while (s.NextKey(ref first, out var key))
        {
            if (key.Length == 1)
            {
                switch (key[0])
                {
                    case (byte)'s':
                        symbolKnown = TryResolve(s.ReadString("trade: s is not a string"), out instrument);
                        seen |= hasSymbol;
                        continue;
                    case (byte)'p':
                        price = s.ReadPrice("trade: p is not a decimal");
                        seen |= hasPrice;
                        continue;
                    case (byte)'q':
                        size = s.ReadQuantity("trade: q is not a non-negative decimal");
                        seen |= hasSize;
                        continue;
                    case (byte)'T':
                        tradeTime = s.ReadMillisecondsAsNanos("trade: T is not a time");
                        seen |= hasTime;
                        continue;
                    case (byte)'E':
                        eventTime = s.ReadMillisecondsAsNanos("trade: E is not a time");
                        continue;
                    case (byte)'m':
                        buyerIsMaker = s.ReadBoolean("trade: m is not a boolean");
                        seen |= hasMaker;
                        continue;
                    case (byte)'t' when !aggregate:
                        id = s.ReadInt64("trade: t is not an integer");
                        seen |= hasId;
                        continue;
                    case (byte)'a' when aggregate:
                        id = s.ReadInt64("aggTrade: a is not an integer");
                        seen |= hasId;
                        continue;
                    case (byte)'X' when !aggregate:
                        type = ReadTradeType(ref s);
                        continue;
                }
            }

            s.SkipValue();
        }

        if (s.Failed)
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, s.Error!);
        }

        const int required = hasId | hasSymbol | hasPrice | hasSize | hasMaker;
        if ((seen & required) != required || (seen & hasTime) == 0 && eventTime == 0)
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, aggregate
                ? "aggTrade without one of s, a, p, q, m, T"
                : "trade without one of s, t, p, q, m, T");
        }

        if (!symbolKnown)
        {
            return UnknownSymbol();
        }

        _trade = new TradeTick(
            instrument,
            price,
            size,
            buyerIsMaker ? AggressorSide.Seller : AggressorSide.Buyer,
            id,
            (seen & hasTime) != 0 ? tradeTime : eventTime,
            _receiveTime);
        TradeType = type;
        Instrument = instrument;
        return aggregate ? BinanceMessageKind.AggTrade
            : type == BinanceTradeType.Market ? BinanceMessageKind.Trade
            : BinanceMessageKind.NonMarketTrade;
    }

    private static BinanceTradeType ReadTradeType(ref JsonScanner s)
    {
        var text = s.ReadString("trade: X is not a string");
        return text.SequenceEqual("MARKET"u8) ? BinanceTradeType.Market
            : text.SequenceEqual("INSURANCE_FUND"u8) ? BinanceTradeType.InsuranceFund
            : text.SequenceEqual("ADL"u8) ? BinanceTradeType.Adl
            : BinanceTradeType.Other;
    }

    /// <summary><c>bookTicker</c>: spot sends <c>u</c>, <c>s</c>, <c>b</c>, <c>B</c>, <c>a</c>, <c>A</c> only; futures add <c>e</c>, <c>E</c>, <c>T</c>.</summary>
    private BinanceMessageKind ParseBookTicker(ref JsonScanner s, bool first)
    {
        const int hasId = 1, hasSymbol = 2, hasBid = 4, hasBidSize = 8, hasAsk = 16, hasAskSize = 32;
        var instrument = default(InstrumentId);
        var symbolKnown = true;
        Price bid = default, ask = default;
        Quantity bidSize = default, askSize = default;
        long updateId = 0, eventTime = 0;
        var seen = 0;
        while (s.NextKey(ref first, out var key))
        {
            if (key.Length == 1)
            {
                switch (key[0])
                {
                    case (byte)'u':
                        updateId = s.ReadInt64("bookTicker: u is not an integer");
                        seen |= hasId;
                        continue;
                    case (byte)'s':
                        symbolKnown = TryResolve(s.ReadString("bookTicker: s is not a string"), out instrument);
                        seen |= hasSymbol;
                        continue;
                    case (byte)'b':
                        bid = s.ReadPrice("bookTicker: b is not a decimal");
                        seen |= hasBid;
                        continue;
                    case (byte)'B':
                        bidSize = s.ReadQuantity("bookTicker: B is not a non-negative decimal");
                        seen |= hasBidSize;
                        continue;
                    case (byte)'a':
                        ask = s.ReadPrice("bookTicker: a is not a decimal");
                        seen |= hasAsk;
                        continue;
                    case (byte)'A':
                        askSize = s.ReadQuantity("bookTicker: A is not a non-negative decimal");
                        seen |= hasAskSize;
                        continue;
                    case (byte)'E':
                        eventTime = s.ReadMillisecondsAsNanos("bookTicker: E is not a time");
                        continue;
                }
            }

            s.SkipValue();
        }

        if (s.Failed)
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, s.Error!);
        }

        if (seen != (hasId | hasSymbol | hasBid | hasBidSize | hasAsk | hasAskSize))
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, "bookTicker without one of u, s, b, B, a, A");
        }

        if (!symbolKnown)
        {
            return UnknownSymbol();
        }

        _quote = new QuoteTick(instrument, bid, bidSize, ask, askSize, updateId, eventTime, _receiveTime);
        Instrument = instrument;
        return BinanceMessageKind.BookTicker;
    }

    /// <summary>
    /// <c>kline</c>: the candle is the nested <c>k</c> object. Binance's close time <c>T</c> is the candle's last
    /// millisecond; <see cref="Core.Candle.CloseTime"/> is exclusive, so it is <c>T</c> + 1 ms.
    /// </summary>
    private BinanceMessageKind ParseKline(ref JsonScanner s, bool first)
    {
        long eventTime = 0;
        var outerSymbol = default(ReadOnlySpan<byte>);
        var candle = default(KlineFields);
        var hasCandle = false;
        while (s.NextKey(ref first, out var key))
        {
            if (key.Length == 1)
            {
                switch (key[0])
                {
                    case (byte)'E':
                        eventTime = s.ReadMillisecondsAsNanos("kline: E is not a time");
                        continue;
                    case (byte)'s':
                        outerSymbol = s.ReadString("kline: s is not a string");
                        continue;
                    case (byte)'k':
                        hasCandle = ReadKline(ref s, ref candle);
                        continue;
                }
            }

            s.SkipValue();
        }

        if (s.Failed)
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, s.Error!);
        }

        if (!hasCandle)
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, "kline without one of k.t, k.T, k.i, k.o, k.h, k.l, k.c, k.v, k.q, k.n, k.x");
        }

        var symbol = outerSymbol.IsEmpty ? candle.Symbol : outerSymbol;
        if (symbol.IsEmpty)
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, "kline without a symbol");
        }

        if (!TryResolve(symbol, out var instrument))
        {
            return UnknownSymbol();
        }

        _candle = new Candle(
            instrument,
            candle.Interval,
            candle.OpenTime,
            candle.CloseTime + UnixNanos.PerMillisecond,
            candle.Open,
            candle.High,
            candle.Low,
            candle.Close,
            candle.Volume,
            candle.QuoteVolume,
            candle.TradeCount,
            candle.IsClosed,
            eventTime,
            _receiveTime);
        Instrument = instrument;
        return BinanceMessageKind.Kline;
    }

    private ref struct KlineFields
    {
        public ReadOnlySpan<byte> Symbol;
        public CandleInterval Interval;
        public long OpenTime;
        public long CloseTime;
        public Price Open;
        public Price High;
        public Price Low;
        public Price Close;
        public Quantity Volume;
        public Money QuoteVolume;
        public long TradeCount;
        public bool IsClosed;
    }

    private static bool ReadKline(ref JsonScanner s, ref KlineFields k)
    {
        const int hasOpenTime = 1, hasCloseTime = 2, hasInterval = 4, hasOpen = 8, hasHigh = 16, hasLow = 32,
            hasClose = 64, hasVolume = 128, hasQuoteVolume = 256, hasCount = 512, hasClosed = 1024;
        if (!s.Expect((byte)'{', "kline: k is not an object"))
        {
            return false;
        }

        var seen = 0;
        var first = true;
        while (s.NextKey(ref first, out var key))
        {
            if (key.Length == 1)
            {
                switch (key[0])
                {
                    case (byte)'t':
                        k.OpenTime = s.ReadMillisecondsAsNanos("kline: k.t is not a time");
                        seen |= hasOpenTime;
                        continue;
                    case (byte)'T':
                        k.CloseTime = s.ReadMillisecondsAsNanos("kline: k.T is not a time");
                        seen |= hasCloseTime;
                        continue;
                    case (byte)'s':
                        k.Symbol = s.ReadString("kline: k.s is not a string");
                        continue;
                    case (byte)'i':
                        if (TryParseInterval(s.ReadString("kline: k.i is not a string"), out k.Interval))
                        {
                            seen |= hasInterval;
                        }
                        else
                        {
                            s.Fail("kline: k.i is not a known interval");
                        }

                        continue;
                    case (byte)'o':
                        k.Open = s.ReadPrice("kline: k.o is not a decimal");
                        seen |= hasOpen;
                        continue;
                    case (byte)'h':
                        k.High = s.ReadPrice("kline: k.h is not a decimal");
                        seen |= hasHigh;
                        continue;
                    case (byte)'l':
                        k.Low = s.ReadPrice("kline: k.l is not a decimal");
                        seen |= hasLow;
                        continue;
                    case (byte)'c':
                        k.Close = s.ReadPrice("kline: k.c is not a decimal");
                        seen |= hasClose;
                        continue;
                    case (byte)'v':
                        k.Volume = s.ReadQuantity("kline: k.v is not a non-negative decimal");
                        seen |= hasVolume;
                        continue;
                    case (byte)'q':
                        k.QuoteVolume = s.ReadMoney("kline: k.q is not a decimal");
                        seen |= hasQuoteVolume;
                        continue;
                    case (byte)'n':
                        k.TradeCount = s.ReadInt64("kline: k.n is not an integer");
                        seen |= hasCount;
                        continue;
                    case (byte)'x':
                        k.IsClosed = s.ReadBoolean("kline: k.x is not a boolean");
                        seen |= hasClosed;
                        continue;
                }
            }

            s.SkipValue();
        }

        return seen == 2047 && !s.Failed;
    }

    /// <summary>Binance's interval codes; case matters (<c>1m</c> is a minute, <c>1M</c> a month).</summary>
    private static bool TryParseInterval(ReadOnlySpan<byte> code, out CandleInterval interval)
    {
        interval = code switch
        {
            _ when code.SequenceEqual("1s"u8) => CandleInterval.OneSecond,
            _ when code.SequenceEqual("1m"u8) => CandleInterval.OneMinute,
            _ when code.SequenceEqual("3m"u8) => CandleInterval.ThreeMinutes,
            _ when code.SequenceEqual("5m"u8) => CandleInterval.FiveMinutes,
            _ when code.SequenceEqual("15m"u8) => CandleInterval.FifteenMinutes,
            _ when code.SequenceEqual("30m"u8) => CandleInterval.ThirtyMinutes,
            _ when code.SequenceEqual("1h"u8) => CandleInterval.OneHour,
            _ when code.SequenceEqual("2h"u8) => CandleInterval.TwoHours,
            _ when code.SequenceEqual("4h"u8) => CandleInterval.FourHours,
            _ when code.SequenceEqual("6h"u8) => CandleInterval.SixHours,
            _ when code.SequenceEqual("8h"u8) => CandleInterval.EightHours,
            _ when code.SequenceEqual("12h"u8) => CandleInterval.TwelveHours,
            _ when code.SequenceEqual("1d"u8) => CandleInterval.OneDay,
            _ when code.SequenceEqual("3d"u8) => CandleInterval.ThreeDays,
            _ when code.SequenceEqual("1w"u8) => CandleInterval.OneWeek,
            _ when code.SequenceEqual("1M"u8) => CandleInterval.OneMonth,
            _ => default,
        };
        return interval != default;
    }

    /// <summary>
    /// <c>markPriceUpdate</c>: mark <c>p</c>, index <c>i</c>, estimated settle <c>P</c>, funding rate <c>r</c>, next
    /// funding <c>T</c>. Delivery contracts send <c>""</c> for the funding fields: those read as zero.
    /// </summary>
    private BinanceMessageKind ParseMarkPrice(ref JsonScanner s, bool first)
    {
        const int hasSymbol = 1, hasMark = 2;
        var instrument = default(InstrumentId);
        var symbolKnown = true;
        Price mark = default, index = default, settle = default;
        decimal rate = 0m;
        long nextFunding = 0, eventTime = 0;
        var seen = 0;
        while (s.NextKey(ref first, out var key))
        {
            if (key.Length == 1)
            {
                switch (key[0])
                {
                    case (byte)'s':
                        symbolKnown = TryResolve(s.ReadString("markPriceUpdate: s is not a string"), out instrument);
                        seen |= hasSymbol;
                        continue;
                    case (byte)'p':
                        mark = s.ReadPrice("markPriceUpdate: p is not a decimal");
                        seen |= hasMark;
                        continue;
                    case (byte)'i':
                        index = s.ReadOptionalPrice("markPriceUpdate: i is not a decimal");
                        continue;
                    case (byte)'P':
                        settle = s.ReadOptionalPrice("markPriceUpdate: P is not a decimal");
                        continue;
                    case (byte)'r':
                        rate = s.ReadRate("markPriceUpdate: r is not a decimal");
                        continue;
                    case (byte)'T':
                        nextFunding = s.ReadMillisecondsAsNanos("markPriceUpdate: T is not a time");
                        continue;
                    case (byte)'E':
                        eventTime = s.ReadMillisecondsAsNanos("markPriceUpdate: E is not a time");
                        continue;
                }
            }

            s.SkipValue();
        }

        if (s.Failed)
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, s.Error!);
        }

        if (seen != (hasSymbol | hasMark))
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, "markPriceUpdate without one of s, p");
        }

        if (!symbolKnown)
        {
            return UnknownSymbol();
        }

        _markPrice = new MarkPrice(instrument, mark, index, settle, rate, nextFunding, eventTime, _receiveTime);
        Instrument = instrument;
        return BinanceMessageKind.MarkPrice;
    }

    /// <summary><c>forceOrder</c>: the liquidation order is the nested <c>o</c> object.</summary>
    private BinanceMessageKind ParseForceOrder(ref JsonScanner s, bool first)
    {
        const int hasSymbol = 1, hasSide = 2, hasPrice = 4, hasQuantity = 8, hasStatus = 16;
        long eventTime = 0;
        var seen = 0;
        var instrument = default(InstrumentId);
        var symbolKnown = true;
        var side = OrderSide.Buy;
        Price price = default, average = default;
        Quantity quantity = default, filled = default;
        var status = OrderStatus.Accepted;
        while (s.NextKey(ref first, out var key))
        {
            if (key.SequenceEqual("E"u8))
            {
                eventTime = s.ReadMillisecondsAsNanos("forceOrder: E is not a time");
                continue;
            }

            if (!key.SequenceEqual("o"u8))
            {
                s.SkipValue();
                continue;
            }

            if (!s.Expect((byte)'{', "forceOrder: o is not an object"))
            {
                break;
            }

            var inner = true;
            while (s.NextKey(ref inner, out var field))
            {
                if (field.SequenceEqual("s"u8))
                {
                    symbolKnown = TryResolve(s.ReadString("forceOrder: o.s is not a string"), out instrument);
                    seen |= hasSymbol;
                }
                else if (field.SequenceEqual("S"u8))
                {
                    var text = s.ReadString("forceOrder: o.S is not a string");
                    side = text.SequenceEqual("BUY"u8) ? OrderSide.Buy
                        : text.SequenceEqual("SELL"u8) ? OrderSide.Sell
                        : (OrderSide)0;
                    seen |= side == 0 ? 0 : hasSide;
                }
                else if (field.SequenceEqual("p"u8))
                {
                    price = s.ReadPrice("forceOrder: o.p is not a decimal");
                    seen |= hasPrice;
                }
                else if (field.SequenceEqual("ap"u8))
                {
                    average = s.ReadOptionalPrice("forceOrder: o.ap is not a decimal");
                }
                else if (field.SequenceEqual("q"u8))
                {
                    quantity = s.ReadQuantity("forceOrder: o.q is not a non-negative decimal");
                    seen |= hasQuantity;
                }
                else if (field.SequenceEqual("z"u8))
                {
                    filled = s.ReadQuantity("forceOrder: o.z is not a non-negative decimal");
                }
                else if (field.SequenceEqual("X"u8))
                {
                    status = ToOrderStatus(s.ReadString("forceOrder: o.X is not a string"));
                    seen |= hasStatus;
                }
                else
                {
                    s.SkipValue();
                }
            }
        }

        if (s.Failed)
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, s.Error!);
        }

        if (seen != (hasSymbol | hasSide | hasPrice | hasQuantity | hasStatus))
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, "forceOrder without one of o.s, o.S (BUY/SELL), o.p, o.q, o.X");
        }

        if (!symbolKnown)
        {
            return UnknownSymbol();
        }

        _liquidation = new Liquidation(instrument, side, price, average, quantity, filled, status, eventTime, _receiveTime);
        Instrument = instrument;
        return BinanceMessageKind.Liquidation;
    }

    private static OrderStatus ToOrderStatus(ReadOnlySpan<byte> text) =>
        text.SequenceEqual("FILLED"u8) ? OrderStatus.Filled
        : text.SequenceEqual("PARTIALLY_FILLED"u8) ? OrderStatus.PartiallyFilled
        : text.SequenceEqual("CANCELED"u8) ? OrderStatus.Canceled
        : text.SequenceEqual("EXPIRED"u8) ? OrderStatus.Expired
        : text.SequenceEqual("REJECTED"u8) ? OrderStatus.Rejected
        : OrderStatus.Accepted;

    /// <summary><c>24hrTicker</c>, the fields spot and futures share.</summary>
    private BinanceMessageKind ParseTicker(ref JsonScanner s, bool first)
    {
        const int hasSymbol = 1, hasLast = 2, hasOpen = 4, hasHigh = 8, hasLow = 16, hasVolume = 32, hasQuoteVolume = 64;
        var instrument = default(InstrumentId);
        var symbolKnown = true;
        Price change = default, percent = default, weighted = default, last = default, open = default, high = default, low = default;
        Quantity lastQuantity = default, volume = default;
        Money quoteVolume = default;
        long openTime = 0, closeTime = 0, firstId = -1, lastId = -1, count = 0, eventTime = 0;
        var seen = 0;
        while (s.NextKey(ref first, out var key))
        {
            if (key.Length == 1)
            {
                switch (key[0])
                {
                    case (byte)'s':
                        symbolKnown = TryResolve(s.ReadString("24hrTicker: s is not a string"), out instrument);
                        seen |= hasSymbol;
                        continue;
                    case (byte)'p':
                        change = s.ReadPrice("24hrTicker: p is not a decimal");
                        continue;
                    case (byte)'P':
                        percent = s.ReadPrice("24hrTicker: P is not a decimal");
                        continue;
                    case (byte)'w':
                        weighted = s.ReadPrice("24hrTicker: w is not a decimal");
                        continue;
                    case (byte)'c':
                        last = s.ReadPrice("24hrTicker: c is not a decimal");
                        seen |= hasLast;
                        continue;
                    case (byte)'Q':
                        lastQuantity = s.ReadQuantity("24hrTicker: Q is not a non-negative decimal");
                        continue;
                    case (byte)'o':
                        open = s.ReadPrice("24hrTicker: o is not a decimal");
                        seen |= hasOpen;
                        continue;
                    case (byte)'h':
                        high = s.ReadPrice("24hrTicker: h is not a decimal");
                        seen |= hasHigh;
                        continue;
                    case (byte)'l':
                        low = s.ReadPrice("24hrTicker: l is not a decimal");
                        seen |= hasLow;
                        continue;
                    case (byte)'v':
                        volume = s.ReadQuantity("24hrTicker: v is not a non-negative decimal");
                        seen |= hasVolume;
                        continue;
                    case (byte)'q':
                        quoteVolume = s.ReadMoney("24hrTicker: q is not a decimal");
                        seen |= hasQuoteVolume;
                        continue;
                    case (byte)'O':
                        openTime = s.ReadMillisecondsAsNanos("24hrTicker: O is not a time");
                        continue;
                    case (byte)'C':
                        closeTime = s.ReadMillisecondsAsNanos("24hrTicker: C is not a time");
                        continue;
                    case (byte)'F':
                        firstId = s.ReadInt64("24hrTicker: F is not an integer");
                        continue;
                    case (byte)'L':
                        lastId = s.ReadInt64("24hrTicker: L is not an integer");
                        continue;
                    case (byte)'n':
                        count = s.ReadInt64("24hrTicker: n is not an integer");
                        continue;
                    case (byte)'E':
                        eventTime = s.ReadMillisecondsAsNanos("24hrTicker: E is not a time");
                        continue;
                }
            }

            s.SkipValue();
        }

        if (s.Failed)
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, s.Error!);
        }

        if (seen != (hasSymbol | hasLast | hasOpen | hasHigh | hasLow | hasVolume | hasQuoteVolume))
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, "24hrTicker without one of s, c, o, h, l, v, q");
        }

        if (!symbolKnown)
        {
            return UnknownSymbol();
        }

        _ticker = new Binance24hTicker(instrument, change, percent, weighted, last, lastQuantity, open, high, low, volume,
            quoteVolume, openTime, closeTime, firstId, lastId, count, eventTime, _receiveTime);
        Instrument = instrument;
        return BinanceMessageKind.Ticker;
    }

    /// <summary>
    /// All-market arrays: <c>!ticker@arr</c> (24hrTicker elements) and <c>!markPrice@arr</c> (markPriceUpdate
    /// elements). Elements whose symbol the registry refuses are left out of the output. Any other array (a REST
    /// list, say) is well-formed but unknown.
    /// </summary>
    private BinanceMessageKind ParseArray(ref JsonScanner s)
    {
        if (!s.Expect((byte)'[', "not an array"))
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, s.Error!);
        }

        _tickerCount = 0;
        _markPriceCount = 0;
        var arrayKind = BinanceMessageKind.None;
        var first = true;
        while (s.NextElement(ref first))
        {
            var elementKind = ParseArrayElement(ref s);
            switch (elementKind)
            {
                case BinanceMessageKind.Ticker:
                    Append(ref _tickers, ref _tickerCount, _ticker);
                    arrayKind = arrayKind is BinanceMessageKind.None or BinanceMessageKind.TickerArray ? BinanceMessageKind.TickerArray : BinanceMessageKind.Unknown;
                    break;
                case BinanceMessageKind.MarkPrice:
                    Append(ref _markPrices, ref _markPriceCount, _markPrice);
                    arrayKind = arrayKind is BinanceMessageKind.None or BinanceMessageKind.MarkPriceArray ? BinanceMessageKind.MarkPriceArray : BinanceMessageKind.Unknown;
                    break;
                case BinanceMessageKind.UnknownSymbol:
                    _reason = null;
                    break;
                case BinanceMessageKind.Malformed:
                    return BinanceMessageKind.Malformed;
                default:
                    arrayKind = BinanceMessageKind.Unknown;
                    break;
            }
        }

        if (s.Failed)
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, s.Error!);
        }

        Instrument = default;
        return arrayKind switch
        {
            BinanceMessageKind.None => Refuse(ref s, BinanceMessageKind.Unknown, "empty array"),
            BinanceMessageKind.Unknown => Refuse(ref s, BinanceMessageKind.Unknown, "array of something other than ticker or mark price events"),
            _ => arrayKind,
        };
    }

    private BinanceMessageKind ParseArrayElement(ref JsonScanner s)
    {
        if (s.Peek() != (byte)'{')
        {
            return s.SkipValue() ? BinanceMessageKind.Unknown : Refuse(ref s, BinanceMessageKind.Malformed, s.Error!);
        }

        var objectStart = s.Position;
        s.Position++;
        var first = true;
        if (!s.NextKey(ref first, out var key))
        {
            return s.Failed ? Refuse(ref s, BinanceMessageKind.Malformed, s.Error!) : BinanceMessageKind.Unknown;
        }

        ReadOnlySpan<byte> type;
        if (key.SequenceEqual("e"u8))
        {
            type = s.ReadString("event type e is not a string");
        }
        else
        {
            // "e" is not first: find it, then read the element from its start.
            var shape = Classify(s, objectStart, key, out type);
            s.Position = objectStart;
            if (shape != PayloadShape.Event)
            {
                return s.SkipValue() ? BinanceMessageKind.Unknown : Refuse(ref s, BinanceMessageKind.Malformed, s.Error!);
            }

            s.Position = objectStart + 1;
            first = true;
        }

        return type.SequenceEqual("24hrTicker"u8) ? ParseTicker(ref s, first)
            : type.SequenceEqual("markPriceUpdate"u8) ? ParseMarkPrice(ref s, first)
            : SkipRest(ref s, BinanceMessageKind.Unknown, null, first);
    }

    private static void Append<T>(ref T[] items, ref int count, in T item)
    {
        if (count == items.Length)
        {
            Array.Resize(ref items, items.Length * 2);
        }

        items[count++] = item;
    }

    /// <summary>
    /// A reply: <c>{"result":..,"id":..}</c> or <c>{"error":{"code":..,"msg":..},"id":..}</c>, and the flat
    /// <c>{"code":..,"msg":..}</c> of REST errors and older stream errors.
    /// </summary>
    private BinanceMessageKind ParseControl(ref JsonScanner s)
    {
        long id = -1;
        Range idRange = default, resultRange = default, messageRange = default;
        var shape = BinanceResultShape.None;
        var errorCode = 0;
        var isError = false;
        var first = true;
        while (s.NextKey(ref first, out var key))
        {
            if (key.SequenceEqual("result"u8))
            {
                var c = s.Peek();
                var start = s.Position;
                shape = c == (byte)'n' ? BinanceResultShape.Null : c == (byte)'[' ? BinanceResultShape.Array : BinanceResultShape.Other;
                s.SkipValue();
                resultRange = new Range(start, s.Position);
            }
            else if (key.SequenceEqual("id"u8))
            {
                var c = s.Peek();
                var start = s.Position;
                if (c == (byte)'"')
                {
                    s.ReadStringRaw(out var text, out _);
                    idRange = new Range(start + 1, start + 1 + text.Length);
                }
                else if (c == (byte)'n')
                {
                    s.SkipValue();
                }
                else
                {
                    id = s.ReadInt64("id is not an integer");
                    idRange = new Range(start, s.Position);
                }
            }
            else if (key.SequenceEqual("error"u8))
            {
                isError = true;
                if (s.Peek() == (byte)'{')
                {
                    s.Position++;
                    var inner = true;
                    while (s.NextKey(ref inner, out var field))
                    {
                        if (field.SequenceEqual("code"u8))
                        {
                            errorCode = (int)Math.Clamp(s.ReadInt64("error.code is not an integer"), int.MinValue, int.MaxValue);
                        }
                        else if (field.SequenceEqual("msg"u8))
                        {
                            messageRange = ReadStringRange(ref s);
                        }
                        else
                        {
                            s.SkipValue();
                        }
                    }
                }
                else
                {
                    s.SkipValue();
                }
            }
            else if (key.SequenceEqual("code"u8))
            {
                isError = true;
                errorCode = (int)Math.Clamp(s.ReadInt64("code is not an integer"), int.MinValue, int.MaxValue);
            }
            else if (key.SequenceEqual("msg"u8))
            {
                messageRange = ReadStringRange(ref s);
            }
            else
            {
                s.SkipValue();
            }
        }

        if (s.Failed)
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, s.Error!);
        }

        _control = new BinanceControlMessage(id, idRange, shape, resultRange, errorCode, messageRange);
        Instrument = default;
        return isError ? BinanceMessageKind.Error
            : shape != BinanceResultShape.None ? BinanceMessageKind.Result
            : Refuse(ref s, BinanceMessageKind.Unknown, "reply without result or error");
    }

    private static Range ReadStringRange(ref JsonScanner s)
    {
        s.SkipWhitespace();
        var start = s.Position + 1;
        if (!s.ReadStringRaw(out var text, out _))
        {
            s.Fail("msg is not a string");
            return default;
        }

        return new Range(start, start + text.Length);
    }
}
