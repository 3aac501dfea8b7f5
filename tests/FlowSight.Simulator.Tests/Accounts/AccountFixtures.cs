using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Tests.Accounts;

/// <summary>Instruments and order events for the account tests, with Binance's BTCUSDT filters and fees.</summary>
internal static class AccountFixtures
{
    public static readonly Instrument BtcUsdtPerp = new()
    {
        Id = InstrumentId.Of("BTCUSDT-PERP", Venue.Binance),
        VenueSymbol = "BTCUSDT",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "BTC",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.Parse("0.1"),
        StepSize = Quantity.Parse("0.001"),
        MinQuantity = Quantity.Parse("0.001"),
        MaxQuantity = Quantity.Parse("1000"),
        MinNotional = Money.Parse("100"),
        MaxLeverage = 125m,
        MakerFee = 0.0002m,
        TakerFee = 0.0005m,
    };

    public static readonly Instrument EthUsdtPerp = new()
    {
        Id = InstrumentId.Of("ETHUSDT-PERP", Venue.Binance),
        VenueSymbol = "ETHUSDT",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "ETH",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.Parse("0.01"),
        StepSize = Quantity.Parse("0.001"),
        MinQuantity = Quantity.Parse("0.001"),
        MinNotional = Money.Parse("20"),
        MaxLeverage = 100m,
        MakerFee = 0.0002m,
        TakerFee = 0.0005m,
    };

    public static readonly Instrument BtcUsdtSpot = new()
    {
        Id = InstrumentId.Of("BTCUSDT", Venue.Binance),
        VenueSymbol = "BTCUSDT",
        Kind = InstrumentKind.Spot,
        BaseAsset = "BTC",
        QuoteAsset = "USDT",
        TickSize = Price.Parse("0.01"),
        StepSize = Quantity.Parse("0.00001"),
        MinQuantity = Quantity.Parse("0.00001"),
        MinNotional = Money.Parse("5"),
        MakerFee = 0.001m,
        TakerFee = 0.001m,
    };

    public static Money Usdt(string value) => Money.Parse(value, 8);

    public static Price Px(string value) => Price.Parse(value);

    public static Quantity Qty(string value) => Quantity.Parse(value);

    public static SimOrderRequest Order(int account, Instrument instrument, OrderSide side, OrderType type, string quantity, string? price = null, bool reduceOnly = false, PositionSide positionSide = PositionSide.Both) =>
        new(account, instrument.Id, default, side, type, TimeInForce.Gtc, Qty(quantity), price is null ? default : Px(price), default, reduceOnly, positionSide);

    public static OrderEvent New(long orderId, in SimOrderRequest request) => new()
    {
        AccountId = request.AccountId,
        Instrument = request.Instrument,
        OrderId = orderId,
        ClientOrderId = request.ClientOrderId,
        Side = request.Side,
        PositionSide = request.PositionSide,
        Type = request.Type,
        TimeInForce = request.TimeInForce,
        ReduceOnly = request.ReduceOnly,
        Price = request.Price,
        TriggerPrice = request.TriggerPrice,
        Quantity = request.Quantity,
        ExecutionType = ExecutionType.New,
        Status = OrderStatus.Accepted,
    };

    public static OrderEvent Fill(in OrderEvent order, string quantity, string price, string cumulative, LiquiditySide liquidity) => order with
    {
        ExecutionType = ExecutionType.Trade,
        Status = Qty(cumulative) == order.Quantity ? OrderStatus.Filled : OrderStatus.PartiallyFilled,
        LastQuantity = Qty(quantity),
        LastPrice = Px(price),
        CumulativeQuantity = Qty(cumulative),
        Liquidity = liquidity,
    };

    public static OrderEvent Canceled(in OrderEvent order, string cumulative) => order with
    {
        ExecutionType = ExecutionType.Canceled,
        Status = OrderStatus.Canceled,
        LastQuantity = default,
        CumulativeQuantity = Qty(cumulative),
    };
}
