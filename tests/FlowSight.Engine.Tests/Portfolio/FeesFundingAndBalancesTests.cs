using FlowSight.Core;
using Xunit;
using static FlowSight.Engine.Tests.Portfolio.PortfolioFixture;

namespace FlowSight.Engine.Tests.Portfolio;

/// <summary>Fees per asset, funding settlement, spot balances and the venue's reports.</summary>
public sealed class FeesFundingAndBalancesTests
{
    private const long FundingTime = 1_000_000;
    private readonly PortfolioFixture _f = new();

    [Fact]
    public void Fees_are_kept_in_their_own_asset_and_taken_from_that_assets_balance()
    {
        _f.Balance("USDT", 1_000m);
        _f.Balance("BNB", 1m);

        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m, fee: 3m);
        _f.Fill(Btc, OrderSide.Sell, 0.1m, 60_000m, fee: 0.002m, feeAsset: "BNB");

        Assert.Equal(3m, _f.Portfolio.Fees("USDT"));
        Assert.Equal(0.002m, _f.Portfolio.Fees("BNB"));
        Assert.Equal(997m, _f.Portfolio.Balance("USDT"));
        Assert.Equal(0.998m, _f.Portfolio.Balance("BNB"));
        Assert.Equal(997m, _f.Portfolio.Equity); // BNB has no price yet: valued at zero

        _f.Portfolio.SetAssetPrice("BNB", Price.FromDecimal(600m, 2));
        Assert.Equal(997m + 598.8m, _f.Portfolio.Equity);
    }

    [Fact]
    public void A_long_pays_a_positive_funding_rate_on_its_notional_at_the_mark_at_the_funding_time()
    {
        _f.Balance("USDT", 1_000m);
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m, fee: 3m);

        _f.Mark(Btc, 60_100m, fundingRate: 0.0001m, nextFundingTime: FundingTime, eventTime: 1);
        Assert.Equal(997m, _f.Portfolio.Balance("USDT")); // announced, not yet due
        _f.Mark(Btc, 60_100m, fundingRate: 0.0002m, nextFundingTime: FundingTime * 2, eventTime: FundingTime);

        Assert.Equal(-0.601m, _f.Portfolio.GetPosition(Btc).Funding); // 6,010 × 0.0001, at the announced rate
        Assert.Equal(996.399m, _f.Portfolio.Balance("USDT"));
        Assert.Equal(-0.601m, _f.Portfolio.TotalFunding);
    }

    [Fact]
    public void Funding_rounds_toward_negative_infinity_so_the_payer_pays_the_last_unit_and_the_receiver_does_not_get_it()
    {
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m);
        _f.Fill(Eth, OrderSide.Sell, 2m, 3_005.05m);
        _f.Mark(Btc, 60_101m);
        _f.Mark(Eth, 3_005.05m);

        _f.Portfolio.SettleFunding(Btc, 0.000123457m);
        _f.Portfolio.SettleFunding(Eth, 0.000123457m);

        // 6,010.1 × 0.000123457 = 0.7419889157 either way.
        Assert.Equal(-0.74198892m, _f.Portfolio.GetPosition(Btc).Funding);
        Assert.Equal(0.74198891m, _f.Portfolio.GetPosition(Eth).Funding);
    }

    [Fact]
    public void A_short_receives_a_positive_rate_and_pays_a_negative_one()
    {
        _f.Fill(Btc, OrderSide.Sell, 0.1m, 60_000m);
        _f.Mark(Btc, 60_000m);

        _f.Portfolio.SettleFunding(Btc, 0.0001m);
        _f.Portfolio.SettleFunding(Btc, -0.0003m);

        Assert.Equal(0.6m - 1.8m, _f.Portfolio.GetPosition(Btc).Funding);
        Assert.Equal(-1.2m, _f.Portfolio.Balance("USDT"));
    }

    [Fact]
    public void Spot_fills_move_base_and_quote_balances_with_the_fee_in_the_asset_received()
    {
        _f.Balance("USDT", 1_000m);

        _f.Fill(BtcSpot, OrderSide.Buy, 0.01m, 60_000m, fee: 0.00001m, feeAsset: "BTC");
        Assert.Equal(0.00999m, _f.Portfolio.Balance("BTC"));
        Assert.Equal(400m, _f.Portfolio.Balance("USDT"));

        _f.Fill(BtcSpot, OrderSide.Sell, 0.005m, 61_000m, fee: 0.305m);

        Assert.Equal(0.00499m, _f.Portfolio.Balance("BTC"));
        Assert.Equal(704.695m, _f.Portfolio.Balance("USDT")); // 400 + 305 − 0.305
        Assert.Equal(0.005m, _f.Portfolio.NetPosition(BtcSpot));
        Assert.Equal(0m, _f.Portfolio.GetPosition(BtcSpot).MarginUsed);
        Assert.Null(_f.Portfolio.GetPosition(BtcSpot).LiquidationPrice);
        Assert.Equal(704.695m + 304.39m, _f.Portfolio.Equity); // BTC at the last price, 0.00499 × 61,000
    }

    [Fact]
    public void Balance_reports_seed_balances_and_a_later_disagreement_is_counted_and_wins()
    {
        _f.Balance("USDT", 1_000m);
        Assert.Equal(0, _f.Portfolio.BalanceCorrections);

        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m, fee: 3m);
        _f.Balance("USDT", 997m);
        Assert.Equal(0, _f.Portfolio.BalanceCorrections);

        _f.Balance("USDT", 995m);

        Assert.Equal(1, _f.Portfolio.BalanceCorrections);
        Assert.Equal(995m, _f.Portfolio.Balance("USDT"));
    }

    [Fact]
    public void A_venue_position_that_disagrees_replaces_ours_and_is_counted_one_that_agrees_is_not()
    {
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m);
        _f.Fill(Btc, OrderSide.Sell, 0.05m, 60_100m);

        _f.Portfolio.OnPositionReport(new PositionStatusReport { IsSnapshot = true, Instrument = Btc, Quantity = 0.05m, EntryPrice = 60_000m, Leverage = 20m });
        Assert.Equal(0, _f.Portfolio.PositionCorrections);

        _f.Portfolio.OnPositionReport(new PositionStatusReport { IsSnapshot = true, Instrument = Btc, Quantity = 0.08m, EntryPrice = 60_050m, Leverage = 10m, Isolated = true });

        Assert.Equal(1, _f.Portfolio.PositionCorrections);
        var position = _f.Portfolio.GetPosition(Btc);
        Assert.Equal(0.08m, position.Quantity);
        Assert.Equal(60_050m, position.AverageEntryPrice);
        Assert.Equal(5m, position.RealizedPnl); // kept
        Assert.Equal(10, position.Leverage);
        Assert.Equal(FlowSight.Engine.Portfolio.MarginMode.Isolated, position.MarginMode);
        Assert.Equal(480.4m, position.IsolatedMargin); // 4,804 / 10
    }

    [Fact]
    public void A_venue_report_of_a_position_we_do_not_have_creates_it_and_one_of_flat_closes_ours()
    {
        _f.Portfolio.OnPositionReport(new PositionStatusReport { IsSnapshot = true, Instrument = Eth, PositionSide = PositionSide.Short, Quantity = -1.5m, EntryPrice = 3_000m });
        Assert.Equal(-1.5m, _f.Portfolio.NetPosition(Eth));

        _f.Portfolio.OnPositionReport(new PositionStatusReport { IsSnapshot = true, Instrument = Eth, PositionSide = PositionSide.Short, Quantity = 0m });

        Assert.Equal(0m, _f.Portfolio.NetPosition(Eth));
        Assert.Equal(2, _f.Portfolio.PositionCorrections);
    }

    [Fact]
    public void Streamed_reports_which_may_run_ahead_of_the_fills_do_not_overwrite_balances_or_positions()
    {
        _f.Balance("USDT", 1_000m);
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m, fee: 3m);

        _f.Portfolio.OnBalanceReport(new BalanceReport { Venue = Venue.Binance, Account = string.Empty, Asset = "USDT", Total = 994m, Free = 994m });
        _f.Portfolio.OnPositionReport(new PositionStatusReport { Instrument = Btc, Quantity = 0.2m, EntryPrice = 60_000m, Leverage = 5m });

        Assert.Equal(997m, _f.Portfolio.Balance("USDT"));
        Assert.Equal(0.1m, _f.Portfolio.NetPosition(Btc));
        Assert.Equal(0, _f.Portfolio.BalanceCorrections + _f.Portfolio.PositionCorrections);
        Assert.Equal(5, _f.Portfolio.GetPosition(Btc).Leverage); // settings are taken from any report
    }
}
