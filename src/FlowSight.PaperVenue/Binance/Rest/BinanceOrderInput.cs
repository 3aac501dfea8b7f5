using System.Security.Cryptography;
using FlowSight.Core;
using FlowSight.PaperVenue.Exchange;
using FlowSight.Simulator.Orders;

namespace FlowSight.PaperVenue.Binance.Rest;

/// <summary>A new order as Binance parses it: the simulator's request and how to answer.</summary>
/// <param name="Market">The market.</param>
/// <param name="Request">The request (account id filled in by the caller's credential).</param>
/// <param name="ResponseType">ACK, RESULT or FULL.</param>
/// <param name="QuoteQuantity">Spot <c>quoteOrderQty</c> of a market order: the quantity is found on the book when it is placed.</param>
internal sealed record BinanceOrderInput(PaperMarket Market, SimOrderRequest Request, string ResponseType, decimal? QuoteQuantity = null)
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Parses a USDⓈ-M <c>POST /fapi/v1/order</c>.</summary>
    /// <param name="exchange">The exchange.</param>
    /// <param name="q">The parameters.</param>
    /// <param name="accountId">The caller's account.</param>
    /// <param name="triggerName">The trigger price parameter: <c>stopPrice</c>, or the algo service's <c>triggerPrice</c>.</param>
    /// <param name="clientIdName">The client id parameter: <c>newClientOrderId</c>, or the algo service's <c>clientAlgoId</c>.</param>
    /// <param name="algoService">
    /// True for the algo service (<c>/fapi/v1/algoOrder</c>). The regular endpoints refuse conditional types with
    /// -4120 since Binance moved them to the algo service (change log 2025-11-06, effective 2025-12-09).
    /// </param>
    public static BinanceOrderInput Futures(PaperExchange exchange, BinanceParameters q, int accountId, string triggerName = "stopPrice", string clientIdName = "newClientOrderId", bool algoService = false)
    {
        var market = MarketOf(exchange, q);
        var side = Side(q);
        var typeText = q.Required("type");
        if (!algoService && typeText is "STOP" or "STOP_MARKET" or "TAKE_PROFIT" or "TAKE_PROFIT_MARKET" or "TRAILING_STOP_MARKET")
        {
            throw new BinanceApiException(-4120, "Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.");
        }

        if (algoService && typeText is "LIMIT" or "MARKET")
        {
            throw new BinanceApiException(-1116, "Invalid orderType.");
        }

        var type = typeText switch
        {
            "LIMIT" => OrderType.Limit,
            "MARKET" => OrderType.Market,
            "STOP" => OrderType.StopLimit,
            "STOP_MARKET" => OrderType.StopMarket,
            "TAKE_PROFIT" => OrderType.TakeProfitLimit,
            "TAKE_PROFIT_MARKET" => OrderType.TakeProfitMarket,
            _ => throw new BinanceApiException(-1116, "Invalid orderType."),
        };
        var positionSide = q.Get("positionSide") switch
        {
            null or "BOTH" => PositionSide.Both,
            "LONG" => PositionSide.Long,
            "SHORT" => PositionSide.Short,
            _ => throw new BinanceApiException(-4006, "Invalid position side."),
        };
        var tif = TimeInForceOf(q, type is OrderType.Limit or OrderType.StopLimit or OrderType.TakeProfitLimit);
        var quantity = q.Quantity("quantity") ?? throw BinanceApiException.Mandatory("quantity");
        var price = Priced(type) ? q.Price("price") ?? throw BinanceApiException.Mandatory("price") : default;
        var trigger = type is OrderType.StopLimit or OrderType.StopMarket or OrderType.TakeProfitLimit or OrderType.TakeProfitMarket
            ? q.Price(triggerName) ?? throw BinanceApiException.Mandatory(triggerName)
            : default;
        var working = q.Get("workingType") switch
        {
            null or "CONTRACT_PRICE" => WorkingType.ContractPrice,
            "MARK_PRICE" => WorkingType.MarkPrice,
            _ => throw new BinanceApiException(-1100, "Illegal characters found in parameter 'workingType'; legal range is 'MARK_PRICE, CONTRACT_PRICE'."),
        };
        var responseType = q.Get("newOrderRespType") ?? "ACK";
        if (responseType is not ("ACK" or "RESULT"))
        {
            throw new BinanceApiException(-1136, "Invalid newOrderRespType.");
        }

        var request = new SimOrderRequest(accountId, market.Instrument.Id, ClientId(q, clientIdName), side, type, tif,
            quantity, price, trigger, q.Bool("reduceOnly") ?? false, positionSide, SelfTrade(q), working);
        return new BinanceOrderInput(market, request, responseType);
    }

    /// <summary>Parses a spot <c>POST /api/v3/order</c>.</summary>
    public static BinanceOrderInput Spot(PaperExchange exchange, BinanceParameters q, int accountId)
    {
        var market = MarketOf(exchange, q);
        var side = Side(q);
        var typeText = q.Required("type");
        var (type, maker) = typeText switch
        {
            "LIMIT" => (OrderType.Limit, false),
            "LIMIT_MAKER" => (OrderType.Limit, true),
            "MARKET" => (OrderType.Market, false),
            "STOP_LOSS" => (OrderType.StopMarket, false),
            "STOP_LOSS_LIMIT" => (OrderType.StopLimit, false),
            "TAKE_PROFIT" => (OrderType.TakeProfitMarket, false),
            "TAKE_PROFIT_LIMIT" => (OrderType.TakeProfitLimit, false),
            _ => throw new BinanceApiException(-1116, "Invalid orderType."),
        };
        var tif = maker ? TimeInForce.Gtx : TimeInForceOf(q, type is OrderType.Limit or OrderType.StopLimit or OrderType.TakeProfitLimit);
        if (tif == TimeInForce.Gtx && !maker)
        {
            throw new BinanceApiException(-1115, "Invalid timeInForce.");
        }

        var quoteQuantity = q.Decimal("quoteOrderQty");
        if (quoteQuantity is not null && (type != OrderType.Market || q.Get("quantity") is not null))
        {
            throw new BinanceApiException(-1106, "Parameter 'quoteOrderQty' sent when not required.");
        }

        if (quoteQuantity is <= 0)
        {
            throw new BinanceApiException(-1013, "Filter failure: NOTIONAL");
        }

        var quantity = quoteQuantity is not null
            ? Quantity.FromRaw(0, market.Instrument.SizePrecision)
            : q.Quantity("quantity") ?? throw new BinanceApiException(-1102, "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!");
        var price = Priced(type) ? q.Price("price") ?? throw BinanceApiException.Mandatory("price") : default;
        var trigger = type is OrderType.StopLimit or OrderType.StopMarket or OrderType.TakeProfitLimit or OrderType.TakeProfitMarket
            ? q.Price("stopPrice") ?? throw BinanceApiException.Mandatory("stopPrice")
            : default;
        var responseType = q.Get("newOrderRespType") ?? (type is OrderType.Limit or OrderType.Market ? "FULL" : "ACK");
        if (responseType is not ("ACK" or "RESULT" or "FULL"))
        {
            throw new BinanceApiException(-1136, "Invalid newOrderRespType.");
        }

        var request = new SimOrderRequest(accountId, market.Instrument.Id, ClientId(q, "newClientOrderId"), side, type, tif,
            quantity, price, trigger, false, PositionSide.Both, SelfTrade(q));
        return new BinanceOrderInput(market, request, responseType, quoteQuantity);
    }

    /// <summary>
    /// The request with the quantity a <c>quoteOrderQty</c> market order buys or sells on the book now (exchange thread):
    /// levels from the touch until the quote amount is spent, rounded down to the step size.
    /// </summary>
    public SimOrderRequest Resolve()
    {
        if (QuoteQuantity is not { } budget)
        {
            return Request;
        }

        var instrument = Market.Instrument;
        var levels = Market.Book.Levels;
        var side = Request.Side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;
        decimal quantity = 0, spent = 0;
        for (var i = 0; i < levels.Count(side) && spent < budget; i++)
        {
            var level = levels.GetLevel(side, i);
            var price = level.Price.ToDecimal();
            var take = Math.Min(level.Size.ToDecimal(), (budget - spent) / price);
            quantity += take;
            spent += take * price;
        }

        var step = instrument.StepSize.ToDecimal();
        var rounded = Math.Floor(quantity / step) * step;
        return Request with { Quantity = Quantity.FromDecimal(rounded, instrument.SizePrecision) };
    }

    /// <summary>The market of <c>symbol</c> (-1102 missing, -1121 not listed).</summary>
    public static PaperMarket MarketOf(PaperExchange exchange, BinanceParameters q) =>
        exchange.TryGetMarket(q.Required("symbol"), out var market) ? market : throw BinanceApiException.InvalidSymbol();

    /// <summary>A client order id parameter, or a made-up one (22 characters, as Binance makes them) when absent.</summary>
    public static ClientOrderId ClientId(BinanceParameters q, string name)
    {
        var text = q.Get(name);
        if (text is null)
        {
            return NewClientId();
        }

        return ClientOrderId.TryParse(text, out var id)
            ? id
            : throw new BinanceApiException(-1100, $"Illegal characters found in parameter '{name}'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{{1,36}}$'.");
    }

    /// <summary>A client order id made up as Binance makes them (22 letters and digits).</summary>
    public static ClientOrderId NewClientId() => ClientOrderId.Parse(RandomNumberGenerator.GetString(IdAlphabet, 22));

    private static bool Priced(OrderType type) => type is OrderType.Limit or OrderType.StopLimit or OrderType.TakeProfitLimit;

    private static OrderSide Side(BinanceParameters q) => q.Required("side") switch
    {
        "BUY" => OrderSide.Buy,
        "SELL" => OrderSide.Sell,
        _ => throw new BinanceApiException(-1117, "Invalid side."),
    };

    private static TimeInForce TimeInForceOf(BinanceParameters q, bool required)
    {
        var text = q.Get("timeInForce");
        if (text is null)
        {
            return required ? throw BinanceApiException.Mandatory("timeInForce") : TimeInForce.Gtc;
        }

        return text switch
        {
            "GTC" => TimeInForce.Gtc,
            "IOC" => TimeInForce.Ioc,
            "FOK" => TimeInForce.Fok,
            "GTX" => TimeInForce.Gtx,
            _ => throw new BinanceApiException(-1115, "Invalid timeInForce."),
        };
    }

    private static SelfTradePrevention SelfTrade(BinanceParameters q) => q.Get("selfTradePreventionMode") switch
    {
        null or "NONE" => SelfTradePrevention.None,
        "EXPIRE_TAKER" => SelfTradePrevention.ExpireTaker,
        "EXPIRE_MAKER" => SelfTradePrevention.ExpireMaker,
        "EXPIRE_BOTH" => SelfTradePrevention.ExpireBoth,
        _ => throw new BinanceApiException(-1100, "Illegal characters found in parameter 'selfTradePreventionMode'; legal range is 'NONE, EXPIRE_TAKER, EXPIRE_MAKER, EXPIRE_BOTH'."),
    };
}
