using System.Buffers.Text;
using System.Text.Json;
using FlowSight.Core;

namespace FlowSight.Venues.Okx.Parsing;

/// <summary>Candles, mark price, funding rate and open interest.</summary>
public sealed partial class OkxStreamParser
{
    /// <summary>Reads <c>data:[[ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm]]</c>; the last one wins when several are sent.</summary>
    private OkxMessageKind ParseCandle(ref Utf8JsonReader reader)
    {
        var candles = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            long openMs = 0;
            Price open = default, high = default, low = default, close = default;
            Quantity volume = default;
            Money quoteVolume = default;
            var closed = false;
            var index = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.String)
            {
                var value = reader.ValueSpan;
                var ok = index switch
                {
                    0 => Utf8Parser.TryParse(value, out openMs, out _),
                    1 => Price.TryParse(value, out open, out _),
                    2 => Price.TryParse(value, out high, out _),
                    3 => Price.TryParse(value, out low, out _),
                    4 => Price.TryParse(value, out close, out _),
                    5 => Quantity.TryParse(value, out volume, out _),
                    // volCcyQuote: the volume in the quote currency, like Binance's quote volume.
                    7 => value.IsEmpty || Money.TryParse(value, out quoteVolume, out _),
                    8 => true,
                    _ => true,
                };
                if (index == 8)
                {
                    closed = value.SequenceEqual("1"u8);
                }

                if (!ok)
                {
                    return Refuse(OkxMessageKind.Malformed, "candle: a value is not a number");
                }

                index++;
            }

            if (reader.TokenType != JsonTokenType.EndArray || index < 6)
            {
                return Refuse(OkxMessageKind.Malformed, "candle: not [ts, o, h, l, c, vol, ...] strings");
            }

            var openTime = openMs * NanosPerMillisecond;
            _candle = new Candle(Instrument, _candleInterval, openTime, CloseTime(openTime, _candleInterval), open, high, low, close,
                volume, quoteVolume, 0, closed, openTime, _receiveTime);
            candles++;
        }

        return candles > 0 && reader.TokenType == JsonTokenType.EndArray
            ? OkxMessageKind.Candle
            : Refuse(OkxMessageKind.Malformed, "candle: data is not a list of candles");
    }

    /// <summary>The candle's last millisecond, as Binance reports close times.</summary>
    private static long CloseTime(long openTime, CandleInterval interval)
    {
        if (interval == CandleInterval.OneMonth)
        {
            var start = DateTime.UnixEpoch.AddTicks(openTime / 100);
            return ((start.AddMonths(1) - DateTime.UnixEpoch).Ticks * 100) - NanosPerMillisecond;
        }

        return openTime + interval.ToNanoseconds() - NanosPerMillisecond;
    }

    /// <summary>Reads one object of <c>mark-price</c> (<c>markPx</c>), <c>funding-rate</c> or <c>open-interest</c> (<c>oi</c>, <c>oiUsd</c>).</summary>
    private OkxMessageKind ParseDerivatives(ref Utf8JsonReader reader)
    {
        Price mark = default;
        Quantity oi = default;
        Money oiUsd = default;
        decimal rate = 0;
        long fundingTime = 0, nextFundingTime = 0, ts = 0;
        var seen = false;
        var objects = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            objects++;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var ok = true;
                if (reader.ValueTextEquals("markPx"u8) && Channel == OkxChannel.MarkPrice)
                {
                    ok = ReadPrice(ref reader, out mark) && !mark.Equals(default(Price));
                    seen = true;
                }
                else if (reader.ValueTextEquals("fundingRate"u8) && Channel == OkxChannel.FundingRate)
                {
                    reader.Read();
                    ok = reader.TokenType == JsonTokenType.String && Utf8Parser.TryParse(reader.ValueSpan, out rate, out var used) && used == reader.ValueSpan.Length;
                    seen = true;
                }
                else if (reader.ValueTextEquals("oi"u8) && Channel == OkxChannel.OpenInterest)
                {
                    ok = ReadQuantity(ref reader, out oi);
                    seen = true;
                }
                else if (reader.ValueTextEquals("oiUsd"u8))
                {
                    reader.Read();
                    ok = reader.TokenType == JsonTokenType.String && (reader.ValueSpan.IsEmpty || Money.TryParse(reader.ValueSpan, out oiUsd, out _));
                }
                else if (reader.ValueTextEquals("fundingTime"u8))
                {
                    ok = TryReadInt64String(ref reader, out fundingTime);
                }
                else if (reader.ValueTextEquals("nextFundingTime"u8))
                {
                    ok = TryReadInt64String(ref reader, out nextFundingTime);
                }
                else if (reader.ValueTextEquals("ts"u8))
                {
                    ok = TryReadInt64String(ref reader, out ts);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }

                if (!ok)
                {
                    return Refuse(OkxMessageKind.Malformed, "derivatives: a value is not a number");
                }
            }
        }

        if (objects != 1 || !seen || reader.TokenType != JsonTokenType.EndArray)
        {
            return Refuse(OkxMessageKind.Malformed, "derivatives: data is not one object with its value");
        }

        var eventTime = ts * NanosPerMillisecond;
        switch (Channel)
        {
            case OkxChannel.MarkPrice:
                _markPrice = new MarkPrice(Instrument, mark, default, default, 0m, 0, eventTime, _receiveTime);
                return OkxMessageKind.MarkPrice;
            case OkxChannel.FundingRate:
                // OKX states no interval; the gap between the next two settlements is it (8 h for most swaps).
                var hours = nextFundingTime > fundingTime && fundingTime > 0 ? (int)((nextFundingTime - fundingTime) / 3_600_000) : 0;
                _fundingRate = new FundingRate(Instrument, rate, fundingTime * NanosPerMillisecond, hours, eventTime, _receiveTime);
                return OkxMessageKind.FundingRate;
            default:
                _openInterest = new OpenInterest(Instrument, oi, oiUsd, eventTime, _receiveTime);
                return OkxMessageKind.OpenInterest;
        }
    }
}
