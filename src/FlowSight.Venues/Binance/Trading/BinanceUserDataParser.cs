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
/// <remarks>
/// <para>The regular order of a triggered algo order may be seen before the <c>ALGO_UPDATE</c> TRIGGERED that names
/// it (the two come from different services). Its events (an <c>ORDER_TRADE_UPDATE</c> whose original type <c>ot</c>
/// is conditional, under a client id that is not one of our algo orders) are held back while an algo order of ours on
/// that instrument still waits for its trigger: the TRIGGERED that names the order releases them under our client id,
/// so its fills count once and as ours; otherwise they are reported as they came once no algo order of ours waits
/// there any more or <see cref="TriggerGrace"/> has passed (<see cref="Release"/>; the client calls it on a timer).</para>
/// <para>State: the instrument table, the algo orders and the held-back events; thread-safe.</para>
/// </remarks>
public sealed class BinanceUserDataParser
{
    /// <summary>How long an unattributed conditional order's events wait for the TRIGGERED naming them, by default.</summary>
    public static readonly TimeSpan DefaultTriggerGrace = TimeSpan.FromSeconds(2);

    private readonly BinanceMarket _market;
    private readonly BinanceTradingSymbols _symbols;
    private readonly BinanceAlgoOrderIds _algo;
    private readonly string _account;
    private readonly Lock _heldGate = new();
    private readonly List<Held> _held = [];
    private long _graceNs = DefaultTriggerGrace.Ticks * 100;

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

    /// <summary>How long an unattributed conditional order's events wait for the <c>ALGO_UPDATE</c> TRIGGERED naming them.</summary>
    public TimeSpan TriggerGrace
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _graceNs) / 100);
        init => _graceNs = value.Ticks * 100;
    }

    /// <summary>Events held back waiting for the <c>ALGO_UPDATE</c> that says whose they are.</summary>
    public int HeldCount
    {
        get
        {
            lock (_heldGate)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>
    /// Reports, as they came, the held-back events no algo order of ours can claim any more: held for
    /// <see cref="TriggerGrace"/> at <paramref name="now"/> (Unix ns), or on an instrument where none of ours waits.
    /// </summary>
    public void Release(long now, IExecutionReportSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        List<Held>? released = null;
        lock (_heldGate)
        {
            if (_held.Count == 0)
            {
                return;
            }

            var grace = Volatile.Read(ref _graceNs);
            for (var i = 0; i < _held.Count; i++)
            {
                var held = _held[i];
                if (now - held.At >= grace || !_algo.HasWaiting(held.Status.Instrument) || (released?.Exists(r => r.Status.Instrument == held.Status.Instrument && r.OrderId == held.OrderId) ?? false))
                {
                    (released ??= []).Add(held);
                    _held.RemoveAt(i--);
                }
            }
        }

        if (released is not null)
        {
            foreach (var held in released)
            {
                Deliver(held.Status, held.Fill, sink);
            }
        }
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

        var kind = ParseEvent(root, receivedAt, sink);
        Release(receivedAt, sink);
        return kind;
    }

    private BinanceUserDataEvent ParseEvent(JsonElement root, long receivedAt, IExecutionReportSink sink)
    {
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
        var linked = false;
        if (!spot && _algo.TryGetTriggered(instrument.Id, orderId, out var algoClient))
        {
            // The regular order a triggered algo order became: ours under the algo order's client id.
            clientOrderId = algoClient;
            linked = true;
        }
        else if (!spot && !clientOrderId.IsDefault && orderId != 0 && _algo.IsAlgo(clientOrderId))
        {
            // The regular order carries our algo order's id (as the paper venue gives it): linked before its TRIGGERED.
            _algo.Remember(instrument.Id, clientOrderId, 0, orderId);
            linked = true;
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

        FillReport? fill = null;
        if (BinanceTradingReader.Text(o, "x") == "TRADE")
        {
            fill = new FillReport
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
        }

        if (!spot && !linked && Hold(instrument.Id, orderId, BinanceTradingReader.Text(o, "ot"), receivedAt, report, fill))
        {
            return;
        }

        Deliver(report, fill, sink);
        if (linked && report.Status.IsTerminal())
        {
            _algo.Finish(clientOrderId);
        }
    }

    private static void Deliver(OrderStatusReport report, FillReport? fill, IExecutionReportSink sink)
    {
        if (fill is { } trade)
        {
            // The fill first: the engine then sees the order's filled quantity already counted when the status arrives.
            sink.OnFill(trade);
        }

        sink.OnOrderStatus(report);
    }

    /// <summary>
    /// Holds back an event of a regular order that may be one of our algo orders triggered, its TRIGGERED not yet
    /// seen: a conditional original type while an algo order of ours on the instrument waits, or an order already held.
    /// </summary>
    private bool Hold(InstrumentId instrument, long orderId, string? originalType, long receivedAt, OrderStatusReport report, FillReport? fill)
    {
        lock (_heldGate)
        {
            var already = _held.Exists(h => h.Status.Instrument == instrument && h.OrderId == orderId);
            if (!already && (orderId == 0 || !IsConditional(originalType) || !_algo.HasWaiting(instrument)))
            {
                return false;
            }

            _held.Add(new Held(orderId, receivedAt, report, fill));
            return true;
        }
    }

    /// <summary>Reports the held-back events of regular order <paramref name="orderId"/>, now known as <paramref name="clientOrderId"/>'s.</summary>
    private void Claim(InstrumentId instrument, long orderId, ClientOrderId clientOrderId, IExecutionReportSink sink)
    {
        List<Held>? claimed = null;
        lock (_heldGate)
        {
            for (var i = 0; i < _held.Count; i++)
            {
                if (_held[i].Status.Instrument == instrument && _held[i].OrderId == orderId)
                {
                    (claimed ??= []).Add(_held[i]);
                    _held.RemoveAt(i--);
                }
            }
        }

        if (claimed is null)
        {
            return;
        }

        foreach (var held in claimed)
        {
            var status = held.Status with { ClientOrderId = clientOrderId };
            Deliver(status, held.Fill is { } fill ? fill with { ClientOrderId = clientOrderId } : null, sink);
            if (status.Status.IsTerminal())
            {
                _algo.Finish(clientOrderId);
            }
        }
    }

    private static bool IsConditional(string? type) =>
        type is "STOP" or "STOP_MARKET" or "TAKE_PROFIT" or "TAKE_PROFIT_MARKET" or "TRAILING_STOP_MARKET";

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
        _algo.Remember(instrument.Id, clientOrderId, algoId, actual, report.Status.IsTerminal());
        sink.OnOrderStatus(report);
        if (actual is { } triggered && !clientOrderId.IsDefault)
        {
            // Its regular order's events seen before this one, held back until now.
            Claim(instrument.Id, triggered, clientOrderId, sink);
        }
    }

    private sealed record Held(long OrderId, long At, OrderStatusReport Status, FillReport? Fill);

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
