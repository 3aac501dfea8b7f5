using FlowSight.Core;
using FlowSight.Simulator.Orders;
using Xunit;

namespace FlowSight.Simulator.Tests;

public sealed class OrderEventTests
{
    [Fact]
    public void The_exchange_adds_fees_to_a_matching_engine_fill_without_touching_the_order_fields()
    {
        var fill = new OrderEvent
        {
            AccountId = 7,
            Instrument = InstrumentId.Of("BTCUSDT-PERP", Venue.Binance),
            OrderId = 42,
            ExecutionType = ExecutionType.Trade,
            Status = OrderStatus.PartiallyFilled,
            LastQuantity = Quantity.Parse("0.010"),
            LastPrice = Price.Parse("61800.30"),
            Liquidity = LiquiditySide.Taker,
        };

        var charged = fill with { Commission = Money.Parse("0.30900150"), CommissionAsset = "USDT" };

        Assert.Equal(fill with { Commission = charged.Commission, CommissionAsset = "USDT" }, charged);
        Assert.Equal(42, charged.OrderId);
    }
}
