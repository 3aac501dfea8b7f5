using FlowSight.Core;
using Xunit;
using static FlowSight.Engine.Tests.Portfolio.PortfolioFixture;

namespace FlowSight.Engine.Tests.Portfolio;

/// <summary>
/// One portfolio, several venue accounts: a Binance USDⓈ-M account trades the perpetual, a Binance spot account the
/// spot pair, and each keeps its own USDT through fills, fees, funding and the venues' snapshots.
/// </summary>
public sealed class PortfolioAccountsTests
{
    private static readonly VenueAccount Usdm = new(Venue.Binance, "usdm");
    private static readonly VenueAccount Spot = new(Venue.Binance, "spot");
    private readonly PortfolioFixture _f = new();

    public PortfolioAccountsTests()
    {
        _f.Portfolio.AssignAccount(Btc, "usdm");
        _f.Portfolio.AssignAccount(BtcSpot, "spot");
        Snapshot(Usdm, "USDT", 1_000m);
        Snapshot(Spot, "USDT", 5_000m);
    }

    private void Snapshot(VenueAccount account, string asset, decimal total) =>
        _f.Portfolio.OnBalanceReport(new BalanceReport { Venue = account.Venue, Account = account.Name, Asset = asset, Total = total, Free = total, IsSnapshot = true });

    [Fact]
    public void Each_account_keeps_its_own_usdt_through_fills_fees_and_funding()
    {
        _f.Fill(BtcSpot, OrderSide.Buy, 0.01m, 60_000m, fee: 0.00001m, feeAsset: "BTC");
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m, fee: 2.4m);
        _f.Mark(Btc, 60_000m, fundingRate: 0.0001m, nextFundingTime: 1_000, eventTime: 1);
        _f.Mark(Btc, 60_000m, eventTime: 1_000); // funding: the long pays 0.6
        _f.Fill(Btc, OrderSide.Sell, 0.1m, 61_000m, fee: 2.44m);

        Assert.Equal(1_000m - 2.4m - 0.6m + 100m - 2.44m, _f.Portfolio.Balance(Usdm, "USDT"));
        Assert.Equal(5_000m - 600m, _f.Portfolio.Balance(Spot, "USDT"));
        Assert.Equal(0.00999m, _f.Portfolio.Balance(Spot, "BTC"));
        Assert.Equal(0m, _f.Portfolio.Balance(Usdm, "BTC"));
        Assert.Equal(1_094.56m + 4_400m, _f.Portfolio.Balance("USDT")); // the total over accounts
        Assert.Equal(Usdm, _f.Portfolio.AccountOf(Btc));
        Assert.Equal(Spot, _f.Portfolio.AccountOf(BtcSpot));
        Assert.Contains(Usdm, _f.Portfolio.Accounts);
        Assert.Contains(Spot, _f.Portfolio.Accounts);
        Assert.Equal(["BTC", "USDT"], _f.Portfolio.AssetsOf(Spot).Order(StringComparer.Ordinal));
        Assert.Equal(["USDT"], _f.Portfolio.AssetsOf(Usdm));
    }

    [Fact]
    public void A_snapshot_sets_only_the_balance_of_the_account_it_names()
    {
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m, fee: 2.4m);

        Snapshot(Spot, "USDT", 4_999.5m);

        Assert.Equal(4_999.5m, _f.Portfolio.Balance(Spot, "USDT"));
        Assert.Equal(997.6m, _f.Portfolio.Balance(Usdm, "USDT"));
        Assert.Equal(1, _f.Portfolio.BalanceCorrections);

        Snapshot(Usdm, "USDT", 997.6m); // agrees: no correction
        Assert.Equal(1, _f.Portfolio.BalanceCorrections);
    }

    [Fact]
    public void Equity_margin_unrealised_and_the_days_pnl_are_per_account_and_add_up_to_the_totals()
    {
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m, fee: 2.4m);
        _f.Fill(BtcSpot, OrderSide.Buy, 0.01m, 60_000m, fee: 0.6m);
        _f.Mark(Btc, 61_000m); // values BTC at 61,000 too
        _f.Portfolio.OnLastPrice(BtcSpot, Price.FromDecimal(61_000m, 2));

        Assert.Equal(997.6m + 100m, _f.Portfolio.AccountEquity(Usdm));
        Assert.Equal(4_399.4m + 610m, _f.Portfolio.AccountEquity(Spot)); // the spot BTC is in the balances
        Assert.Equal(_f.Portfolio.Equity, _f.Portfolio.AccountEquity(Usdm) + _f.Portfolio.AccountEquity(Spot));
        Assert.Equal(305m, _f.Portfolio.AccountMarginUsed(Usdm)); // 6,100 / 20
        Assert.Equal(0m, _f.Portfolio.AccountMarginUsed(Spot));
        Assert.Equal(100m, _f.Portfolio.AccountUnrealizedPnl(Usdm));
        Assert.Equal(97.6m, _f.Portfolio.AccountDailyPnl(Usdm));
        Assert.Equal(9.4m, _f.Portfolio.AccountDailyPnl(Spot)); // +10 on the spot BTC, −0.6 fee
        Assert.Equal(_f.Portfolio.DailyPnl, _f.Portfolio.AccountDailyPnl(Usdm) + _f.Portfolio.AccountDailyPnl(Spot));
        Assert.Equal(6_100m, _f.Portfolio.AccountPositionNotional(Usdm));
    }

    [Fact]
    public void A_cross_liquidation_price_uses_only_its_own_accounts_wallet_and_positions()
    {
        // Two USDⓈ-M accounts: BTCUSDT in "usdm" with 1,000 USDT, ETHUSDT in "big" with a million and a losing long.
        var big = new VenueAccount(Venue.Binance, "big");
        _f.Portfolio.AssignAccount(Eth, "big");
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m, fee: 3m);
        var alone = _f.Portfolio.LiquidationPrice(Btc);

        Snapshot(big, "USDT", 1_000_000m);
        _f.Fill(Eth, OrderSide.Buy, 10m, 3_000m);
        _f.Mark(Eth, 2_000m);

        Assert.Equal(alone, _f.Portfolio.LiquidationPrice(Btc));
        // LP = (997 − 6,000) / (0.1 × 0.004 − 0.1) = 50,230.923… → 50,230.9 (the hand-computed single-account price).
        Assert.Equal(50_230.9m, alone);
    }
    [Fact]
    public void Each_account_has_its_own_equity_curve_sampled_with_the_total_whose_points_are_their_sums()
    {
        // The first sample came with the first snapshot, the USDⓈ-M account's, before the spot account's arrived.
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m, fee: 2.4m);
        _f.Mark(Btc, 61_000m);
        _f.Time.Advance(TimeSpan.FromMinutes(1));
        _f.Portfolio.SampleEquity();
        _f.Fill(BtcSpot, OrderSide.Buy, 0.01m, 60_000m, fee: 0.6m);
        _f.Portfolio.OnLastPrice(BtcSpot, Price.FromDecimal(59_000m, 2));
        _f.Time.Advance(TimeSpan.FromMinutes(1));
        _f.Portfolio.SampleEquity();

        var usdm = _f.Portfolio.AccountEquityCurve(Usdm)!.ToArray();
        var spot = _f.Portfolio.AccountEquityCurve(Spot)!.ToArray();
        var total = _f.Portfolio.EquityCurve.ToArray();

        Assert.Equal([1_000m, 1_097.6m, 1_097.6m], usdm.Select(p => p.Equity)); // the perpetual's fee, then +100 unrealised
        Assert.Equal([0m, 5_000m, 4_989.4m], spot.Select(p => p.Equity)); // 4,399.4 USDT + 0.01 BTC at 59,000
        Assert.Equal(total.Select(p => p.Timestamp), usdm.Select(p => p.Timestamp));
        Assert.Equal(total.Select(p => p.Timestamp), spot.Select(p => p.Timestamp));
        Assert.Equal(total.Select(p => p.Equity), usdm.Zip(spot, (u, s) => u.Equity + s.Equity));
        Assert.Null(_f.Portfolio.AccountEquityCurve(new VenueAccount(Venue.Okx, "none")));
    }
}
