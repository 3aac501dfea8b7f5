using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Exits;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FlowSight.Engine.Tests.Exits;

/// <summary>Local stops, take-profits, trailing and time stops, and venue-native stop orders.</summary>
public sealed class ExitManagerTests
{
    private static readonly InstrumentId Btc = InstrumentId.Parse("BTCUSDT-PERP.BINANCE");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly List<SubmitOrder> _sent = [];
    private readonly List<CancelOrder> _canceled = [];
    private int _ids;

    [Fact]
    public void A_long_stop_fires_a_reduce_only_market_sell_when_the_price_reaches_it()
    {
        var exits = Manager();
        exits.Track(Plan(isLong: true) with { StopPrice = Px(95m) });

        exits.OnPrice(Btc, Px(95.1m));
        Assert.Empty(_sent);
        exits.OnPrice(Btc, Px(95m));

        var order = Assert.Single(_sent);
        Assert.Equal(OrderSide.Sell, order.Side);
        Assert.Equal(OrderType.Market, order.Type);
        Assert.Equal(Qty(0.5m), order.Quantity);
        Assert.True(order.ReduceOnly);
        Assert.Equal("exit:StopLoss", order.Origin);
        Assert.Equal(ExitKind.StopLoss, Assert.Single(exits.Triggered).Kind);
        Assert.Equal(0, exits.Count);

        exits.OnPrice(Btc, Px(90m));
        Assert.Single(_sent); // fired once, then forgotten
    }

    [Fact]
    public void A_short_take_profit_fires_a_buy_when_the_price_falls_to_it()
    {
        var exits = Manager();
        exits.Track(Plan(isLong: false) with { StopPrice = Px(105m), TakeProfitPrice = Px(90m) });

        exits.OnPrice(Btc, Px(91m));
        exits.OnPrice(Btc, Px(89.5m));

        var order = Assert.Single(_sent);
        Assert.Equal(OrderSide.Buy, order.Side);
        Assert.True(order.ReduceOnly);
        Assert.Equal(ExitKind.TakeProfit, Assert.Single(exits.Triggered).Kind);
    }

    [Fact]
    public void A_trailing_stop_by_distance_ratchets_only_up_for_a_long_and_fires_on_the_pullback()
    {
        var exits = Manager();
        exits.Track(Plan(isLong: true) with { TrailingDistance = 5m });
        Assert.Equal(95m, exits.TrailingStopLevel(Btc));

        exits.OnPrice(Btc, Px(110m));
        Assert.Equal(105m, exits.TrailingStopLevel(Btc));
        exits.OnPrice(Btc, Px(107m));
        exits.OnPrice(Btc, Px(105.1m));
        Assert.Equal(105m, exits.TrailingStopLevel(Btc)); // never moves against the position
        Assert.Empty(_sent);

        exits.OnPrice(Btc, Px(105m));

        Assert.Equal(OrderSide.Sell, Assert.Single(_sent).Side);
        Assert.Equal(new ExitTriggered(Btc, PositionSide.Both, ExitKind.TrailingStop, Px(105m), _sent[0].ClientOrderId, Nanos(_time.GetUtcNow())), Assert.Single(exits.Triggered));
    }

    [Fact]
    public void A_trailing_stop_by_percent_ratchets_only_down_for_a_short()
    {
        var exits = Manager();
        exits.Track(Plan(isLong: false) with { TrailingPercent = 0.1m });
        Assert.Equal(110m, exits.TrailingStopLevel(Btc));

        exits.OnPrice(Btc, Px(90m));
        Assert.Equal(99m, exits.TrailingStopLevel(Btc));
        exits.OnPrice(Btc, Px(95m));
        Assert.Equal(99m, exits.TrailingStopLevel(Btc));
        Assert.Empty(_sent);

        exits.OnPrice(Btc, Px(99m));

        Assert.Equal(OrderSide.Buy, Assert.Single(_sent).Side);
    }

    [Fact]
    public void A_time_stop_closes_after_the_holding_time_on_the_timer_or_the_next_price()
    {
        var exits = Manager();
        exits.Track(Plan(isLong: true) with { MaxHoldingTime = TimeSpan.FromHours(1) });

        _time.Advance(TimeSpan.FromMinutes(59));
        exits.CheckTimeStops();
        exits.OnPrice(Btc, Px(101m));
        Assert.Empty(_sent);

        _time.Advance(TimeSpan.FromMinutes(1));
        exits.CheckTimeStops();

        Assert.Equal(OrderSide.Sell, Assert.Single(_sent).Side);
        var fired = Assert.Single(exits.Triggered);
        Assert.Equal(ExitKind.TimeStop, fired.Kind);
        Assert.Null(fired.Price);

        var second = Manager();
        second.Track(Plan(isLong: false) with { MaxHoldingTime = TimeSpan.FromMinutes(5) });
        _time.Advance(TimeSpan.FromMinutes(5));
        second.OnPrice(Btc, Px(100m));
        Assert.Equal(ExitKind.TimeStop, Assert.Single(second.Triggered).Kind);
    }

    [Fact]
    public void A_hedge_mode_exit_names_the_leg_and_is_not_reduce_only()
    {
        var exits = Manager();
        exits.Track(Plan(isLong: false) with { PositionSide = PositionSide.Short, StopPrice = Px(105m) });

        exits.OnPrice(Btc, Px(106m));

        var order = Assert.Single(_sent);
        Assert.Equal(OrderSide.Buy, order.Side);
        Assert.Equal(PositionSide.Short, order.PositionSide);
        Assert.False(order.ReduceOnly); // Binance refuses reduceOnly in hedge mode
    }

    [Fact]
    public void Venue_native_stops_are_sent_as_stop_and_take_profit_market_orders_with_trigger_prices()
    {
        var exits = Manager(native: true);

        exits.Track(Plan(isLong: true) with { StopPrice = Px(95m), TakeProfitPrice = Px(120m) });

        Assert.Equal(2, _sent.Count);
        Assert.Equal(OrderType.StopMarket, _sent[0].Type);
        Assert.Equal(Px(95m), _sent[0].TriggerPrice);
        Assert.Equal(OrderType.TakeProfitMarket, _sent[1].Type);
        Assert.Equal(Px(120m), _sent[1].TriggerPrice);
        foreach (var order in _sent)
        {
            Assert.Equal(OrderSide.Sell, order.Side);
            Assert.True(order.ReduceOnly);
            Assert.Equal(Qty(0.5m), order.Quantity);
            Assert.Null(order.Price);
        }

        Assert.Equal([_sent[0].ClientOrderId, _sent[1].ClientOrderId], exits.NativeOrders(Btc));
        exits.OnPrice(Btc, Px(90m));
        Assert.Equal(2, _sent.Count); // the venue watches these, not us
    }

    [Fact]
    public void A_local_exit_firing_first_cancels_the_venue_native_orders()
    {
        var exits = Manager(native: true);
        exits.Track(Plan(isLong: true) with { StopPrice = Px(95m), MaxHoldingTime = TimeSpan.FromMinutes(10) });
        var stop = Assert.Single(_sent);

        _time.Advance(TimeSpan.FromMinutes(10));
        exits.CheckTimeStops();

        Assert.Equal(stop.ClientOrderId, Assert.Single(_canceled).ClientOrderId);
        Assert.Equal(OrderType.Market, _sent[^1].Type);
    }

    [Fact]
    public void Tracking_a_new_plan_for_the_same_leg_replaces_the_old_one_and_cancels_its_native_orders()
    {
        var exits = Manager(native: true);
        exits.Track(Plan(isLong: true) with { StopPrice = Px(95m) });

        exits.Track(Plan(isLong: true) with { StopPrice = Px(97m) });

        Assert.Equal(1, exits.Count);
        Assert.Equal(_sent[0].ClientOrderId, Assert.Single(_canceled).ClientOrderId);
        Assert.Equal(Px(97m), _sent[1].TriggerPrice);
    }

    [Fact]
    public void Where_the_instruments_venue_takes_no_native_stops_the_stop_stays_local()
    {
        var spot = InstrumentId.Parse("BTCUSDT.BINANCE");
        var exits = Manager(native: true);
        Assert.True(ExitManagerOptions.VenueTakesNativeStops(Btc));
        Assert.True(ExitManagerOptions.VenueTakesNativeStops(InstrumentId.Parse("BTC-USDT-SWAP.OKX"))); // conditional algo orders
        Assert.False(ExitManagerOptions.VenueTakesNativeStops(spot)); // spot: no reduce-only
        Assert.True(ExitManagerOptions.VenueTakesNativeStops(InstrumentId.Parse("BTC_USDT-PERP.GATEIO"))); // price-triggered orders
        Assert.False(ExitManagerOptions.VenueTakesNativeStops(InstrumentId.Parse("BTC_USDT.GATEIO"))); // spot: exits stay local

        exits.Track(Plan(isLong: true) with { Instrument = spot, StopPrice = Px(95m) });
        Assert.Empty(_sent);
        Assert.Empty(exits.NativeOrders(spot));

        exits.OnPrice(spot, Px(95m));
        var order = Assert.Single(_sent);
        Assert.Equal((OrderType.Market, OrderSide.Sell), (order.Type, order.Side));
    }

    [Fact]
    public void A_native_stop_that_fills_closes_the_plan_and_cancels_the_native_take_profit()
    {
        var exits = Manager(native: true);
        exits.Track(Plan(isLong: true) with { StopPrice = Px(95m), TakeProfitPrice = Px(120m) });
        var (stop, target) = (_sent[0], _sent[1]);

        exits.OnFill(Fill(stop, leaves: 0.2m));
        Assert.Empty(_canceled); // partly filled: the stop is still closing the position
        exits.OnFill(Fill(stop, leaves: 0m));

        Assert.Equal(target.ClientOrderId, Assert.Single(_canceled).ClientOrderId);
        Assert.Equal(0, exits.Count);
        var triggered = Assert.Single(exits.Triggered);
        Assert.Equal((ExitKind.StopLoss, stop.ClientOrderId, (Price?)Px(94.9m)), (triggered.Kind, triggered.Order, triggered.Price));
    }

    [Fact]
    public void Native_stops_are_canceled_when_the_position_closes_another_way()
    {
        var open = 0m;
        var exits = new ExitManager(_sent.Add, () => ClientOrderId.Parse("z-" + (++_ids).ToString(System.Globalization.CultureInfo.InvariantCulture)), _time, new ExitManagerOptions { UseVenueNativeStops = true }, _canceled.Add, (_, _) => open);
        exits.Track(Plan(isLong: true) with { StopPrice = Px(95m) });
        var stop = Assert.Single(_sent);

        exits.OnPrice(Btc, Px(100m)); // the entry has not filled yet: flat does not mean closed
        Assert.Empty(_canceled);
        open = 0.5m;
        exits.OnPrice(Btc, Px(101m));
        Assert.Empty(_canceled);

        open = 0m; // flattened by hand
        exits.OnFill(Fill(stop with { ClientOrderId = ClientOrderId.Parse("manual-1"), Side = OrderSide.Sell }, leaves: 0m));

        Assert.Equal(stop.ClientOrderId, Assert.Single(_canceled).ClientOrderId);
        Assert.Equal(0, exits.Count);
        Assert.Single(_sent); // nothing else sent
    }

    [Fact]
    public void Marks_published_on_the_bus_drive_the_exits()
    {
        var bus = new EventBus(rethrowFailures: true);
        var exits = Manager();
        using var subscription = exits.Subscribe(bus);
        exits.Track(Plan(isLong: true) with { StopPrice = Px(95m) });

        bus.Publish(new MarkPrice(Btc, Px(94m), Px(94m), default, 0m, 0, 1, 1));

        Assert.Single(_sent);
    }

    [Fact]
    public void Watching_prices_that_trigger_nothing_allocates_nothing()
    {
        var exits = Manager();
        exits.Track(Plan(isLong: true) with { StopPrice = Px(50m), TakeProfitPrice = Px(500m), TrailingPercent = 0.5m, MaxHoldingTime = TimeSpan.FromDays(1) });
        var up = Px(120m);
        var down = Px(110m);

        var bytes = FlowSight.TestKit.Allocations.SteadyState(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                exits.OnPrice(Btc, up);
                exits.OnPrice(Btc, down);
                exits.CheckTimeStops();
            }
        });

        Assert.Equal(0, bytes);
        Assert.Empty(_sent);
    }

    [Fact]
    public void With_a_position_source_an_exit_closes_only_what_is_open_and_nothing_on_a_flat_leg()
    {
        var open = new Dictionary<PositionSide, decimal> { [PositionSide.Long] = 0.3m, [PositionSide.Short] = 0m };
        var exits = new ExitManager(_sent.Add, () => ClientOrderId.Parse("y-" + (++_ids).ToString(System.Globalization.CultureInfo.InvariantCulture)), _time, position: (_, side) => open[side]);
        exits.Track(Plan(isLong: true) with { PositionSide = PositionSide.Long, StopPrice = Px(95m) });
        exits.Track(Plan(isLong: false) with { PositionSide = PositionSide.Short, StopPrice = Px(105m) });

        exits.OnPrice(Btc, Px(94m));
        exits.OnPrice(Btc, Px(106m));

        var order = Assert.Single(_sent);
        Assert.Equal(PositionSide.Long, order.PositionSide);
        Assert.Equal(Qty(0.3m), order.Quantity); // the plan said 0.5; 0.3 is still open
        Assert.Equal(1, exits.SkippedStale); // the short leg was already flat: a hedge-mode buy would have opened one
    }

    [Fact]
    public void An_inconsistent_plan_is_refused_with_every_problem()
    {
        var exits = Manager();

        var error = Assert.Throws<ArgumentException>(() => exits.Track(Plan(isLong: true) with { StopPrice = Px(105m), TrailingDistance = 1m, TrailingPercent = 0.01m }));

        Assert.Contains("The stop 105.00 is on the wrong side of the entry 100.00 for a long.", error.Message, StringComparison.Ordinal);
        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
    }

    private ExitManager Manager(bool native = false) =>
        new(_sent.Add, () => ClientOrderId.Parse("x-" + (++_ids).ToString(System.Globalization.CultureInfo.InvariantCulture)), _time, new ExitManagerOptions { UseVenueNativeStops = native }, _canceled.Add);

    private static OrderFilled Fill(SubmitOrder order, decimal leaves) => new()
    {
        ClientOrderId = order.ClientOrderId,
        VenueOrderId = VenueOrderId.FromNumber(7),
        Instrument = order.Instrument,
        TradeId = "t-" + leaves.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Side = order.Side,
        LastPrice = Px(94.9m),
        LastQuantity = Qty(0.5m - leaves),
        FilledQuantity = Qty(0.5m - leaves),
        LeavesQuantity = Qty(leaves),
        Fee = Money.FromDecimal(0.01m, 8),
        FeeAsset = "USDT",
    };

    private static ExitPlan Plan(bool isLong) => new() { Instrument = Btc, IsLong = isLong, Quantity = Qty(0.5m), EntryPrice = Px(100m) };

    private static Price Px(decimal value) => Price.FromDecimal(value, 2);

    private static Quantity Qty(decimal value) => Quantity.FromDecimal(value, 3);

    private static long Nanos(DateTimeOffset time) => (time.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
}
