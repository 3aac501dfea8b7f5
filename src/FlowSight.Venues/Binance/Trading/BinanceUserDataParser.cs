using System.Globalization;
using System.Text.Json;
using FlowSight.Core;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>
/// Reads Binance user-data-stream events into reports: USDⓈ-M <c>ORDER_TRADE_UPDATE</c> and spot
/// <c>executionReport</c> become an <see cref="OrderStatusReport"/> and, when the execution type is <c>TRADE</c>, a
/// <see cref="FillReport"/> (trade id <c>t</c>, fee <c>n</c> in <c>N</c>, maker <c>m</c>, realised PnL <c>rp</c>);
/// <c>ACCOUNT_UPDATE</c> / <c>outboundAccountPosition</c> become <see cref="BalanceReport"/>s and
/// <see cref="PositionStatusReport"/>s. USDⓈ-M <c>ALGO_UPDATE</c> (conditional orders in the algo service) becomes an
/// <see cref="OrderStatusReport"/> under the <c>clientAlgoId</c>; the regular order a triggered algo order became
/// (<c>ai</c>) is remembered so that its <c>ORDER_TRADE_UPDATE</c>s, fills included, are reported under the algo
/// order's client id. <c>ALGO_UPDATE</c> never makes a fill: fills come only from TRADE executions, by trade id. It
/// reports every event it is given, duplicates and stale ones included: the engine counts a fill once per trade id
/// and orders reports by state, not the parser.
/// </summary>
/// <remarks>State: the instrument table and the triggered algo orders' regular order ids; thread-safe.</remarks>
public sealed class BinanceUserDataParser
{
    private readonly BinanceMarket _market;
    private readonly BinanceTradingSymbols _symbols;
    private readonly BinanceAlgoOrderIds _algo;
    private readonly string _account;

    /// <summary>
    /// Creates a parser for <paramref name="market"/>'s events about <paramref name="instruments"/> (others are
    /// ignored); balances are reported as <paramref name="account"/>'s.
    /// </summary>
    public BinanceUserDataParser(BinanceMarket market, IEnumerable<Instrument> instruments, string account = "")
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(account);
        _market = market;
        _symbols = new BinanceTradingSymbols(instruments);
        _algo = new BinanceAlgoOrderIds();
        _account = account;
    }

    internal BinanceUserDataParser(BinanceMarket market, BinanceTradingSymbols symbols, BinanceAlgoOrderIds algo, string account)
    {
        _market = market;
        _symbols = symbols;
        _algo = algo;
        _account = account;
    }

    /// <summary>Parses one frame and delivers its reports to <paramref name="sink"/>; <paramref name="receivedAt"/> is Unix ns.</summary>
    /// <exception cref="JsonException">The frame is not JSON.</exception>
    public BinanceUserDataEvent Parse(ReadOnlySpan<byte> frame, long receivedAt, IExecutionReportSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var reader = new Utf8JsonReader(frame);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;

        // Combined-stream framing ({"stream":..,"data":{..}}) carries the event in "data".
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            root = data;
        }

        switch (BinanceTradingReader.Text(root, "e"))
        {
            case "ORDER_TRADE_UPDATE":
                if (root.TryGetProperty("o", out var o))
                {
                    Order(o, false, receivedAt, sink);
                }

                return BinanceUserDataEvent.Order;
            case "ALGO_UPDATE":
                if (root.TryGetProperty("o", out var algo))
                {
                    AlgoOrder(algo, (BinanceTradingReader.Long(root, "E") ?? BinanceTradingReader.Long(root, "T") ?? 0) * UnixNanos.PerMillisecond, receivedAt, sink);
                }

                return BinanceUserDataEvent.Order;
            case "executionReport":
                Order(root, true, receivedAt, sink);
                return BinanceUserDataEvent.Order;
            case "ACCOUNT_UPDATE":
                FuturesAccount(root, receivedAt, sink);
                return BinanceUserDataEvent.Account;
            case "outboundAccountPosition":
                foreach (var b in BinanceTradingReader.Array(root, "B"))
                {
                    var free = BinanceNumbers.Decimal(BinanceTradingReader.Text(b, "f"));
                    var locked = BinanceNumbers.Decimal(BinanceTradingReader.Text(b, "l"));
                    var balance = new BalanceReport { Venue = Venue.Binance, Account = _account, Asset = BinanceTradingReader.Text(b, "a") ?? string.Empty, Total = free + locked, Free = free, Timestamp = receivedAt };
                    sink.OnBalance(balance);
                }

                return BinanceUserDataEvent.Account;
            case "listenKeyExpired":
                return BinanceUserDataEvent.ListenKeyExpired;
            default:
                return BinanceUserDataEvent.Other;
        }
    }

    private void Order(JsonElement o, bool spot, long receivedAt, IExecutionReportSink sink)
    {
        var instrument = _symbols.BySymbol(BinanceTradingReader.Text(o, "s"));
        if (instrument is null)
        {
            return;
        }

        var status = BinanceTradingReader.Text(o, "X");
        var client = BinanceTradingReader.Text(o, "c");

        // Spot cancels carry the cancel request's id in "c" and the order's own in "C".
        if (spot && BinanceTradingReader.Text(o, "C") is { Length: > 0 } original)
        {
            client = original;
        }

        var clientOrderId = ClientOrderId.TryParse(client ?? string.Empty, out var id) ? id : default;
        var orderId = BinanceTradingReader.Long(o, "i") ?? 0;
        var venueOrderId = VenueOrderId.FromNumber(orderId);
        if (!spot && _algo.TryGetTriggered(instrument.Id, orderId, out var algoClient))
        {
            // The regular order a triggered algo order became: ours under the algo order's client id.
            clientOrderId = algoClient;
        }

        var filled = BinanceNumbers.Quantity(BinanceTradingReader.Text(o, "z"), instrument.SizePrecision);
        Price? average;
        if (spot)
        {
            var quote = BinanceNumbers.Decimal(BinanceTradingReader.Text(o, "Z"));
            average = filled.Raw == 0 || quote == 0m ? null : BinanceNumbers.OptionalPrice((quote / filled.ToDecimal()).ToString(CultureInfo.InvariantCulture), instrument.PricePrecision);
        }
        else
        {
            average = BinanceNumbers.OptionalPrice(BinanceTradingReader.Text(o, "ap"), instrument.PricePrecision);
        }

        var type = BinanceTradingReader.Text(o, "o");
        var reject = BinanceTradingReader.Text(o, "r");
        var side = BinanceOrderWire.ParseSide(BinanceTradingReader.Text(o, "S"));
        var positionSide = BinanceOrderWire.ParsePositionSide(BinanceTradingReader.Text(o, "ps"));
        var tradeTime = (BinanceTradingReader.Long(o, "T") ?? 0) * UnixNanos.PerMillisecond;
        var report = new OrderStatusReport
        {
            Instrument = instrument.Id,
            ClientOrderId = clientOrderId,
            VenueOrderId = venueOrderId,
            Side = side,
            Type = BinanceOrderWire.ParseType(type, _market),
            Status = BinanceOrderWire.ParseStatus(status),
            Quantity = BinanceNumbers.Quantity(BinanceTradingReader.Text(o, "q"), instrument.SizePrecision),
            FilledQuantity = filled,
            Price = BinanceNumbers.OptionalPrice(BinanceTradingReader.Text(o, "p"), instrument.PricePrecision),
            AveragePrice = average,
            TriggerPrice = BinanceNumbers.OptionalPrice(BinanceTradingReader.Text(o, spot ? "P" : "sp"), instrument.PricePrecision),
            TimeInForce = BinanceOrderWire.ParseTimeInForce(BinanceTradingReader.Text(o, "f"), type),
            ReduceOnly = BinanceTradingReader.Bool(o, "R"),
            PositionSide = positionSide,
            Reason = reject is { Length: > 0 } and not "NONE" ? reject : null,
            UpdateTime = tradeTime,
            Timestamp = receivedAt,
        };

        if (BinanceTradingReader.Text(o, "x") == "TRADE")
        {
            var fill = new FillReport
            {
                Instrument = instrument.Id,
                ClientOrderId = clientOrderId,
                VenueOrderId = venueOrderId,
                TradeId = (BinanceTradingReader.Long(o, "t") ?? 0).ToString(CultureInfo.InvariantCulture),
                Side = side,
                Price = BinanceNumbers.Price(BinanceTradingReader.Text(o, "L"), instrument.PricePrecision),
                Quantity = BinanceNumbers.Quantity(BinanceTradingReader.Text(o, "l"), instrument.SizePrecision),
                Fee = BinanceNumbers.Money(BinanceTradingReader.Text(o, "n"), 0),
                FeeAsset = BinanceTradingReader.Text(o, "N") ?? string.Empty,
                Liquidity = BinanceTradingReader.Bool(o, "m") ? FillLiquidity.Maker : FillLiquidity.Taker,
                PositionSide = positionSide,
                VenueRealizedPnl = spot ? null : BinanceNumbers.Money(BinanceTradingReader.Text(o, "rp"), 0),
                TradeTime = tradeTime,
                Timestamp = receivedAt,
            };

            // The fill first: the engine then sees the order's filled quantity already counted when the status arrives.
            sink.OnFill(fill);
        }

        sink.OnOrderStatus(report);
    }

    /// <summary>
    /// <c>ALGO_UPDATE</c>'s <c>o</c>: <c>caid</c> our client id, <c>aid</c> the algoId, <c>X</c> the algo status,
    /// <c>ai</c> the regular order once triggered (with its filled quantity <c>aq</c> and average price <c>ap</c>),
    /// <c>tp</c> the trigger, <c>rm</c> why it failed. TRIGGERING says nothing the next event does not, and is skipped.
    /// </summary>
    private void AlgoOrder(JsonElement o, long updateTime, long receivedAt, IExecutionReportSink sink)
    {
        var instrument = _symbols.BySymbol(BinanceTradingReader.Text(o, "s"));
        var status = BinanceTradingReader.Text(o, "X");
        if (instrument is null || status == "TRIGGERING")
        {
            return;
        }

        var clientOrderId = ClientOrderId.TryParse(BinanceTradingReader.Text(o, "caid") ?? string.Empty, out var id) ? id : default;
        var algoId = BinanceTradingReader.Long(o, "aid") ?? 0;
        long? actual = BinanceTradingReader.Long(o, "ai") is { } ai and not 0 ? ai : null;
        _algo.Remember(instrument.Id, clientOrderId, algoId, actual);
        var quantity = BinanceNumbers.Quantity(BinanceTradingReader.Text(o, "q"), instrument.SizePrecision);
        var filled = BinanceNumbers.Quantity(BinanceTradingReader.Text(o, "aq"), instrument.SizePrecision);
        var type = BinanceTradingReader.Text(o, "o");
        var reason = BinanceTradingReader.Text(o, "rm");
        var report = new OrderStatusReport
        {
            Instrument = instrument.Id,
            ClientOrderId = clientOrderId,
            VenueOrderId = VenueOrderId.FromNumber(actual ?? algoId),
            Side = BinanceOrderWire.ParseSide(BinanceTradingReader.Text(o, "S")),
            Type = BinanceOrderWire.ParseType(type, BinanceMarket.UsdM),
            Status = BinanceOrderWire.ParseAlgoStatus(status, filled, quantity),
            Quantity = quantity,
            FilledQuantity = filled,
            Price = BinanceNumbers.OptionalPrice(BinanceTradingReader.Text(o, "p"), instrument.PricePrecision),
            AveragePrice = filled.Raw == 0 ? null : BinanceNumbers.OptionalPrice(BinanceTradingReader.Text(o, "ap"), instrument.PricePrecision),
            TriggerPrice = BinanceNumbers.OptionalPrice(BinanceTradingReader.Text(o, "tp"), instrument.PricePrecision),
            TimeInForce = BinanceOrderWire.ParseTimeInForce(BinanceTradingReader.Text(o, "f"), type),
            ReduceOnly = BinanceTradingReader.Bool(o, "R"),
            PositionSide = BinanceOrderWire.ParsePositionSide(BinanceTradingReader.Text(o, "ps")),
            Reason = reason is { Length: > 0 } ? reason : null,
            UpdateTime = updateTime,
            Timestamp = receivedAt,
        };
        sink.OnOrderStatus(report);
    }

    private void FuturesAccount(JsonElement root, long receivedAt, IExecutionReportSink sink)
    {
        if (!root.TryGetProperty("a", out var a))
        {
            return;
        }

        foreach (var b in BinanceTradingReader.Array(a, "B"))
        {
            // "wb" is the wallet balance, "cw" the cross wallet balance (what cross positions may draw on).
            var balance = new BalanceReport
            {
                Venue = Venue.Binance,
                Account = _account,
                Asset = BinanceTradingReader.Text(b, "a") ?? string.Empty,
                Total = BinanceNumbers.Decimal(BinanceTradingReader.Text(b, "wb")),
                Free = BinanceNumbers.Decimal(BinanceTradingReader.Text(b, "cw")),
                Timestamp = receivedAt,
            };
            sink.OnBalance(balance);
        }

        var eventTime = (BinanceTradingReader.Long(root, "E") ?? 0) * UnixNanos.PerMillisecond;
        foreach (var p in BinanceTradingReader.Array(a, "P"))
        {
            var instrument = _symbols.BySymbol(BinanceTradingReader.Text(p, "s"));
            if (instrument is null)
            {
                continue;
            }

            var position = new PositionStatusReport
            {
                Instrument = instrument.Id,
                PositionSide = BinanceOrderWire.ParsePositionSide(BinanceTradingReader.Text(p, "ps")),
                Quantity = BinanceNumbers.Decimal(BinanceTradingReader.Text(p, "pa")),
                EntryPrice = BinanceNumbers.Decimal(BinanceTradingReader.Text(p, "ep")),
                UnrealizedPnl = BinanceNumbers.Decimal(BinanceTradingReader.Text(p, "up")),
                Isolated = BinanceTradingReader.Text(p, "mt") == "isolated",
                UpdateTime = eventTime,
                Timestamp = receivedAt,
            };
            sink.OnPosition(position);
        }
    }
}
