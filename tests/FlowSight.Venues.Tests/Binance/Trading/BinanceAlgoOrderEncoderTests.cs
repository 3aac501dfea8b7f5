using System.Text;
using FlowSight.Core;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Trading;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Trading;

/// <summary>USDⓈ-M conditional orders go to the algo service with its parameters ("New Algo Order"); spot stops do not.</summary>
public sealed class BinanceAlgoOrderEncoderTests
{
    private static readonly InstrumentId Btc = InstrumentId.Of("BTCUSDT-PERP", Venue.Binance);

    private static SubmitOrder Stop(OrderType type) => new()
    {
        ClientOrderId = ClientOrderId.Parse("FS0stop1"),
        Instrument = Btc,
        Side = OrderSide.Sell,
        Type = type,
        Quantity = Quantity.FromDecimal(0.010m, 3),
        Price = type == OrderType.StopLimit ? Price.FromDecimal(61000.0m, 1) : null,
        TriggerPrice = Price.FromDecimal(61500.0m, 1),
        ReduceOnly = true,
    };

    private static string Encode(in SubmitOrder order)
    {
        var buffer = new byte[BinanceOrderEncoder.MaxRequestLength];
        var writer = new BinanceQueryWriter(buffer);
        BinanceAlgoOrderEncoder.WriteNewAlgoOrder(ref writer, "BTCUSDT"u8, order);
        return Encoding.ASCII.GetString(writer.Written);
    }

    [Fact]
    public void A_stop_market_is_a_conditional_algo_order_with_trigger_price_and_client_algo_id()
    {
        Assert.Equal(
            "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=STOP_MARKET&quantity=0.010&triggerPrice=61500.0&reduceOnly=true&clientAlgoId=FS0stop1",
            Encode(Stop(OrderType.StopMarket)));
        Assert.Equal(
            "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=STOP&timeInForce=GTC&quantity=0.010&price=61000.0&triggerPrice=61500.0&reduceOnly=true&clientAlgoId=FS0stop1",
            Encode(Stop(OrderType.StopLimit)));
    }

    [Fact]
    public void Only_usdm_conditional_types_go_to_the_algo_service_and_trailing_stops_are_refused_without_a_callback_rate()
    {
        Assert.True(BinanceAlgoOrderEncoder.IsAlgoOrder(BinanceMarket.UsdM, OrderType.TakeProfitMarket));
        Assert.False(BinanceAlgoOrderEncoder.IsAlgoOrder(BinanceMarket.UsdM, OrderType.Limit));
        Assert.False(BinanceAlgoOrderEncoder.IsAlgoOrder(BinanceMarket.Spot, OrderType.StopMarket)); // spot STOP_LOSS stays on /api/v3/order
        Assert.Throws<NotSupportedException>(() => Encode(Stop(OrderType.TrailingStopMarket)));
        Assert.Throws<NotSupportedException>(() => Encode(Stop(OrderType.StopMarket) with { TriggerPrice = null }));
    }
}
