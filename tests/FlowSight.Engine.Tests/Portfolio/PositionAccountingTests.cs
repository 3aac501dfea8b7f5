using FlowSight.Core;
using FlowSight.Engine.Bus;
using Xunit;
using static FlowSight.Engine.Tests.Portfolio.PortfolioFixture;

namespace FlowSight.Engine.Tests.Portfolio;

/// <summary>Positions from fills: weighted entry, realised PnL per close, flips, hedge legs, contracts.</summary>
public sealed class PositionAccountingTests
{
    private readonly PortfolioFixture _f = new();

    [Fact]
    public void Adding_to_a_long_weights_the_entry_and_reducing_keeps_it_while_realising_each_close()
    {
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m);
        _f.Fill(Btc, OrderSide.Buy, 0.3m, 62_000m);
        var added = _f.Portfolio.GetPosition(Btc);
        Assert.Equal(0.4m, added.Quantity);
        Assert.Equal(61_500m, added.AverageEntryPrice); // (6,000 + 18,600) / 0.4
        Assert.Equal(24_600m, added.EntryNotional);

        _f.Fill(Btc, OrderSide.Sell, 0.1m, 63_000m);
        var reduced = _f.Portfolio.GetPosition(Btc);
        Assert.Equal(0.3m, reduced.Quantity);
        Assert.Equal(61_500m, reduced.AverageEntryPrice);
        Assert.Equal(150m, reduced.RealizedPnl); // 6,300 − 6,150

        _f.Fill(Btc, OrderSide.Sell, 0.3m, 60_000m);
        var closed = _f.Portfolio.GetPosition(Btc);
        Assert.Equal(0m, closed.Quantity);
        Assert.Equal(0m, closed.AverageEntryPrice);
        Assert.Equal(-300m, closed.RealizedPnl); // 150 + (18,000 − 18,450)
        Assert.Equal(-300m, _f.Portfolio.Balance("USDT"));
    }

    [Fact]
    public void A_short_gains_when_bought_back_lower_and_keeps_its_entry_when_reduced()
    {
        _f.Fill(Btc, OrderSide.Sell, 0.2m, 50_000m);
        _f.Fill(Btc, OrderSide.Sell, 0.1m, 53_000m);
        Assert.Equal(51_000m, _f.Portfolio.GetPosition(Btc).AverageEntryPrice);
        Assert.Equal(-0.3m, _f.Portfolio.NetPosition(Btc));

        _f.Fill(Btc, OrderSide.Buy, 0.1m, 49_000m);

        var position = _f.Portfolio.GetPosition(Btc);
        Assert.Equal(-0.2m, position.Quantity);
        Assert.Equal(51_000m, position.AverageEntryPrice);
        Assert.Equal(200m, position.RealizedPnl); // −(4,900 − 5,100)
    }

    [Fact]
    public void A_fill_through_zero_realises_the_old_position_and_opens_the_rest_at_the_fill_price()
    {
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m);

        _f.Fill(Btc, OrderSide.Sell, 0.3m, 61_000m);

        var flipped = _f.Portfolio.GetPosition(Btc);
        Assert.Equal(-0.2m, flipped.Quantity);
        Assert.Equal(61_000m, flipped.AverageEntryPrice);
        Assert.Equal(100m, flipped.RealizedPnl);

        _f.Fill(Btc, OrderSide.Buy, 0.4m, 60_500m);
        var back = _f.Portfolio.GetPosition(Btc);
        Assert.Equal(0.2m, back.Quantity);
        Assert.Equal(60_500m, back.AverageEntryPrice);
        Assert.Equal(200m, back.RealizedPnl); // 100 + 0.2 × 500
    }

    [Fact]
    public void Hedge_mode_legs_are_separate_positions_and_the_net_position_sums_them()
    {
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m, positionSide: PositionSide.Long);
        _f.Fill(Btc, OrderSide.Sell, 0.2m, 60_500m, positionSide: PositionSide.Short);
        Assert.Equal(-0.1m, _f.Portfolio.NetPosition(Btc));
        Assert.Equal(0.1m, _f.Portfolio.GetPosition(Btc, PositionSide.Long).Quantity);
        Assert.Equal(-0.2m, _f.Portfolio.GetPosition(Btc, PositionSide.Short).Quantity);

        _f.Fill(Btc, OrderSide.Sell, 0.1m, 61_000m, positionSide: PositionSide.Long);

        Assert.Equal(0m, _f.Portfolio.GetPosition(Btc, PositionSide.Long).Quantity);
        Assert.Equal(100m, _f.Portfolio.GetPosition(Btc, PositionSide.Long).RealizedPnl);
        var shortLeg = _f.Portfolio.GetPosition(Btc, PositionSide.Short);
        Assert.Equal(-0.2m, shortLeg.Quantity);
        Assert.Equal(60_500m, shortLeg.AverageEntryPrice);
        Assert.Equal(0m, shortLeg.RealizedPnl);
        Assert.Equal(0m, _f.Portfolio.GetPosition(Btc).Quantity); // no net-mode leg
    }

    [Fact]
    public void Contracts_with_a_multiplier_count_size_times_multiplier_in_notional_and_pnl()
    {
        _f.Fill(OkxSwap, OrderSide.Buy, 10m, 60_000m); // 10 contracts × 0.01 BTC
        var open = _f.Portfolio.GetPosition(OkxSwap);
        Assert.Equal(10m, open.Quantity);
        Assert.Equal(6_000m, open.EntryNotional);
        Assert.Equal(60_000m, open.AverageEntryPrice);

        _f.Mark(OkxSwap, 60_250m);
        Assert.Equal(25m, _f.Portfolio.GetPosition(OkxSwap).UnrealizedPnl); // 10 × 0.01 × 250
        Assert.Equal(6_025m, _f.Portfolio.PositionNotional(OkxSwap));

        _f.Fill(OkxSwap, OrderSide.Sell, 4m, 60_500m);
        Assert.Equal(20m, _f.Portfolio.GetPosition(OkxSwap).RealizedPnl); // 4 × 0.01 × 500
        Assert.Equal(6m, _f.Portfolio.NetPosition(OkxSwap));
    }

    [Fact]
    public void Unrealised_pnl_uses_the_last_fill_price_until_a_mark_arrives_then_the_mark()
    {
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m);
        _f.Fill(Eth, OrderSide.Sell, 1m, 3_000m);
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_200m);
        Assert.Equal(20m, _f.Portfolio.GetPosition(Btc).UnrealizedPnl); // 0.2 × 60,200 − 12,020
        Assert.Equal(60_200m, _f.Portfolio.MarkPrice(Btc));

        _f.Mark(Btc, 59_900m);
        _f.Mark(Eth, 3_010m);

        Assert.Equal(-40m, _f.Portfolio.GetPosition(Btc).UnrealizedPnl); // 11,980 − 12,020
        Assert.Equal(-10m, _f.Portfolio.GetPosition(Eth).UnrealizedPnl);
        Assert.Equal(-50m, _f.Portfolio.UnrealizedPnl);
        Assert.Equal(11_980m + 3_010m, _f.Portfolio.TotalPositionNotional);
        Assert.Null(_f.Portfolio.MarkPrice(BtcSpot));
    }

    [Fact]
    public void Margin_used_is_the_notional_at_the_mark_over_the_instruments_leverage()
    {
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m);
        _f.Mark(Btc, 60_100m);
        Assert.Equal(300.5m, _f.Portfolio.MarginUsed); // 6,010 / 20 (default leverage)

        _f.Portfolio.SetLeverage(Btc, 10);

        Assert.Equal(601m, _f.Portfolio.InstrumentMarginUsed(Btc));
        Assert.Equal(10, _f.Portfolio.GetPosition(Btc).Leverage);
    }

    [Fact]
    public void Fills_published_on_the_bus_reach_the_portfolio()
    {
        var bus = new EventBus(rethrowFailures: true);
        using var subscription = _f.Portfolio.Subscribe(bus);

        bus.Publish(FillOf(Btc, OrderSide.Buy, 0.05m, 60_000m, fee: 1.5m));

        Assert.Equal(0.05m, _f.Portfolio.NetPosition(Btc));
        Assert.Equal(1.5m, _f.Portfolio.Fees("USDT"));
    }

    [Fact]
    public void Trades_on_the_bus_value_spot_holdings_at_the_last_price()
    {
        var bus = new EventBus(rethrowFailures: true);
        using var subscription = _f.Portfolio.Subscribe(bus);
        _f.Fill(BtcSpot, OrderSide.Buy, 0.01m, 60_000m);
        Assert.Equal(-600m + 600m, _f.Portfolio.Equity); // −600 USDT + 0.01 BTC at 60,000

        bus.Publish(new TradeTick(BtcSpot, Price.FromDecimal(59_000m, 2), Quantity.FromDecimal(0.5m, 5), AggressorSide.Seller, 7, 1, 1));

        Assert.Equal(59_000m, _f.Portfolio.MarkPrice(BtcSpot));
        Assert.Equal(-10m, _f.Portfolio.Equity);
        Assert.Equal(-10m, _f.Portfolio.DailyPnl);
    }

    [Fact]
    public void Instruments_of_a_registry_are_tracked_once()
    {
        var registry = new FlowSight.Engine.Instruments.InstrumentRegistry();
        registry.Register(BtcSpec);
        registry.Register(EthSpec);
        var portfolio = new FlowSight.Engine.Portfolio.Portfolio();
        portfolio.AddInstrument(BtcSpec);

        portfolio.AddInstruments(registry);
        portfolio.OnFill(FillOf(Eth, OrderSide.Sell, 1m, 3_000m));

        Assert.Equal(-1m, portfolio.NetPosition(Eth));
        Assert.Equal(0, portfolio.UnknownInstrumentEvents);
    }

    [Fact]
    public void Events_of_unknown_instruments_are_counted_and_ignored()
    {
        _f.Fill(InstrumentId.Parse("SOLUSDT-PERP.BINANCE"), OrderSide.Buy, 1m, 100m);

        Assert.Equal(1, _f.Portfolio.UnknownInstrumentEvents);
        Assert.Empty(_f.Portfolio.OpenPositions());
    }
}
