using System.Globalization;
using System.Text.Json.Nodes;

namespace FlowSight.TestServers.GateIo;

/// <summary>
/// The accounts and orders behind a <see cref="GateIoPrivateServer"/>, one user: spot balances (available / locked),
/// a USDT futures account with net positions, and orders that rest, fill against the market's configured price (up
/// to its depth: partial fills) or are cancelled, as Gate's v4 private API describes. Every change is published as
/// the private channel item Gate would push. Thread-safe: one lock.
/// </summary>
public sealed class GateIoPrivateExchange
{
    private static readonly System.Buffers.SearchValues<char> TextChars = System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-.");
    private readonly Lock _lock = new();
    private readonly Dictionary<string, GateIoPrivateMarket> _markets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (decimal Available, decimal Locked)> _spot = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (decimal Size, decimal Entry, decimal Realised)> _positions = new(StringComparer.Ordinal);
    private readonly List<GateIoPrivateOrder> _orders = [];
    private readonly List<GateIoPrivateTrade> _trades = [];
    private readonly List<GateIoPrivatePriceOrder> _priceOrders = [];
    private readonly TimeProvider _time;
    private readonly GateIoPrivateServerOptions _options;
    private decimal _futuresTotal;
    private long _nextOrderId = 300_000_000_000;
    private long _nextTradeId = 5_000_000;
    private long _nextPriceOrderId = 1_000;

    /// <summary>Creates the exchange from the server's options.</summary>
    public GateIoPrivateExchange(GateIoPrivateServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = options.TimeProvider;
        foreach (var market in options.Markets)
        {
            _markets[Key(market.Name, market.IsFutures)] = market;
        }

        foreach (var (currency, amount) in options.SpotBalances)
        {
            _spot[currency] = (amount, 0m);
        }

        _futuresTotal = options.FuturesBalance;
    }

    /// <summary>Called with (channel, item) for every change: the server pushes it to subscribers.</summary>
    public Action<string, JsonObject>? Published { get; set; }

    /// <summary>Every order ever placed, in order.</summary>
    public IReadOnlyList<GateIoPrivateOrder> Orders
    {
        get
        {
            lock (_lock)
            {
                return [.. _orders];
            }
        }
    }

    /// <summary>Every trade, in order.</summary>
    public IReadOnlyList<GateIoPrivateTrade> Trades
    {
        get
        {
            lock (_lock)
            {
                return [.. _trades];
            }
        }
    }

    /// <summary>A spot balance (available, locked).</summary>
    public (decimal Available, decimal Locked) SpotBalance(string currency)
    {
        lock (_lock)
        {
            return _spot.GetValueOrDefault(currency);
        }
    }

    /// <summary>A futures position (signed contracts, entry price).</summary>
    public (decimal Size, decimal Entry) Position(string contract)
    {
        lock (_lock)
        {
            var position = _positions.GetValueOrDefault(contract);
            return (position.Size, position.Entry);
        }
    }

    /// <summary>The futures account's total (wallet) balance in USDT.</summary>
    public decimal FuturesTotal
    {
        get
        {
            lock (_lock)
            {
                return _futuresTotal;
            }
        }
    }

    /// <summary>Moves a market's price; resting orders it crosses fill as makers (fully).</summary>
    public void SetPrice(string name, decimal price, bool futures = false)
    {
        lock (_lock)
        {
            var market = Market(name, futures);
            market.Price = price;
            foreach (var order in _orders.ToList())
            {
                if (order.IsOpen && order.Market == market && Crosses(order, price))
                {
                    Fill(order, order.Left, order.Price, "maker");
                    Finish(order, "filled");
                }
            }

            // A trade at this price is the contract's last price: price orders on the last price watch it.
            TriggerPriceOrders(market, priceType: 0, price);
        }
    }

    /// <summary>Moves a contract's mark price; price orders on the mark (<c>price_type</c> 1) it reaches trigger.</summary>
    public void SetMarkPrice(string name, decimal price)
    {
        lock (_lock)
        {
            var market = Market(name, futures: true);
            market.MarkPrice = price;
            TriggerPriceOrders(market, priceType: 1, price);
        }
    }

    /// <summary>Every price-triggered order ever placed, in order.</summary>
    public IReadOnlyList<GateIoPrivatePriceOrder> PriceOrders
    {
        get
        {
            lock (_lock)
            {
                return [.. _priceOrders];
            }
        }
    }

    /// <summary>
    /// POST <c>/futures/usdt/price_orders</c>: validates as Gate does (<c>initial</c> and <c>trigger</c>, a trigger that
    /// would fire at once refused with <c>AUTO_TRIGGER_PRICE_GREATE_LAST</c> / <c>_LESS_LAST</c> or the <c>_MARK</c>
    /// pair), keeps it open and answers <c>{"id": …}</c>.
    /// </summary>
    public JsonObject PlacePriceOrder(JsonObject body)
    {
        lock (_lock)
        {
            var initial = body["initial"] as JsonObject ?? throw new GateIoPrivateErrorException(400, "MISSING_REQUIRED_PARAM", "initial is required");
            var trigger = body["trigger"] as JsonObject ?? throw new GateIoPrivateErrorException(400, "MISSING_REQUIRED_PARAM", "trigger is required");
            var market = Market((string?)initial["contract"], futures: true);
            var text = (string?)initial["text"] ?? string.Empty;
            if (text.Length > 0 && (!text.StartsWith("t-", StringComparison.Ordinal) || text.Length > 30 || text.Length < 3 || text.AsSpan(2).ContainsAnyExcept(TextChars)))
            {
                throw new GateIoPrivateErrorException(400, "INVALID_PARAM_VALUE", "text must start with t- and have at most 28 characters of [0-9A-Za-z_.-] after it");
            }

            var size = Dec(initial["size"]);
            var close = (bool?)initial["close"] ?? false;
            if (size != decimal.Truncate(size) || (size == 0 && !close))
            {
                throw new GateIoPrivateErrorException(400, "INVALID_PARAM_VALUE", "size must be a non-zero integer unless close is set");
            }

            var price = Dec(initial["price"]);
            var tif = (string?)initial["tif"] ?? "gtc";
            if (tif is not ("gtc" or "ioc") || (price == 0 && tif != "ioc"))
            {
                throw new GateIoPrivateErrorException(400, "INVALID_PARAM_VALUE", "tif must be gtc or ioc, and ioc at market price (0)");
            }

            var strategy = (int)Dec(trigger["strategy_type"]);
            var priceType = (int)Dec(trigger["price_type"]);
            var rule = (int)Dec(trigger["rule"]);
            var triggerPrice = Dec(trigger["price"]);
            if (strategy != 0 || priceType is not (0 or 1) || rule is not (1 or 2) || triggerPrice <= 0)
            {
                throw new GateIoPrivateErrorException(400, "INVALID_PARAM_VALUE", "trigger needs strategy_type 0, price_type 0 (last) or 1 (mark) here, rule 1 or 2 and a positive price");
            }

            var reference = priceType == 0 ? market.Price : market.MarkPrice ?? market.Price;
            var what = priceType == 0 ? "LAST" : "MARK";
            if (rule == 1 && triggerPrice <= reference)
            {
                throw new GateIoPrivateErrorException(400, "AUTO_TRIGGER_PRICE_GREATE_" + what, $"invalid argument: Trigger.Price must > {what.ToLowerInvariant()}_price");
            }

            if (rule == 2 && triggerPrice >= reference)
            {
                throw new GateIoPrivateErrorException(400, "AUTO_TRIGGER_PRICE_LESS_" + what, $"invalid argument: Trigger.Price must < {what.ToLowerInvariant()}_price");
            }

            var order = new GateIoPrivatePriceOrder
            {
                Id = ++_nextPriceOrderId,
                Market = market,
                Initial = (JsonObject)initial.DeepClone(),
                Size = size,
                Text = text.Length > 0 ? text : "api",
                PriceType = priceType,
                TriggerPrice = triggerPrice,
                Rule = rule,
                CreateTimeMs = NowMs(),
            };
            _priceOrders.Add(order);
            Published?.Invoke("futures.autoorders", PriceOrderJson(order, stream: true));
            return new JsonObject { ["id"] = order.Id };
        }
    }

    /// <summary><c>GET /futures/usdt/price_orders?status=open|finished[&amp;contract=]</c>, newest first.</summary>
    public JsonArray PriceOrdersJson(string status, string? contract, int limit, int offset)
    {
        lock (_lock)
        {
            var result = new JsonArray();
            foreach (var order in _priceOrders.AsEnumerable().Reverse().Where(o => o.Status == status && (contract is null || o.Market.Name == contract)).Skip(offset).Take(limit))
            {
                result.Add(PriceOrderJson(order, stream: false));
            }

            return result;
        }
    }

    /// <summary><c>GET /futures/usdt/price_orders/{id}</c>.</summary>
    public JsonObject PriceOrderJson(string id)
    {
        lock (_lock)
        {
            return PriceOrderJson(FindPriceOrder(id), stream: false);
        }
    }

    /// <summary><c>DELETE /futures/usdt/price_orders/{id}</c>: an open one is cancelled; any other answers <c>ORDER_NOT_FOUND</c>.</summary>
    public JsonObject CancelPriceOrder(string id)
    {
        lock (_lock)
        {
            var order = FindPriceOrder(id);
            if (!order.IsOpen)
            {
                throw new GateIoPrivateErrorException(404, "ORDER_NOT_FOUND", "Order not found or already finished");
            }

            FinishPriceOrder(order, "cancelled", string.Empty);
            return PriceOrderJson(order, stream: false);
        }
    }

    /// <summary><c>DELETE /futures/usdt/price_orders?contract=</c>: cancels every open one of the contract.</summary>
    public JsonArray CancelPriceOrders(string contract)
    {
        lock (_lock)
        {
            var result = new JsonArray();
            foreach (var order in _priceOrders)
            {
                if (order.IsOpen && order.Market.Name == contract)
                {
                    FinishPriceOrder(order, "cancelled", string.Empty);
                    result.Add(PriceOrderJson(order, stream: false));
                }
            }

            return result;
        }
    }

    /// <summary>POST <c>/spot/orders</c> or <c>/futures/usdt/orders</c>: validates, places, matches; returns the order's JSON.</summary>
    public JsonObject Place(bool futures, JsonObject body)
    {
        lock (_lock)
        {
            return PlaceCore(futures, body, null);
        }
    }

    private JsonObject PlaceCore(bool futures, JsonObject body, Action<GateIoPrivateOrder>? accepted)
    {
        {
            var text = (string?)body["text"] ?? string.Empty;
            if (text.Length > 0 && (!text.StartsWith("t-", StringComparison.Ordinal) || text.Length > 30 || text.Length < 3
                || text.AsSpan(2).ContainsAnyExcept(TextChars)))
            {
                throw new GateIoPrivateErrorException(400, "INVALID_PARAM_VALUE", "text must start with t- and have at most 28 characters of [0-9A-Za-z_.-] after it");
            }

            GateIoPrivateOrder order;
            if (futures)
            {
                var market = Market((string?)body["contract"], futures: true);
                var size = Dec(body["size"]);
                if (size == 0 || size != decimal.Truncate(size))
                {
                    throw new GateIoPrivateErrorException(400, "INVALID_PARAM_VALUE", "size must be a non-zero integer");
                }

                var tif = (string?)body["tif"] ?? "gtc";
                var price = Dec(body["price"]);
                var reduceOnly = (bool?)body["reduce_only"] ?? false;
                order = new GateIoPrivateOrder
                {
                    Id = ++_nextOrderId,
                    Text = text.Length > 0 ? text : "api",
                    Market = market,
                    Side = size > 0 ? "buy" : "sell",
                    Type = price == 0 ? "market" : "limit",
                    Amount = Math.Abs(size),
                    Price = price,
                    TimeInForce = tif,
                    ReduceOnly = reduceOnly,
                    CreateTimeMs = NowMs(),
                    UpdateTimeMs = NowMs(),
                };
                if (order.Type == "market" && tif is not ("ioc" or "fok"))
                {
                    throw new GateIoPrivateErrorException(400, "INVALID_PARAM_VALUE", "market orders (price 0) must be ioc or fok");
                }

                if (reduceOnly)
                {
                    var position = _positions.GetValueOrDefault(market.Name).Size;
                    if (position == 0 || Math.Sign(position) == Math.Sign(size) || Math.Abs(size) > Math.Abs(position))
                    {
                        throw new GateIoPrivateErrorException(400, "INCREASE_POSITION", $"reduce-only order size {size} would not reduce position {position}");
                    }
                }
                else
                {
                    var margin = Math.Abs(size) * market.QuantoMultiplier * (price == 0 ? market.Price : price) / _options.Leverage;
                    if (margin > FuturesAvailable())
                    {
                        throw new GateIoPrivateErrorException(400, "INSUFFICIENT_AVAILABLE", $"order margin {margin} exceeds available {FuturesAvailable()}");
                    }

                    order.Locked = margin;
                }

                if (tif == "poc" && Crosses(order, market.Price))
                {
                    throw new GateIoPrivateErrorException(400, "ORDER_POC_IMMEDIATE", "post-only order would be filled immediately");
                }
            }
            else
            {
                var market = Market((string?)body["currency_pair"], futures: false);
                var side = (string?)body["side"];
                if (side is not ("buy" or "sell"))
                {
                    throw new GateIoPrivateErrorException(400, "INVALID_PARAM_VALUE", "side must be buy or sell");
                }

                var type = (string?)body["type"] ?? "limit";
                var amount = Dec(body["amount"]);
                var price = type == "market" ? 0m : Dec(body["price"]);
                if (amount <= 0 || (type == "limit" && price <= 0))
                {
                    throw new GateIoPrivateErrorException(400, "INVALID_PARAM_VALUE", "amount and price must be positive");
                }

                var tif = (string?)body["time_in_force"] ?? "gtc";
                if (type == "market")
                {
                    // Gate sizes a market buy in quote currency.
                    amount = side == "buy" ? amount / market.Price : amount;
                }

                order = new GateIoPrivateOrder
                {
                    Id = ++_nextOrderId,
                    Text = text.Length > 0 ? text : "apiv4",
                    Market = market,
                    Side = side,
                    Type = type,
                    Amount = amount,
                    Price = price,
                    TimeInForce = tif,
                    CreateTimeMs = NowMs(),
                    UpdateTimeMs = NowMs(),
                };
                var lockCurrency = side == "buy" ? market.Quote : market.Base;
                var lockAmount = side == "buy" ? amount * (type == "market" ? market.Price : price) : amount;
                var balance = _spot.GetValueOrDefault(lockCurrency);
                if (lockAmount > balance.Available)
                {
                    throw new GateIoPrivateErrorException(400, "BALANCE_NOT_ENOUGH", $"{lockCurrency} available {balance.Available} is below the {lockAmount} the order needs");
                }

                _spot[lockCurrency] = (balance.Available - lockAmount, balance.Locked + lockAmount);
                order.Locked = lockAmount;
                PublishBalance(lockCurrency);
            }

            accepted?.Invoke(order);
            _orders.Add(order);
            Publish(order, "put");
            Match(order);
            return OrderJson(order, null);
        }
    }

    /// <summary>Finds an order by id or text (<c>t-…</c>) in a market.</summary>
    public GateIoPrivateOrder Find(string id, string? name)
    {
        lock (_lock)
        {
            for (var i = _orders.Count - 1; i >= 0; i--)
            {
                var order = _orders[i];
                if ((name is null || order.Market.Name == name)
                    && (id.StartsWith("t-", StringComparison.Ordinal) ? order.Text == id : order.Id.ToString(CultureInfo.InvariantCulture) == id))
                {
                    return order;
                }
            }

            throw new GateIoPrivateErrorException(404, "ORDER_NOT_FOUND", "Order not found");
        }
    }

    /// <summary>The order's JSON as the REST API returns it.</summary>
    public JsonObject Json(GateIoPrivateOrder order)
    {
        lock (_lock)
        {
            return OrderJson(order, null);
        }
    }

    /// <summary>Cancels one order.</summary>
    public JsonObject Cancel(string id, string? name)
    {
        lock (_lock)
        {
            var order = Find(id, name);
            if (!order.IsOpen)
            {
                throw new GateIoPrivateErrorException(404, "ORDER_NOT_FOUND", "Order not found or already finished");
            }

            Finish(order, "cancelled");
            return OrderJson(order, null);
        }
    }

    /// <summary>Cancels every open order of a market (optionally one side: buy/sell or bid/ask).</summary>
    public JsonArray CancelAll(string name, string? side)
    {
        lock (_lock)
        {
            var result = new JsonArray();
            var wanted = side switch { "bid" => "buy", "ask" => "sell", _ => side };
            foreach (var order in _orders)
            {
                if (order.IsOpen && order.Market.Name == name && (wanted is null || order.Side == wanted))
                {
                    Finish(order, "cancelled");
                    result.Add(OrderJson(order, null));
                }
            }

            return result;
        }
    }

    /// <summary>Amends an open order's amount/size (including the filled part) and price.</summary>
    public JsonObject Amend(string id, string? name, JsonObject body)
    {
        lock (_lock)
        {
            var order = Find(id, name);
            if (!order.IsOpen)
            {
                throw order.Market.IsFutures
                    ? new GateIoPrivateErrorException(400, "ORDER_FINISHED", "Order is finished")
                    : new GateIoPrivateErrorException(400, "ORDER_CLOSED", "Order is closed");
            }

            var futures = order.Market.IsFutures;
            if (futures && body["size"] is { } sizeNode)
            {
                var size = Dec(sizeNode);
                if (size != 0 && Math.Sign(size) != Math.Sign(order.SignedSize))
                {
                    throw new GateIoPrivateErrorException(400, "INVALID_PARAM_VALUE", "the new size must keep the order's side");
                }

                order.Amount = Math.Abs(size);
            }
            else if (!futures && body["amount"] is { } amountNode)
            {
                order.Amount = Dec(amountNode);
            }

            if (body["price"] is { } priceNode)
            {
                order.Price = Dec(priceNode);
            }

            if (!futures)
            {
                Relock(order);
            }

            order.UpdateTimeMs = NowMs();
            if (order.Left <= 0)
            {
                Finish(order, order.Filled > 0 ? "filled" : "cancelled");
            }
            else
            {
                Publish(order, "update");
                Match(order);
            }

            return OrderJson(order, null);
        }
    }

    /// <summary>Open orders of one kind.</summary>
    public IReadOnlyList<GateIoPrivateOrder> OpenOrders(bool futures)
    {
        lock (_lock)
        {
            return [.. _orders.Where(o => o.IsOpen && o.Market.IsFutures == futures)];
        }
    }

    /// <summary>Trades of a market since a time (Unix seconds), as JSON.</summary>
    public JsonArray TradesJson(bool futures, string? name, long fromSeconds)
    {
        lock (_lock)
        {
            var result = new JsonArray();
            foreach (var trade in _trades)
            {
                if (trade.Order.Market.IsFutures == futures && (name is null || trade.Order.Market.Name == name) && trade.TimeMs / 1000 >= fromSeconds)
                {
                    result.Add(TradeJson(trade));
                }
            }

            return result;
        }
    }

    /// <summary><c>GET /spot/accounts</c>.</summary>
    public JsonArray SpotAccountsJson()
    {
        lock (_lock)
        {
            var result = new JsonArray();
            foreach (var (currency, balance) in _spot)
            {
                result.Add(new JsonObject { ["currency"] = currency, ["available"] = S(balance.Available), ["locked"] = S(balance.Locked), ["update_id"] = 1 });
            }

            return result;
        }
    }

    /// <summary><c>GET /futures/usdt/accounts</c>.</summary>
    public JsonObject FuturesAccountJson()
    {
        lock (_lock)
        {
            return new JsonObject
            {
                ["total"] = S(_futuresTotal),
                ["unrealised_pnl"] = S(_positions.Sum(p => Unrealised(p.Key))),
                ["position_margin"] = S(PositionMargin()),
                ["order_margin"] = S(OrderMargin()),
                ["available"] = S(FuturesAvailable()),
                ["point"] = "0",
                ["currency"] = "USDT",
                ["in_dual_mode"] = false,
            };
        }
    }

    /// <summary><c>GET /futures/usdt/positions</c>.</summary>
    public JsonArray PositionsJson()
    {
        lock (_lock)
        {
            var result = new JsonArray();
            foreach (var name in _positions.Keys)
            {
                result.Add(PositionJson(name));
            }

            return result;
        }
    }

    private GateIoPrivatePriceOrder FindPriceOrder(string id) =>
        _priceOrders.FirstOrDefault(o => o.Id.ToString(CultureInfo.InvariantCulture) == id)
        ?? throw new GateIoPrivateErrorException(404, "ORDER_NOT_FOUND", "Order not found");

    /// <summary>
    /// Fires the contract's open price orders on <paramref name="priceType"/> that <paramref name="price"/> meets: each
    /// finishes as <c>succeeded</c> naming the regular order it places (<c>trade_id</c>, pushed on
    /// <c>futures.autoorders</c> before that order's own <c>futures.orders</c> updates, or after them with
    /// <see cref="GateIoPrivateServerOptions.AutoOrderUpdateAfterTriggeredOrder"/>), or as <c>failed</c> with
    /// Gate's label when the order is refused (a reduce-only order with no position left to reduce).
    /// </summary>
    private void TriggerPriceOrders(GateIoPrivateMarket market, int priceType, decimal price)
    {
        foreach (var order in _priceOrders.ToList())
        {
            if (!order.IsOpen || order.Market != market || order.PriceType != priceType || !order.Fires(price))
            {
                continue;
            }

            // The regular order is Gate's own, placed for the auto order: its text is not the client's.
            var initial = order.Initial;
            var body = new JsonObject
            {
                ["contract"] = market.Name,
                ["size"] = order.Size,
                ["price"] = initial["price"]?.DeepClone() ?? "0",
                ["tif"] = (string?)initial["tif"] ?? "gtc",
                ["reduce_only"] = (bool?)initial["reduce_only"] ?? false,
            };
            try
            {
                var late = _options.AutoOrderUpdateAfterTriggeredOrder;
                PlaceCore(futures: true, body, placed =>
                {
                    order.TradeId = placed.Id;
                    if (!late)
                    {
                        FinishPriceOrder(order, "succeeded", string.Empty);
                    }
                });
                if (late)
                {
                    FinishPriceOrder(order, "succeeded", string.Empty);
                }
            }
            catch (GateIoPrivateErrorException refused)
            {
                FinishPriceOrder(order, "failed", refused.Label + ": " + refused.Message);
            }
        }
    }

    private void FinishPriceOrder(GateIoPrivatePriceOrder order, string finishAs, string reason)
    {
        order.Status = "finished";
        order.FinishAs = finishAs;
        order.Reason = reason;
        order.FinishTimeMs = NowMs();
        Published?.Invoke("futures.autoorders", PriceOrderJson(order, stream: true));
    }

    private JsonObject PriceOrderJson(GateIoPrivatePriceOrder order, bool stream)
    {
        var initial = order.Initial;
        var reduceOnly = (bool?)initial["reduce_only"] ?? false;
        var close = (bool?)initial["close"] ?? false;
        var json = new JsonObject
        {
            ["initial"] = new JsonObject
            {
                ["contract"] = order.Market.Name,
                ["size"] = order.Size,
                ["price"] = S(Dec(initial["price"])),
                ["tif"] = (string?)initial["tif"] ?? "gtc",
                ["text"] = order.Text,
                ["iceberg"] = 0,
                ["is_close"] = close,
                ["is_reduce_only"] = reduceOnly,
                ["auto_size"] = (string?)initial["auto_size"] ?? string.Empty,
            },
            ["trigger"] = new JsonObject
            {
                ["strategy_type"] = 0,
                ["price_type"] = order.PriceType,
                ["price"] = S(order.TriggerPrice),
                ["rule"] = order.Rule,
                ["expiration"] = 0,
            },
            ["id"] = order.Id,
            ["id_string"] = S(order.Id),
            ["user"] = long.Parse(_options.UserId, CultureInfo.InvariantCulture),
            ["create_time"] = order.CreateTimeMs / 1000m,
            ["finish_time"] = order.FinishTimeMs / 1000m,
            ["trade_id"] = order.TradeId,
            ["status"] = order.Status,
            ["finish_as"] = order.FinishAs ?? string.Empty,
            ["reason"] = order.Reason,
            ["order_type"] = string.Empty,
            ["me_order_id"] = 0,
        };
        if (stream)
        {
            json["name"] = "price_autoorders";
            json["is_stop_order"] = false;
            json["stop_trigger"] = new JsonObject { ["rule"] = 0, ["trigger_price"] = string.Empty, ["order_price"] = string.Empty };
        }

        return json;
    }

    private static bool Crosses(GateIoPrivateOrder order, decimal price) =>
        order.Type == "market" || (order.Side == "buy" ? order.Price >= price : order.Price <= price);

    private static string S(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static decimal Dec(JsonNode? node) => node switch
    {
        null => 0m,
        JsonValue value when value.TryGetValue<decimal>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new GateIoPrivateErrorException(400, "INVALID_PARAM_VALUE", $"not a number: {node.ToJsonString()}"),
    };

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static string Key(string name, bool futures) => (futures ? "futures:" : "spot:") + name;

    private GateIoPrivateMarket Market(string? name, bool futures)
    {
        if (name is null || !_markets.TryGetValue(Key(name, futures), out var market))
        {
            throw futures
                ? new GateIoPrivateErrorException(400, "CONTRACT_NOT_FOUND", $"Contract {name} not found")
                : new GateIoPrivateErrorException(400, "INVALID_CURRENCY_PAIR", $"Invalid currency pair {name}");
        }

        return market;
    }

    private void Match(GateIoPrivateOrder order)
    {
        var market = order.Market;
        var marketable = Crosses(order, market.Price);
        if (marketable && order.TimeInForce == "poc")
        {
            Finish(order, "poc");
            return;
        }

        if (marketable)
        {
            var quantity = Math.Min(order.Left, market.Depth);
            if (order.TimeInForce == "fok" && quantity < order.Left)
            {
                Finish(order, "fok");
                return;
            }

            if (quantity > 0)
            {
                Fill(order, quantity, market.Price, "taker");
            }
        }

        if (order.Left <= 0)
        {
            Finish(order, "filled");
        }
        else if (order.TimeInForce is "ioc" or "fok" || order.Type == "market")
        {
            Finish(order, "ioc");
        }
    }

    private void Fill(GateIoPrivateOrder order, decimal quantity, decimal price, string role)
    {
        var market = order.Market;
        var rate = role == "maker" ? _options.MakerFee : _options.TakerFee;
        decimal fee;
        string feeCurrency;
        if (market.IsFutures)
        {
            var notional = quantity * market.QuantoMultiplier * price;
            fee = notional * rate;
            feeCurrency = "USDT";
            var signed = order.Side == "buy" ? quantity : -quantity;
            var (size, entry, realised) = _positions.GetValueOrDefault(market.Name);
            decimal pnl = 0;
            if (size == 0 || Math.Sign(size) == Math.Sign(signed))
            {
                entry = ((Math.Abs(size) * entry) + (quantity * price)) / (Math.Abs(size) + quantity);
            }
            else
            {
                var closed = Math.Min(Math.Abs(size), quantity);
                pnl = closed * market.QuantoMultiplier * (price - entry) * Math.Sign(size);
                if (quantity > Math.Abs(size))
                {
                    entry = price;
                }
            }

            size += signed;
            if (size == 0)
            {
                entry = 0;
            }

            _positions[market.Name] = (size, entry, realised + pnl - fee);
            _futuresTotal += pnl - fee;
            order.Locked = order.Locked * (order.Left - quantity) / Math.Max(order.Left, 1);
        }
        else
        {
            var value = quantity * price;
            if (order.Side == "buy")
            {
                fee = quantity * rate;
                feeCurrency = market.Base;
                var quote = _spot.GetValueOrDefault(market.Quote);
                var lockedPart = order.Type == "market" ? value : quantity * order.Price;
                _spot[market.Quote] = (quote.Available + (lockedPart - value), quote.Locked - lockedPart);
                order.Locked -= lockedPart;
                var @base = _spot.GetValueOrDefault(market.Base);
                _spot[market.Base] = (@base.Available + quantity - fee, @base.Locked);
            }
            else
            {
                fee = value * rate;
                feeCurrency = market.Quote;
                var @base = _spot.GetValueOrDefault(market.Base);
                _spot[market.Base] = (@base.Available, @base.Locked - quantity);
                order.Locked -= quantity;
                var quote = _spot.GetValueOrDefault(market.Quote);
                _spot[market.Quote] = (quote.Available + value - fee, quote.Locked);
            }

            PublishBalance(market.Base);
            PublishBalance(market.Quote);
        }

        order.Filled += quantity;
        order.FilledTotal += quantity * price * market.QuantoMultiplier;
        order.Fee += fee;
        order.FeeCurrency = feeCurrency;
        order.UpdateTimeMs = NowMs();
        var trade = new GateIoPrivateTrade(++_nextTradeId, order, quantity, price, role, fee, feeCurrency, NowMs());
        _trades.Add(trade);
        Published?.Invoke(market.IsFutures ? "futures.usertrades" : "spot.usertrades", TradeJson(trade));
        if (market.IsFutures)
        {
            Published?.Invoke("futures.positions", PositionJson(market.Name));
            Published?.Invoke("futures.balances", new JsonObject { ["balance"] = _futuresTotal, ["change"] = -fee, ["text"] = market.Name + ":" + order.Id, ["time"] = NowMs() / 1000, ["time_ms"] = NowMs(), ["type"] = "fee", ["user"] = _options.UserId, ["currency"] = "usdt" });
        }

        if (order.Left > 0)
        {
            Publish(order, "update");
        }
    }

    private void Finish(GateIoPrivateOrder order, string finishAs)
    {
        order.FinishAs = finishAs;
        order.UpdateTimeMs = NowMs();
        if (!order.Market.IsFutures && order.Locked > 0)
        {
            var currency = order.Side == "buy" ? order.Market.Quote : order.Market.Base;
            var balance = _spot.GetValueOrDefault(currency);
            _spot[currency] = (balance.Available + order.Locked, balance.Locked - order.Locked);
            order.Locked = 0;
            PublishBalance(currency);
        }

        order.Locked = 0;
        Publish(order, "finish");
    }

    private void Relock(GateIoPrivateOrder order)
    {
        var currency = order.Side == "buy" ? order.Market.Quote : order.Market.Base;
        var need = order.Side == "buy" ? order.Left * order.Price : order.Left;
        var balance = _spot.GetValueOrDefault(currency);
        var delta = need - order.Locked;
        if (delta > balance.Available)
        {
            throw new GateIoPrivateErrorException(400, "BALANCE_NOT_ENOUGH", $"{currency} available {balance.Available} is below the {delta} more the amended order needs");
        }

        _spot[currency] = (balance.Available - delta, balance.Locked + delta);
        order.Locked = need;
    }

    private decimal Unrealised(string name)
    {
        var (size, entry, _) = _positions.GetValueOrDefault(name);
        var market = _markets[Key(name, futures: true)];
        return size * market.QuantoMultiplier * (market.Price - entry);
    }

    private decimal PositionMargin() => _positions.Sum(p => Math.Abs(p.Value.Size) * _markets[Key(p.Key, futures: true)].QuantoMultiplier * p.Value.Entry / _options.Leverage);

    private decimal OrderMargin() => _orders.Where(o => o.IsOpen && o.Market.IsFutures).Sum(o => o.Locked);

    private decimal FuturesAvailable() => _futuresTotal + _positions.Sum(p => Math.Min(0, Unrealised(p.Key))) - PositionMargin() - OrderMargin();

    private void PublishBalance(string currency)
    {
        var balance = _spot.GetValueOrDefault(currency);
        Published?.Invoke("spot.balances", new JsonObject
        {
            ["timestamp"] = S(NowMs() / 1000),
            ["timestamp_ms"] = S(NowMs()),
            ["user"] = _options.UserId,
            ["currency"] = currency,
            ["change"] = "0",
            ["total"] = S(balance.Available + balance.Locked),
            ["available"] = S(balance.Available),
            ["freeze"] = S(balance.Locked),
        });
    }

    private void Publish(GateIoPrivateOrder order, string evt) =>
        Published?.Invoke(order.Market.IsFutures ? "futures.orders" : "spot.orders", OrderJson(order, evt));

    private JsonObject PositionJson(string name)
    {
        var (size, entry, realised) = _positions.GetValueOrDefault(name);
        var market = _markets[Key(name, futures: true)];
        return new JsonObject
        {
            ["user"] = _options.UserId,
            ["contract"] = name,
            ["size"] = size,
            ["leverage"] = "0",
            ["cross_leverage_limit"] = S(_options.Leverage),
            ["entry_price"] = S(entry),
            ["mark_price"] = S(market.Price),
            ["liq_price"] = "0",
            ["unrealised_pnl"] = S(Unrealised(name)),
            ["realised_pnl"] = S(realised),
            ["margin"] = S(Math.Abs(size) * market.QuantoMultiplier * entry / _options.Leverage),
            ["mode"] = "single",
            ["time"] = NowMs() / 1000,
            ["time_ms"] = NowMs(),
        };
    }

    private JsonObject TradeJson(GateIoPrivateTrade trade)
    {
        var order = trade.Order;
        if (order.Market.IsFutures)
        {
            return new JsonObject
            {
                ["id"] = trade.Id,
                ["create_time"] = trade.TimeMs / 1000m,
                ["create_time_ms"] = trade.TimeMs,
                ["contract"] = order.Market.Name,
                ["order_id"] = S(order.Id),
                ["size"] = order.Side == "buy" ? trade.Amount : -trade.Amount,
                ["price"] = S(trade.Price),
                ["role"] = trade.Role,
                ["text"] = order.Text,
                ["fee"] = S(trade.Fee),
                ["point_fee"] = "0",
            };
        }

        return new JsonObject
        {
            ["id"] = S(trade.Id),
            ["create_time"] = S(trade.TimeMs / 1000),
            ["create_time_ms"] = S(trade.TimeMs),
            ["currency_pair"] = order.Market.Name,
            ["side"] = order.Side,
            ["role"] = trade.Role,
            ["amount"] = S(trade.Amount),
            ["price"] = S(trade.Price),
            ["order_id"] = S(order.Id),
            ["fee"] = S(trade.Fee),
            ["fee_currency"] = trade.FeeCurrency,
            ["point_fee"] = "0",
            ["gt_fee"] = "0",
            ["text"] = order.Text,
        };
    }

    private JsonObject OrderJson(GateIoPrivateOrder order, string? evt)
    {
        JsonObject json;
        var average = order.Filled > 0 ? order.FilledTotal / (order.Filled * order.Market.QuantoMultiplier) : 0m;
        if (order.Market.IsFutures)
        {
            json = new JsonObject
            {
                ["id"] = order.Id,
                ["user"] = _options.UserId,
                ["create_time"] = order.CreateTimeMs / 1000m,
                ["create_time_ms"] = order.CreateTimeMs,
                ["finish_time"] = order.IsOpen ? null : order.UpdateTimeMs / 1000m,
                ["finish_time_ms"] = order.IsOpen ? null : order.UpdateTimeMs,
                ["finish_as"] = order.FinishAs,
                ["status"] = order.IsOpen ? "open" : "finished",
                ["contract"] = order.Market.Name,
                ["size"] = order.SignedSize,
                ["iceberg"] = 0,
                ["price"] = S(order.Price),
                ["is_close"] = false,
                ["is_reduce_only"] = order.ReduceOnly,
                ["is_liq"] = false,
                ["tif"] = order.TimeInForce,
                ["left"] = order.Side == "sell" ? -order.Left : order.Left,
                ["fill_price"] = S(average),
                ["text"] = order.Text,
                ["tkfr"] = S(_options.TakerFee),
                ["mkfr"] = S(_options.MakerFee),
            };
        }
        else
        {
            json = new JsonObject
            {
                ["id"] = S(order.Id),
                ["text"] = order.Text,
                ["amend_text"] = "-",
                ["create_time"] = S(order.CreateTimeMs / 1000),
                ["update_time"] = S(order.UpdateTimeMs / 1000),
                ["create_time_ms"] = order.CreateTimeMs,
                ["update_time_ms"] = order.UpdateTimeMs,
                ["status"] = order.IsOpen ? "open" : order.FinishAs == "filled" ? "closed" : "cancelled",
                ["currency_pair"] = order.Market.Name,
                ["type"] = order.Type,
                ["account"] = "spot",
                ["side"] = order.Side,
                ["amount"] = S(order.Amount),
                ["price"] = S(order.Price),
                ["time_in_force"] = order.TimeInForce,
                ["left"] = S(order.Left),
                ["filled_amount"] = S(order.Filled),
                ["filled_total"] = S(order.FilledTotal),
                ["avg_deal_price"] = S(average),
                ["fee"] = S(order.Fee),
                ["fee_currency"] = order.FeeCurrency.Length > 0 ? order.FeeCurrency : order.Side == "buy" ? order.Market.Base : order.Market.Quote,
                ["point_fee"] = "0",
                ["gt_fee"] = "0",
                ["finish_as"] = order.FinishAs ?? "open",
            };
        }

        if (evt is not null)
        {
            json["event"] = evt;
        }

        return json;
    }
}
