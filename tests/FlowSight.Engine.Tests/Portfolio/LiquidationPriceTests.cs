using FlowSight.Core;
using FlowSight.Engine.Portfolio;
using Xunit;
using static FlowSight.Engine.Tests.Portfolio.PortfolioFixture;

namespace FlowSight.Engine.Tests.Portfolio;

/// <summary>
/// Binance USDⓈ-M liquidation prices on the paper venue's hand-computed BTCUSDT scenario (bracket 1: to 50,000 USDT
/// at 0.4 %, cum 0): a 20× long of 0.1 BTC at 60,000 with 1,000 USDT, 3 USDT taker fee, funding 0.01 % at mark 60,100.
/// </summary>
public sealed class LiquidationPriceTests
{
    private const long FundingTime = 1_000;
    private readonly PortfolioFixture _f = new();

    [Fact]
    public void Cross_long_after_fee_and_funding_matches_the_hand_computed_binance_price()
    {
        _f.Balance("USDT", 1_000m);
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m, fee: 3m);
        _f.Mark(Btc, 60_100m, fundingRate: 0.0001m, nextFundingTime: FundingTime, eventTime: 1);
        Assert.Equal(10m, _f.Portfolio.GetPosition(Btc).UnrealizedPnl);
        _f.Mark(Btc, 60_100m, eventTime: FundingTime);
        Assert.Equal(996.399m, _f.Portfolio.Balance("USDT"));

        // LP = (996.399 + 0 − 0.1 × 60,000) / (0.1 × 0.004 − 0.1) = 50,236.957831… → 50,236.9 (long: rounded down).
        Assert.Equal(50_236.9m, _f.Portfolio.LiquidationPrice(Btc));
    }

    [Fact]
    public void Isolated_long_uses_only_its_isolated_wallet()
    {
        _f.Balance("USDT", 1_000m);
        _f.Portfolio.SetMarginMode(Btc, MarginMode.Isolated);
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m, fee: 3m);
        Assert.Equal(300m, _f.Portfolio.GetPosition(Btc).IsolatedMargin); // 6,000 / 20
        _f.Mark(Btc, 60_100m, fundingRate: 0.0001m, nextFundingTime: FundingTime, eventTime: 1);
        _f.Mark(Btc, 60_100m, eventTime: FundingTime);

        var position = _f.Portfolio.GetPosition(Btc);
        Assert.Equal(299.399m, position.IsolatedMargin); // funding comes out of the isolated wallet
        // LP = (299.399 − 6,000) / (0.1 × 0.004 − 0.1) = 57,234.949799… → 57,234.9.
        Assert.Equal(57_234.9m, position.LiquidationPrice);
    }

    [Fact]
    public void Isolated_short_rounds_up_toward_the_mark()
    {
        _f.Balance("USDT", 1_000m);
        _f.Portfolio.SetMarginMode(Btc, MarginMode.Isolated);

        _f.Fill(Btc, OrderSide.Sell, 0.1m, 60_000m);

        // LP = (300 + 0 + 6,000) / (0.1 × 0.004 + 0.1) = 62,749.00398… → 62,749.1 (short: rounded up).
        Assert.Equal(62_749.1m, _f.Portfolio.LiquidationPrice(Btc));
    }

    [Fact]
    public void Cross_counts_the_other_cross_positions_maintenance_margin_and_unrealised_pnl()
    {
        _f.Balance("USDT", 1_000m);
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m);
        _f.Fill(Eth, OrderSide.Sell, 1m, 3_000m);
        _f.Mark(Eth, 3_100m);

        // ETH: notional 3,100 in its first bracket (0.5 % for a 100× table): MM 15.5, UPNL −100.
        // LP = (1,000 − 15.5 − 100 + 0 − 0.1 × 60,000) / (0.1 × 0.004 − 0.1) = 51,360.441767… → 51,360.4.
        Assert.Equal(51_360.4m, _f.Portfolio.LiquidationPrice(Btc));
    }

    [Fact]
    public void A_position_no_positive_price_liquidates_has_none()
    {
        _f.Balance("USDT", 100_000m);

        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m);

        Assert.Null(_f.Portfolio.LiquidationPrice(Btc));
        Assert.Null(_f.Portfolio.LiquidationPrice(Eth)); // flat
    }
}
