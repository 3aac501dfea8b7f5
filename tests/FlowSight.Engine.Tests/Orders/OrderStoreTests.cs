using FlowSight.Core;
using FlowSight.Engine.Orders;
using Xunit;

namespace FlowSight.Engine.Tests.Orders;

public sealed class OrderStoreTests
{
    private static readonly InstrumentId Btc = InstrumentId.Of("BTCUSDT-PERP", Venue.Binance);
    private static readonly InstrumentId Eth = InstrumentId.Of("ETHUSDT-PERP", Venue.Binance);

    [Fact]
    public void Working_orders_are_counted_per_instrument_and_side()
    {
        var store = new OrderStore();
        var a = Add(store, "A", Btc, OrderSide.Buy, 1.5m);
        Add(store, "B", Btc, OrderSide.Buy, 0.5m);
        Add(store, "C", Btc, OrderSide.Sell, 2m);
        Add(store, "D", Eth, OrderSide.Buy, 3m);

        Assert.Equal(3, store.OpenOrderCount(Btc));
        Assert.Equal(1, store.OpenOrderCount(Eth));
        Assert.Equal(4, store.TotalOpenOrderCount);
        Assert.Equal(2m, store.OpenQuantity(Btc, OrderSide.Buy));
        Assert.Equal(2m, store.OpenQuantity(Btc, OrderSide.Sell));

        store.Transition(a, OrderStatus.Canceled, 5);

        Assert.Equal(2, store.OpenOrderCount(Btc));
        Assert.Equal(3, store.TotalOpenOrderCount);
        Assert.Equal(0.5m, store.OpenQuantity(Btc, OrderSide.Buy));
        Assert.True(store.Contains(a.ClientOrderId)); // closed orders stay: their ids are never reused
        Assert.False(store.TryGetOpen(a.ClientOrderId, out _, out _, out _, out _));
    }

    [Fact]
    public void Leaves_quantity_shrinks_with_fills_and_the_fill_is_stored()
    {
        var store = new OrderStore();
        var order = Add(store, "A", Btc, OrderSide.Buy, 1m);

        var filled = store.AddFill(order, Fill(order, "t1", 0.25m, 100m));

        Assert.Equal(0.75m, store.OpenQuantity(Btc, OrderSide.Buy));
        Assert.True(store.TryGetOpen(order.ClientOrderId, out var status, out var instrument, out var side, out var leaves));
        Assert.Equal((OrderStatus.Accepted, Btc, OrderSide.Buy, 0.75m), (status, instrument, side, leaves));
        Assert.Equal(0.75m, filled.LeavesQuantity.ToDecimal());
        Assert.Single(store.Fills);
        Assert.Equal(["t1"], order.TradeIds);
    }

    [Fact]
    public void An_order_is_found_by_its_venue_id_once_known()
    {
        var store = new OrderStore();
        var order = Add(store, "A", Btc, OrderSide.Buy, 1m);
        var venueId = VenueOrderId.FromNumber(123456789);

        Assert.False(store.TryGetByVenueOrderId(Btc, venueId, out _));
        store.SetVenueOrderId(order, venueId);

        Assert.True(store.TryGetByVenueOrderId(Btc, venueId, out var found));
        Assert.Same(order, found);
        Assert.False(store.TryGetByVenueOrderId(Eth, venueId, out _));
    }

    [Fact]
    public void A_second_order_with_the_same_id_is_refused()
    {
        var store = new OrderStore();
        Add(store, "A", Btc, OrderSide.Buy, 1m);

        var ex = Assert.Throws<ArgumentException>(() => Add(store, "A", Eth, OrderSide.Sell, 1m));
        Assert.Contains("never reused", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Average_price_and_fees_accumulate_over_fills()
    {
        var store = new OrderStore();
        var order = Add(store, "A", Btc, OrderSide.Buy, 1m);

        store.AddFill(order, Fill(order, "t1", 0.3m, 100m));
        store.AddFill(order, Fill(order, "t2", 0.7m, 102m));

        Assert.Equal(1m, order.FilledQuantity.ToDecimal());
        Assert.Equal(101.4m, order.AveragePrice!.Value.ToDecimal());
        Assert.Equal(0.02m, order.Fees.ToDecimal());
        Assert.Equal("USDT", order.FeeAsset);
    }

    [Fact]
    public void Purging_forgets_old_closed_orders_and_their_fills_but_keeps_working_ones()
    {
        var store = new OrderStore();
        var closed = Add(store, "A", Btc, OrderSide.Buy, 1m);
        var working = Add(store, "B", Btc, OrderSide.Buy, 1m);
        store.SetVenueOrderId(closed, VenueOrderId.FromNumber(1));
        store.AddFill(closed, Fill(closed, "t1", 1m, 100m) with { TradeTime = 10 });
        store.Transition(closed, OrderStatus.Filled, 10);
        var recent = Add(store, "C", Eth, OrderSide.Sell, 1m);
        store.Transition(recent, OrderStatus.Canceled, 1_000);

        Assert.Equal(1, store.PurgeClosed(updatedBefore: 500));

        Assert.False(store.Contains(closed.ClientOrderId));
        Assert.False(store.TryGetByVenueOrderId(Btc, VenueOrderId.FromNumber(1), out _));
        Assert.True(store.Contains(working.ClientOrderId));
        Assert.True(store.Contains(recent.ClientOrderId));
        Assert.Empty(store.Fills);
        Assert.Equal(1, store.TotalOpenOrderCount);
    }

    private static Order Add(OrderStore store, string id, InstrumentId instrument, OrderSide side, decimal quantity)
    {
        var order = new Order(new SubmitOrder
        {
            ClientOrderId = ClientOrderId.Parse(id),
            Instrument = instrument,
            Side = side,
            Type = OrderType.Limit,
            Quantity = Quantity.FromDecimal(quantity, 3),
            Price = Price.FromDecimal(100m, 1),
        });
        store.Add(order);
        store.Transition(order, OrderStatus.Submitted, 1);
        store.Transition(order, OrderStatus.Accepted, 1);
        return order;
    }

    private static FillReport Fill(Order order, string tradeId, decimal quantity, decimal price) => new()
    {
        Instrument = order.Instrument,
        ClientOrderId = order.ClientOrderId,
        VenueOrderId = VenueOrderId.FromNumber(1),
        TradeId = tradeId,
        Side = order.Side,
        Price = Price.FromDecimal(price, 1),
        Quantity = Quantity.FromDecimal(quantity, 3),
        Fee = Money.FromDecimal(0.01m, 8),
        FeeAsset = "USDT",
    };
}
