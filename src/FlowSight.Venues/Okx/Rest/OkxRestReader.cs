using System.Text.Json;
using FlowSight.Core;
using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.Okx.Rest;

/// <summary>Turns the <c>data</c> arrays of OKX v5 REST envelopes into core types.</summary>
internal static class OkxRestReader
{
    /// <summary>The envelope's <c>data</c> array.</summary>
    public static JsonElement Data(JsonElement root)
    {
        var data = RestJson.Get(root, "data");
        return data.ValueKind == JsonValueKind.Array ? data : throw new FormatException($"'data' is {data.ValueKind}, expected an array.");
    }

    public static OkxInstrumentList Instruments(JsonElement root, OkxInstrumentType expected)
    {
        var data = Data(root);
        var result = new List<OkxInstrumentInfo>(data.GetArrayLength());
        var unsupported = new List<UnsupportedInstrument>();
        foreach (var item in data.EnumerateArray())
        {
            var instId = RestJson.Text(item, "instId");
            try
            {
                result.Add(Instrument(item, instId, expected));
            }
            catch (FixedPointFormatException ex) when (ex.Error is FixedPointError.TooManyDecimals or FixedPointError.TooManyDigits or FixedPointError.Overflow)
            {
                unsupported.Add(new UnsupportedInstrument(instId, ex.Message));
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
            {
                throw new FormatException($"Instrument {instId}: {ex.Message}", ex);
            }
        }

        return new OkxInstrumentList(result, unsupported);
    }

    private static OkxInstrumentInfo Instrument(JsonElement item, string instId, OkxInstrumentType expected)
    {
        var type = OkxInstrumentTypes.TryParse(RestJson.OptionalText(item, "instType"), out var t) ? t : expected;
        var tick = RestJson.Price(RestJson.Get(item, "tickSz"));
        var lot = RestJson.Quantity(RestJson.Get(item, "lotSz"));
        var min = RestJson.Quantity(RestJson.Get(item, "minSz"));
        Quantity? max = RestJson.OptionalText(item, "maxLmtSz") is not null ? RestJson.Quantity(RestJson.Get(item, "maxLmtSz")) : null;
        var lever = RestJson.OptionalText(item, "lever") is not null ? RestJson.Decimal(RestJson.Get(item, "lever")) : (decimal?)null;
        long? listTime = RestJson.OptionalText(item, "listTime") is not null ? RestJson.MillisAsNanos(RestJson.Get(item, "listTime")) : null;
        var state = RestJson.OptionalText(item, "state") ?? string.Empty;
        var id = OkxInstrumentIds.Of(instId);
        if (type == OkxInstrumentType.Spot)
        {
            var (baseFromId, quoteFromId) = SplitPair(instId);
            var quote = RestJson.OptionalText(item, "quoteCcy") ?? quoteFromId;
            var spot = new Instrument
            {
                Id = id,
                VenueSymbol = instId,
                Kind = InstrumentKind.Spot,
                BaseAsset = RestJson.OptionalText(item, "baseCcy") ?? baseFromId,
                QuoteAsset = quote,
                SettleAsset = quote,
                TickSize = tick,
                StepSize = lot,
                MinQuantity = min,
                MaxQuantity = max,
            };
            return new OkxInstrumentInfo(spot, type, state, null, null, null, null, listTime, lever);
        }

        // Derivatives name their pair in uly / instFamily ("BTC-USD"); baseCcy and quoteCcy are empty.
        var family = RestJson.OptionalText(item, "instFamily") ?? RestJson.OptionalText(item, "uly") ?? instId;
        var (baseAsset, quoteAsset) = SplitPair(family);
        var contractValue = RestJson.Decimal(RestJson.Get(item, "ctVal"));
        var contractMultiplier = RestJson.OptionalText(item, "ctMult") is not null ? RestJson.Decimal(RestJson.Get(item, "ctMult")) : 1m;
        var contractType = RestJson.OptionalText(item, "ctType");
        long? expiry = type == OkxInstrumentType.Futures ? RestJson.MillisAsNanos(RestJson.Get(item, "expTime")) : null;
        var spec = new Instrument
        {
            Id = id,
            VenueSymbol = instId,
            Kind = type == OkxInstrumentType.Swap ? InstrumentKind.Perpetual : InstrumentKind.DatedFuture,
            BaseAsset = baseAsset,
            QuoteAsset = quoteAsset,
            SettleAsset = RestJson.OptionalText(item, "settleCcy") ?? string.Empty,
            IsInverse = string.Equals(contractType, "inverse", StringComparison.Ordinal),
            TickSize = tick,
            StepSize = lot,
            MinQuantity = min,
            MaxQuantity = max,

            // One contract is ctVal × ctMult units of ctValCcy (the base for linear, USD for inverse contracts).
            ContractMultiplier = contractValue * contractMultiplier,
            MaxLeverage = lever is { } l && l >= 1m ? l : 1m,
            Expiry = expiry,
        };
        return new OkxInstrumentInfo(
            spec,
            type,
            state,
            RestJson.OptionalText(item, "ctValCcy"),
            contractType,
            RestJson.OptionalText(item, "uly"),
            RestJson.OptionalText(item, "alias"),
            listTime,
            null);
    }

    private static (string Base, string Quote) SplitPair(string pair)
    {
        var parts = pair.Split('-');
        return parts.Length >= 2 ? (parts[0], parts[1]) : throw new FormatException($"'{pair}' does not name a BASE-QUOTE pair.");
    }

    public static BookSnapshot Book(JsonElement root, InstrumentId instrument, long receiveTime)
    {
        var data = Data(root);
        if (data.GetArrayLength() == 0)
        {
            throw new FormatException("The book answer has no entry.");
        }

        var book = data[0];
        var seqId = book.TryGetProperty("seqId", out var seq) ? RestJson.Int64(seq) : 0;
        return new BookSnapshot(
            instrument,
            seqId,
            Levels(RestJson.Get(book, "bids")),
            Levels(RestJson.Get(book, "asks")),
            RestJson.MillisAsNanos(RestJson.Get(book, "ts")),
            receiveTime);
    }

    private static BookLevel[] Levels(JsonElement side)
    {
        var levels = new BookLevel[side.GetArrayLength()];
        var i = 0;
        foreach (var level in side.EnumerateArray())
        {
            levels[i++] = new BookLevel(RestJson.Price(level[0]), RestJson.Quantity(level[1]));
        }

        return levels;
    }

    /// <summary>
    /// Candles <c>[ts,o,h,l,c,vol,volCcy,volCcyQuote,confirm]</c>, newest first as OKX sends them. Responses from
    /// before <c>volCcyQuote</c> and <c>confirm</c> existed have 7 fields: then spot's <c>volCcy</c> is the quote
    /// volume, and a candle is confirmed once its interval has ended on OKX's clock.
    /// </summary>
    public static List<Candle> Candles(JsonElement root, InstrumentId instrument, CandleInterval interval, bool isSpot, long serverNow, long receiveTime)
    {
        var data = Data(root);
        var candles = new List<Candle>(data.GetArrayLength());
        foreach (var row in data.EnumerateArray())
        {
            var fields = row.GetArrayLength();
            if (fields < 7)
            {
                throw new FormatException($"A candle has {fields} fields, expected at least 7.");
            }

            var open = RestJson.MillisAsNanos(row[0]);
            var close = CandleCalendar.Add(interval, open, 1);
            var quoteVolume = fields >= 8 ? RestJson.Money(row[7]) : isSpot ? RestJson.Money(row[6]) : default;
            var confirmed = fields >= 9 ? RestJson.Int64(row[8]) == 1 : close <= serverNow;
            candles.Add(new Candle(
                instrument,
                interval,
                open,
                close,
                RestJson.Price(row[1]),
                RestJson.Price(row[2]),
                RestJson.Price(row[3]),
                RestJson.Price(row[4]),
                RestJson.Quantity(row[5]),
                quoteVolume,
                TradeCount: 0,
                IsClosed: confirmed,
                EventTime: serverNow,
                ReceiveTime: receiveTime));
        }

        return candles;
    }

    /// <summary>Funding entries <c>{"instId","fundingRate","realizedRate","fundingTime"}</c>, newest first; the interval is filled in later.</summary>
    public static List<(FundingRate Rate, decimal? Realized)> FundingRates(JsonElement root, InstrumentId instrument, long receiveTime)
    {
        var data = Data(root);
        var rates = new List<(FundingRate, decimal?)>(data.GetArrayLength());
        foreach (var entry in data.EnumerateArray())
        {
            var time = RestJson.MillisAsNanos(RestJson.Get(entry, "fundingTime"));
            decimal? realized = RestJson.OptionalText(entry, "realizedRate") is not null ? RestJson.Decimal(RestJson.Get(entry, "realizedRate")) : null;
            rates.Add((new FundingRate(instrument, RestJson.Decimal(RestJson.Get(entry, "fundingRate")), time, 0, time, receiveTime), realized));
        }

        return rates;
    }

    /// <summary>Open interest <c>{"oi","oiCcy","oiUsd","ts"}</c>: contracts, and the USD value when OKX sends it.</summary>
    public static OpenInterest OpenInterest(JsonElement root, InstrumentId instrument, long receiveTime)
    {
        var data = Data(root);
        if (data.GetArrayLength() == 0)
        {
            throw new FormatException("The open-interest answer has no entry.");
        }

        var entry = data[0];
        var value = RestJson.OptionalText(entry, "oiUsd") is not null ? RestJson.Money(RestJson.Get(entry, "oiUsd")) : default;
        return new OpenInterest(instrument, RestJson.Quantity(RestJson.Get(entry, "oi")), value, RestJson.MillisAsNanos(RestJson.Get(entry, "ts")), receiveTime);
    }

    public static long ServerTime(JsonElement root)
    {
        var data = Data(root);
        return data.GetArrayLength() > 0 ? RestJson.MillisAsNanos(RestJson.Get(data[0], "ts")) : throw new FormatException("The time answer has no entry.");
    }
}
