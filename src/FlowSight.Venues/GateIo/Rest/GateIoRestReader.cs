using System.Text.Json;
using FlowSight.Core;
using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.GateIo.Rest;

/// <summary>Turns Gate.io v4 REST bodies into core types.</summary>
internal static class GateIoRestReader
{
    /// <summary><c>spot/currency_pairs</c>: an array of pairs.</summary>
    public static GateIoCurrencyPairList CurrencyPairs(JsonElement root)
    {
        var result = new List<GateIoCurrencyPair>(root.GetArrayLength());
        var unsupported = new List<UnsupportedInstrument>();
        foreach (var item in root.EnumerateArray())
        {
            var id = RestJson.Text(item, "id");
            try
            {
                if (Unsupported(item, id) is { } skipped)
                {
                    unsupported.Add(skipped);
                    continue;
                }

                result.Add(CurrencyPair(item, id));
            }
            catch (FixedPointFormatException ex) when (ex.Error is FixedPointError.TooManyDecimals or FixedPointError.TooManyDigits or FixedPointError.Overflow)
            {
                unsupported.Add(new UnsupportedInstrument(id, ex.Message));
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
            {
                throw new FormatException($"Currency pair {id}: {ex.Message}", ex);
            }
        }

        return new GateIoCurrencyPairList(result, unsupported);
    }

    private static UnsupportedInstrument? Unsupported(JsonElement item, string id)
    {
        var price = RestJson.Int64(RestJson.Get(item, "precision"));
        var amount = RestJson.Int64(RestJson.Get(item, "amount_precision"));
        return price > Price.MaxPrecision || amount > Quantity.MaxPrecision || price < 0 || amount < 0
            ? new UnsupportedInstrument(id, $"precision {price} / amount_precision {amount}: FlowSight keeps at most {Price.MaxPrecision} decimals.")
            : null;
    }

    private static GateIoCurrencyPair CurrencyPair(JsonElement item, string id)
    {
        var pricePrecision = checked((byte)RestJson.Int64(RestJson.Get(item, "precision")));
        var amountPrecision = checked((byte)RestJson.Int64(RestJson.Get(item, "amount_precision")));
        var step = Quantity.FromDecimal(Pow10(-amountPrecision), amountPrecision);
        var fee = RestJson.OptionalText(item, "fee") is not null ? RestJson.Decimal(RestJson.Get(item, "fee")) : 0m;
        var quote = RestJson.Text(item, "quote");
        var spec = new Instrument
        {
            Id = GateIoInstrumentIds.Of(GateIoMarket.Spot, id),
            VenueSymbol = id,
            Kind = InstrumentKind.Spot,
            BaseAsset = RestJson.Text(item, "base"),
            QuoteAsset = quote,
            SettleAsset = quote,
            TickSize = Price.FromDecimal(Pow10(-pricePrecision), pricePrecision),
            StepSize = step,

            // Pairs listed before Gate added min_base_amount have no minimum but the step.
            MinQuantity = RestJson.OptionalText(item, "min_base_amount") is not null ? RestJson.Quantity(RestJson.Get(item, "min_base_amount")) : step,
            MinNotional = RestJson.OptionalText(item, "min_quote_amount") is not null ? RestJson.Money(RestJson.Get(item, "min_quote_amount")) : default,
            MakerFee = fee / 100m,
            TakerFee = fee / 100m,
        };
        return new GateIoCurrencyPair(spec, RestJson.OptionalText(item, "trade_status") ?? string.Empty, fee);
    }

    /// <summary><c>futures/usdt/contracts</c>: an array of contracts.</summary>
    public static GateIoContractList Contracts(JsonElement root)
    {
        var result = new List<GateIoContract>(root.GetArrayLength());
        var unsupported = new List<UnsupportedInstrument>();
        foreach (var item in root.EnumerateArray())
        {
            var name = RestJson.Text(item, "name");
            try
            {
                result.Add(Contract(item, name));
            }
            catch (FixedPointFormatException ex) when (ex.Error is FixedPointError.TooManyDecimals or FixedPointError.TooManyDigits or FixedPointError.Overflow)
            {
                unsupported.Add(new UnsupportedInstrument(name, ex.Message));
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
            {
                throw new FormatException($"Contract {name}: {ex.Message}", ex);
            }
        }

        return new GateIoContractList(result, unsupported);
    }

    private static GateIoContract Contract(JsonElement item, string name)
    {
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || underscore == name.Length - 1)
        {
            throw new FormatException($"'{name}' does not name a BASE_QUOTE contract.");
        }

        var type = RestJson.OptionalText(item, "type") ?? "direct";
        var leverage = RestJson.OptionalText(item, "leverage_max") is not null ? RestJson.Decimal(RestJson.Get(item, "leverage_max")) : 1m;
        var spec = new Instrument
        {
            Id = GateIoInstrumentIds.Of(GateIoMarket.UsdtFutures, name),
            VenueSymbol = name,
            Kind = InstrumentKind.Perpetual,
            BaseAsset = name[..underscore],
            QuoteAsset = name[(underscore + 1)..],
            SettleAsset = "USDT",
            IsInverse = string.Equals(type, "inverse", StringComparison.Ordinal),
            TickSize = RestJson.Price(RestJson.Get(item, "order_price_round")),

            // Futures sizes are whole contracts.
            StepSize = Quantity.FromDecimal(1m, 0),
            MinQuantity = RestJson.Quantity(RestJson.Get(item, "order_size_min")),
            MaxQuantity = RestJson.OptionalText(item, "order_size_max") is not null ? RestJson.Quantity(RestJson.Get(item, "order_size_max")) : null,
            ContractMultiplier = RestJson.Decimal(RestJson.Get(item, "quanto_multiplier")),
            MaxLeverage = leverage >= 1m ? leverage : 1m,
            MakerFee = RestJson.OptionalText(item, "maker_fee_rate") is not null ? RestJson.Decimal(RestJson.Get(item, "maker_fee_rate")) : 0m,
            TakerFee = RestJson.OptionalText(item, "taker_fee_rate") is not null ? RestJson.Decimal(RestJson.Get(item, "taker_fee_rate")) : 0m,
        };
        return new GateIoContract(
            spec,
            type,
            item.TryGetProperty("in_delisting", out var delisting) && delisting.ValueKind == JsonValueKind.True,
            item.TryGetProperty("funding_interval", out var interval) ? checked((int)RestJson.Int64(interval)) : 0,
            RestJson.OptionalText(item, "funding_rate") is not null ? RestJson.Decimal(RestJson.Get(item, "funding_rate")) : 0m,
            item.TryGetProperty("funding_next_apply", out var next) ? RestJson.SecondsAsNanos(next) : 0);
    }

    /// <summary>
    /// An order book with <c>id</c>: spot levels are <c>["price","amount"]</c> and its times milliseconds; futures
    /// levels are <c>{"p":"price","s":contracts}</c> and its times seconds with a fraction.
    /// </summary>
    public static (BookSnapshot Book, long UpdateTime, int Truncated) Book(JsonElement root, GateIoMarket market, InstrumentId instrument, long receiveTime)
    {
        if (!root.TryGetProperty("id", out var idElement))
        {
            throw new FormatException("The book has no 'id'; it must be asked for with with_id=true.");
        }

        long Time(string field) => !root.TryGetProperty(field, out var t) ? 0
            : market == GateIoMarket.Spot ? RestJson.MillisAsNanos(t) : RestJson.SecondsAsNanos(t);

        var truncated = 0;
        var book = new BookSnapshot(
            instrument,
            RestJson.Int64(idElement),
            Levels(RestJson.Get(root, "bids"), ref truncated),
            Levels(RestJson.Get(root, "asks"), ref truncated),
            Time("current"),
            receiveTime);
        return (book, Time("update"), truncated);
    }

    private static BookLevel[] Levels(JsonElement side, ref int truncated)
    {
        var levels = new BookLevel[side.GetArrayLength()];
        var i = 0;
        foreach (var level in side.EnumerateArray())
        {
            var isObject = level.ValueKind == JsonValueKind.Object;
            var size = RestJson.QuantityFitted(isObject ? RestJson.Get(level, "s") : level[1], out var cut);
            truncated += cut ? 1 : 0;
            levels[i++] = new BookLevel(RestJson.Price(isObject ? RestJson.Get(level, "p") : level[0]), size);
        }

        return levels;
    }

    /// <summary>
    /// Spot rows <c>[t, quote volume, close, high, low, open, base volume, window closed]</c>; futures objects
    /// <c>{"t","v","c","h","l","o","sum"}</c> (volume in contracts, <c>sum</c> in USDT), which carry no closed flag,
    /// so a futures candle is closed once its interval has ended on Gate's clock. Times are seconds.
    /// </summary>
    public static List<Candle> Candles(JsonElement root, GateIoMarket market, InstrumentId instrument, CandleInterval interval, long serverNow, long receiveTime)
    {
        var candles = new List<Candle>(root.GetArrayLength());
        foreach (var row in root.EnumerateArray())
        {
            Candle candle;
            if (market == GateIoMarket.Spot)
            {
                var fields = row.GetArrayLength();
                if (fields < 7)
                {
                    throw new FormatException($"A candlestick has {fields} fields, expected at least 7.");
                }

                var open = RestJson.SecondsAsNanos(row[0]);
                var close = CandleCalendar.Add(interval, open, 1);
                var closed = fields >= 8 ? row[7].ValueKind == JsonValueKind.True || (row[7].ValueKind == JsonValueKind.String && row[7].ValueEquals("true")) : close <= serverNow;
                candle = new Candle(instrument, interval, open, close, RestJson.Price(row[5]), RestJson.Price(row[3]), RestJson.Price(row[4]), RestJson.Price(row[2]), RestJson.Quantity(row[6]), RestJson.Money(row[1]), 0, closed, serverNow, receiveTime);
            }
            else
            {
                var open = RestJson.SecondsAsNanos(RestJson.Get(row, "t"));
                var close = CandleCalendar.Add(interval, open, 1);
                var quote = row.TryGetProperty("sum", out var sum) ? RestJson.Money(sum) : default;
                candle = new Candle(
                    instrument,
                    interval,
                    open,
                    close,
                    RestJson.Price(RestJson.Get(row, "o")),
                    RestJson.Price(RestJson.Get(row, "h")),
                    RestJson.Price(RestJson.Get(row, "l")),
                    RestJson.Price(RestJson.Get(row, "c")),
                    RestJson.Quantity(RestJson.Get(row, "v")),
                    quote,
                    0,
                    close <= serverNow,
                    serverNow,
                    receiveTime);
            }

            candles.Add(candle);
        }

        return candles;
    }

    /// <summary>Funding history <c>[{"t":seconds,"r":"rate"}]</c>, newest first; the interval is filled in later.</summary>
    public static List<FundingRate> FundingRates(JsonElement root, InstrumentId instrument, long receiveTime)
    {
        var rates = new List<FundingRate>(root.GetArrayLength());
        foreach (var entry in root.EnumerateArray())
        {
            var time = RestJson.SecondsAsNanos(RestJson.Get(entry, "t"));
            rates.Add(new FundingRate(instrument, RestJson.Decimal(RestJson.Get(entry, "r")), time, 0, time, receiveTime));
        }

        return rates;
    }

    /// <summary><c>spot/time</c>: <c>{"server_time":1597026383085}</c> (milliseconds).</summary>
    public static long ServerTime(JsonElement root) => RestJson.MillisAsNanos(RestJson.Get(root, "server_time"));

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            result = exponent < 0 ? result / 10m : result * 10m;
        }

        return result;
    }
}
