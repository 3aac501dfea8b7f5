using FlowSight.Core;
using Xunit;
using static FlowSight.Engine.Tests.Portfolio.PortfolioFixture;

namespace FlowSight.Engine.Tests.Portfolio;

/// <summary>
/// Funding announced by <see cref="FundingRate"/> events (OKX <c>funding-rate</c>: its <c>mark-price</c> carries no
/// funding): settled at the first mark at or after the funding time, once, on contracts × ctVal at the mark.
/// </summary>
public sealed class OkxFundingRateTests
{
    private const long FundingTime = 1_000_000;
    private readonly PortfolioFixture _f = new();

    [Fact]
    public void A_long_pays_a_positive_rate_on_contracts_times_ctval_at_the_first_mark_at_or_after_the_funding_time()
    {
        _f.Balance("USDT", 1_000m);
        _f.Fill(OkxSwap, OrderSide.Buy, 10m, 60_000m); // 10 contracts × 0.01 BTC

        Rate(OkxSwap, 0.0001m, FundingTime, eventTime: 1);
        _f.Mark(OkxSwap, 60_050m, eventTime: FundingTime - 1);
        Assert.Equal(0m, _f.Portfolio.TotalFunding); // announced, not yet due

        _f.Mark(OkxSwap, 60_100m, eventTime: FundingTime + 5);

        Assert.Equal(-0.601m, _f.Portfolio.GetPosition(OkxSwap).Funding); // 10 × 0.01 × 60,100 × 0.0001
        Assert.Equal(999.399m, _f.Portfolio.Balance("USDT"));
    }

    [Fact]
    public void A_funding_time_settles_once_even_when_announced_again_after_it_was_paid()
    {
        _f.Fill(OkxSwap, OrderSide.Buy, 10m, 60_000m);
        Rate(OkxSwap, 0.0001m, FundingTime, eventTime: 1);
        _f.Mark(OkxSwap, 60_000m, eventTime: FundingTime);

        Rate(OkxSwap, 0.0001m, FundingTime, eventTime: FundingTime + 1); // a late push still naming the settled time
        _f.Mark(OkxSwap, 60_000m, eventTime: FundingTime + 2);
        _f.Mark(OkxSwap, 60_000m, eventTime: (FundingTime * 2) + 1); // no later time was announced

        Assert.Equal(-0.6m, _f.Portfolio.TotalFunding);

        Rate(OkxSwap, -0.0002m, FundingTime * 3, eventTime: (FundingTime * 2) + 2);
        _f.Mark(OkxSwap, 60_000m, eventTime: FundingTime * 3);
        Assert.Equal(-0.6m + 1.2m, _f.Portfolio.TotalFunding); // a negative rate pays the long
    }

    [Fact]
    public void The_last_rate_announced_before_the_funding_time_is_the_one_settled()
    {
        _f.Fill(OkxSwap, OrderSide.Sell, 10m, 60_000m);
        Rate(OkxSwap, 0.0001m, FundingTime, eventTime: 1);
        Rate(OkxSwap, 0.0003m, FundingTime, eventTime: 2);

        _f.Mark(OkxSwap, 60_000m, eventTime: FundingTime);

        Assert.Equal(1.8m, _f.Portfolio.GetPosition(OkxSwap).Funding); // the short receives 6,000 × 0.0003
    }

    [Fact]
    public void Hedge_legs_settle_each_with_its_own_direction()
    {
        _f.Fill(OkxSwap, OrderSide.Buy, 10m, 60_000m, positionSide: PositionSide.Long);
        _f.Fill(OkxSwap, OrderSide.Sell, 4m, 60_000m, positionSide: PositionSide.Short);
        Rate(OkxSwap, 0.0001m, FundingTime, eventTime: 1);

        _f.Mark(OkxSwap, 60_000m, eventTime: FundingTime);

        Assert.Equal(-0.6m, _f.Portfolio.GetPosition(OkxSwap, PositionSide.Long).Funding);
        Assert.Equal(0.24m, _f.Portfolio.GetPosition(OkxSwap, PositionSide.Short).Funding);
        Assert.Equal(-0.36m, _f.Portfolio.Balance("USDT"));
    }

    [Fact]
    public void A_funding_time_announced_by_both_the_mark_and_a_funding_rate_settles_once()
    {
        _f.Fill(Btc, OrderSide.Buy, 0.1m, 60_000m);
        _f.Mark(Btc, 60_000m, fundingRate: 0.0001m, nextFundingTime: FundingTime, eventTime: 1);
        Rate(Btc, 0.0001m, FundingTime, eventTime: 2);

        _f.Mark(Btc, 60_000m, fundingRate: 0.0001m, nextFundingTime: FundingTime * 2, eventTime: FundingTime);
        Rate(Btc, 0.0001m, FundingTime, eventTime: FundingTime + 1); // the settled time again: ignored
        _f.Mark(Btc, 60_000m, fundingRate: 0.0001m, nextFundingTime: FundingTime * 2, eventTime: FundingTime + 2);

        Assert.Equal(-0.6m, _f.Portfolio.TotalFunding);
    }

    [Fact]
    public void A_rate_for_an_instrument_the_portfolio_does_not_track_is_ignored()
    {
        _f.Portfolio.OnFundingRate(new FundingRate(InstrumentId.Parse("ETH-USDT-SWAP.OKX"), 0.0001m, FundingTime, 8, 1, 1));

        Assert.Equal(0m, _f.Portfolio.TotalFunding);
    }

    private void Rate(InstrumentId instrument, decimal rate, long fundingTime, long eventTime) =>
        _f.Portfolio.OnFundingRate(new FundingRate(instrument, rate, fundingTime, 8, eventTime, eventTime));
}
