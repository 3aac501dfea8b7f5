using FlowSight.Core;
using FlowSight.Simulator.Accounts;
using FlowSight.Simulator.Orders;
using Xunit;
using static FlowSight.Simulator.Tests.Accounts.AccountFixtures;

namespace FlowSight.Simulator.Tests.Accounts;

/// <summary>
/// Hand-computed USDⓈ-M scenarios on BTCUSDT (tick 0.1, step 0.001, maker 0.02 %, taker 0.05 %, Binance brackets:
/// bracket 1 to 50,000 USDT at 0.4 %, cum 0): a 20× long of 0.1 BTC at 60,000 with 1,000 USDT, a funding settlement
/// at mark 60,100 and rate 0.01 %, then the mark falls into liquidation — cross and isolated on the same moves.
/// </summary>
public sealed class PerpetualScenarioTests
{
    private const int Cross = 1;
    private const int Isolated = 2;
    private const int Maker = 9;
    private static readonly InstrumentId Btc = BtcUsdtPerp.Id;

    private readonly RecordingAccountSink _sink = new();
    private readonly SimulatedAccounts _accounts;

    public PerpetualScenarioTests()
    {
        _accounts = new SimulatedAccounts([BtcUsdtPerp, EthUsdtPerp, BtcUsdtSpot], _sink);
        _accounts.Deposit(Cross, WalletKind.Futures, "USDT", Usdt("1000"), 1);
        _accounts.Deposit(Isolated, WalletKind.Futures, "USDT", Usdt("1000"), 1);
        _accounts.Deposit(Maker, WalletKind.Futures, "USDT", Usdt("100000"), 1);
        _accounts.SetMarginType(Isolated, Btc, MarginType.Isolated);
        Assert.Equal(RejectReason.None, _accounts.SetLeverage(Cross, Btc, 20));
        Assert.Equal(RejectReason.None, _accounts.SetLeverage(Isolated, Btc, 20));
    }

    [Fact]
    public void Opening_a_20x_long_charges_the_taker_fee_and_holds_initial_margin()
    {
        var order = BuyAtMarket(Cross, orderId: 11, "60000.0");

        Assert.Equal(Usdt("3"), order.Commission); // 6,000 × 0.0005
        Assert.Equal("USDT", order.CommissionAsset);
        Assert.Equal(Usdt("0"), order.RealizedPnl);
        var balance = _accounts.GetFuturesBalance(Cross, "USDT");
        Assert.Equal(Usdt("997"), balance.WalletBalance);
        Assert.Equal(Usdt("300"), balance.CrossInitialMargin); // 6,000 / 20
        Assert.Equal(Usdt("24"), balance.CrossMaintenanceMargin); // 6,000 × 0.004 − 0
        Assert.Equal(Usdt("0"), balance.OpenOrderInitialMargin);
        Assert.Equal(Usdt("697"), balance.AvailableBalance);
        var position = _accounts.GetPosition(Cross, Btc);
        Assert.Equal(PositionDirection.Long, position.Direction);
        Assert.Equal(Qty("0.1"), position.Size);
        Assert.Equal(Price.Parse("60000"), position.EntryPrice);
        Assert.Equal(Usdt("6000"), position.EntryNotional);
    }

    [Fact]
    public void The_maker_pays_the_maker_fee_and_receives_funding_as_the_short()
    {
        var sell = Order(Maker, BtcUsdtPerp, OrderSide.Sell, OrderType.Limit, "0.1", "60000.0");
        Assert.Equal(RejectReason.None, _accounts.Admit(sell, sell.Price));
        var resting = New(50, sell);
        _accounts.Apply(resting);
        Assert.Equal(Usdt("300"), _accounts.GetFuturesBalance(Maker, "USDT").OpenOrderInitialMargin);

        var filled = _accounts.Apply(Fill(resting, "0.1", "60000.0", "0.1", LiquiditySide.Maker));
        Assert.Equal(Usdt("1.2"), filled.Commission); // 6,000 × 0.0002
        Assert.Equal(Usdt("0"), _accounts.GetFuturesBalance(Maker, "USDT").OpenOrderInitialMargin);

        _accounts.OnMarkPrice(Btc, Px("60100.0"));
        _accounts.SettleFunding(Btc, 0.0001m, 2);

        var payment = Assert.Single(_sink.Of<FundingPayment>());
        Assert.Equal(Usdt("0.601"), payment.Amount); // 6,010 × 0.0001, received by the short
        Assert.Equal(Usdt("100000") - Usdt("1.2") + Usdt("0.601"), _accounts.GetFuturesBalance(Maker, "USDT").WalletBalance);
    }

    [Fact]
    public void Cross_long_through_funding_into_liquidation_is_exact_to_the_unit()
    {
        BuyAtMarket(Cross, orderId: 11, "60000.0");

        _accounts.OnMarkPrice(Btc, Px("60100.0"));
        Assert.Equal(Usdt("10"), _accounts.GetPosition(Cross, Btc).UnrealizedPnl);
        _accounts.SettleFunding(Btc, 0.0001m, 1_000);

        var payment = Assert.Single(_sink.Of<FundingPayment>());
        Assert.Equal(Usdt("6010"), payment.PositionNotional);
        Assert.Equal(Usdt("-0.601"), payment.Amount); // the long pays 6,010 × 0.0001
        var funding = _sink.Of<BalanceUpdate>().Last();
        Assert.Equal(AccountUpdateReason.FundingFee, funding.Reason);
        Assert.Equal(Usdt("996.399"), funding.WalletBalance);
        Assert.Equal(Usdt("-0.601"), funding.BalanceChange);

        // LP = (996.399 + 0 − 0.1 × 60,000) / (0.1 × 0.004 − 0.1) = 50,236.957831… → 50,236.9 (long: rounded down).
        Assert.Equal(Px("50236.9"), _accounts.GetPosition(Cross, Btc).LiquidationPrice);

        _accounts.OnMarkPrice(Btc, Px("50237.0"));
        var balance = _accounts.GetFuturesBalance(Cross, "USDT");
        Assert.Equal(Usdt("20.099"), balance.CrossMarginBalance); // 996.399 + (5,023.70 − 6,000)
        Assert.Equal(Usdt("20.0948"), balance.CrossMaintenanceMargin); // 5,023.70 × 0.004
        Assert.Empty(Candidates());

        _accounts.OnMarkPrice(Btc, Px("50236.9"));
        var candidate = Assert.Single(Candidates());
        Assert.Equal(new LiquidationCandidate(Cross, Btc, PositionSide.Both, MarginType.Cross), candidate);

        Assert.True(_accounts.TryLiquidate(candidate, orderId: 99, timestamp: 2_000, out var fill));

        // Bankruptcy: the 996.399 wallet is used up at (6,000 − 996.399) / 0.1 = 50,036.01 → 50,036.1 (long: up).
        Assert.Equal(ExecutionType.Liquidation, fill.ExecutionType);
        Assert.Equal(OrderStatus.Filled, fill.Status);
        Assert.Equal(OrderSide.Sell, fill.Side);
        Assert.Equal(Qty("0.1"), fill.LastQuantity);
        Assert.Equal(Px("50036.1"), fill.LastPrice);
        Assert.Equal(99, fill.OrderId);
        Assert.Equal(Usdt("-996.39"), fill.RealizedPnl); // 5,003.61 − 6,000
        var liquidation = Assert.Single(_sink.Of<LiquidationEvent>());
        Assert.Equal(Usdt("20.089"), liquidation.MarginBalance); // 996.399 + 5,023.69 − 6,000
        Assert.Equal(Usdt("20.09476"), liquidation.MaintenanceMargin);
        // Insurance: 0.1 × (50,236.9 − 50,036.1) = 20.08 plus the 0.009 rounding left in the wallet = the margin balance.
        Assert.Equal(Usdt("20.089"), liquidation.InsuranceFundChange);
        Assert.Equal(Usdt("20.089"), _accounts.InsuranceFund("USDT"));
        var clear = _sink.Of<BalanceUpdate>().Last();
        Assert.Equal(AccountUpdateReason.InsuranceClear, clear.Reason);
        Assert.Equal(Usdt("-0.009"), clear.BalanceChange);

        var after = _accounts.GetFuturesBalance(Cross, "USDT");
        Assert.Equal(Usdt("0"), after.WalletBalance);
        Assert.Equal(PositionDirection.Flat, _accounts.GetPosition(Cross, Btc).Direction);
        // Everything deposited is accounted for: fee 3 + funding 0.601 + realised 996.39 + clearance 0.009 = 1,000.
        Assert.Equal(Usdt("1000"), Usdt("3") + Usdt("0.601") + Usdt("996.39") + Usdt("0.009"));
    }

    [Fact]
    public void Isolated_and_cross_on_the_same_moves_the_isolated_long_goes_first_and_loses_only_its_margin()
    {
        BuyAtMarket(Cross, orderId: 11, "60000.0");
        BuyAtMarket(Isolated, orderId: 12, "60000.0");

        var isolatedPosition = _accounts.GetPosition(Isolated, Btc);
        Assert.Equal(Usdt("300"), isolatedPosition.IsolatedWallet); // 6,000 / 20 moved out of the cross wallet
        var isolatedBalance = _accounts.GetFuturesBalance(Isolated, "USDT");
        Assert.Equal(Usdt("997"), isolatedBalance.WalletBalance);
        Assert.Equal(Usdt("697"), isolatedBalance.CrossWalletBalance);

        _accounts.OnMarkPrice(Btc, Px("60100.0"));
        _accounts.SettleFunding(Btc, 0.0001m, 1_000);
        Assert.Equal(Usdt("299.399"), _accounts.GetPosition(Isolated, Btc).IsolatedWallet); // funding from the isolated wallet
        Assert.Equal(Usdt("697"), _accounts.GetFuturesBalance(Isolated, "USDT").CrossWalletBalance);

        // Isolated LP = (299.399 − 6,000) / (0.1 × 0.004 − 0.1) = 57,234.949799… → 57,234.9; cross LP stays 50,236.9.
        Assert.Equal(Px("57234.9"), _accounts.GetPosition(Isolated, Btc).LiquidationPrice);
        Assert.Equal(Px("50236.9"), _accounts.GetPosition(Cross, Btc).LiquidationPrice);

        _accounts.OnMarkPrice(Btc, Px("57235.0"));
        Assert.Empty(Candidates());

        _accounts.OnMarkPrice(Btc, Px("57234.9"));
        var candidate = Assert.Single(Candidates());
        Assert.Equal(new LiquidationCandidate(Isolated, Btc, PositionSide.Both, MarginType.Isolated), candidate);
        Assert.True(_accounts.TryLiquidate(candidate, orderId: 98, timestamp: 2_000, out var fill));

        // Bankruptcy (6,000 − 299.399) / 0.1 = 57,006.01 → 57,006.1; realised 5,700.61 − 6,000 = −299.39.
        Assert.Equal(Px("57006.1"), fill.LastPrice);
        Assert.Equal(Usdt("-299.39"), fill.RealizedPnl);
        var liquidation = Assert.Single(_sink.Of<LiquidationEvent>());
        Assert.Equal(Usdt("22.889"), liquidation.MarginBalance); // 299.399 + 5,723.49 − 6,000
        Assert.Equal(Usdt("22.889"), liquidation.InsuranceFundChange); // 0.1 × (57,234.9 − 57,006.1) + 0.009
        var after = _accounts.GetFuturesBalance(Isolated, "USDT");
        Assert.Equal(Usdt("697"), after.WalletBalance); // the cross wallet is untouched
        Assert.Equal(Usdt("697"), after.CrossWalletBalance);

        // The cross long on the same mark is still safe: margin balance 996.399 − 276.51 = 719.889 > 22.89396.
        Assert.Equal(Usdt("719.889"), _accounts.GetFuturesBalance(Cross, "USDT").CrossMarginBalance);

        _accounts.OnMarkPrice(Btc, Px("50236.9"));
        Assert.Equal(new LiquidationCandidate(Cross, Btc, PositionSide.Both, MarginType.Cross), Assert.Single(Candidates()));
    }

    [Fact]
    public void An_isolated_short_is_liquidated_at_and_above_its_liquidation_price_at_a_bankruptcy_price_rounded_down()
    {
        var request = Order(Isolated, BtcUsdtPerp, OrderSide.Sell, OrderType.Market, "0.1");
        Assert.Equal(RejectReason.None, _accounts.Admit(request, Px("60000.0")));
        var order = New(31, request);
        _accounts.Apply(order);
        _accounts.Apply(Fill(order, "0.1", "60000.0", "0.1", LiquiditySide.Taker));

        // LP = (300 + 0 + 6,000) / (0.1 × 0.004 + 0.1) = 62,749.00398… → 62,749.1 (short: rounded up).
        var position = _accounts.GetPosition(Isolated, Btc);
        Assert.Equal(PositionDirection.Short, position.Direction);
        Assert.Equal(Px("62749.1"), position.LiquidationPrice);
        Assert.Equal(Price.Parse("60000"), position.EntryPrice);

        _accounts.OnMarkPrice(Btc, Px("62749.0"));
        Assert.Empty(Candidates());
        _accounts.OnMarkPrice(Btc, Px("62749.1"));
        var candidate = Assert.Single(Candidates());
        Assert.True(_accounts.TryLiquidate(candidate, orderId: 97, timestamp: 3, out var fill));

        // Bankruptcy (6,000 + 300) / 0.1 = 63,000.0 exactly; the margin balance 300 − 274.91 = 25.09 goes to the fund.
        Assert.Equal(OrderSide.Buy, fill.Side);
        Assert.Equal(Px("63000.0"), fill.LastPrice);
        Assert.Equal(Usdt("-300"), fill.RealizedPnl);
        Assert.Equal(Usdt("25.09"), _accounts.InsuranceFund("USDT"));
        Assert.Equal(Usdt("697"), _accounts.GetFuturesBalance(Isolated, "USDT").WalletBalance);
    }

    [Fact]
    public void A_cross_breach_liquidates_every_cross_position_sharing_the_margin_balance_by_maintenance_margin()
    {
        BuyAtMarket(Cross, orderId: 11, "60000.0");
        var eth = Order(Cross, EthUsdtPerp, OrderSide.Buy, OrderType.Market, "1");
        Assert.Equal(RejectReason.None, _accounts.Admit(eth, Px("3000.00")));
        var ethOrder = New(12, eth);
        _accounts.Apply(ethOrder);
        _accounts.Apply(Fill(ethOrder, "1", "3000.00", "1", LiquiditySide.Taker));
        Assert.Equal(Usdt("995.5"), _accounts.GetFuturesBalance(Cross, "USDT").WalletBalance); // fees 3 + 1.5

        // ETH's generic table at 100×: 0.5 % below 5,000 → MM 15. BTC at 50,400: MB 995.5 − 960 = 35.5 > 20.16 + 15.
        _accounts.OnMarkPrice(Btc, Px("50400.0"));
        Assert.Empty(Candidates());
        _accounts.OnMarkPrice(Btc, Px("50390.0")); // MB 34.5 ≤ 20.156 + 15
        var candidates = Candidates();
        Assert.Equal(
            [new LiquidationCandidate(Cross, Btc, PositionSide.Both, MarginType.Cross), new LiquidationCandidate(Cross, EthUsdtPerp.Id, PositionSide.Both, MarginType.Cross)],
            candidates);

        Assert.True(_accounts.TryLiquidate(candidates[0], 90, 5, out var btcFill));
        // BTC's share 34.5 × 20.156 / 35.156 = 19.77989532; BP = (6,000 − 961 − 19.77989532) / 0.1 → 50,192.3.
        Assert.Equal(Px("50192.3"), btcFill.LastPrice);
        Assert.Equal(Usdt("-980.77"), btcFill.RealizedPnl);
        Assert.True(_accounts.TryLiquidate(candidates[1], 91, 5, out var ethFill));
        // ETH takes what is left: wallet 14.73 at UPNL 0 → BP 2,985.27.
        Assert.Equal(Px("2985.27"), ethFill.LastPrice);
        Assert.Equal(Usdt("-14.73"), ethFill.RealizedPnl);

        Assert.Equal(Usdt("0"), _accounts.GetFuturesBalance(Cross, "USDT").WalletBalance);
        Assert.Equal(Usdt("34.5"), _accounts.InsuranceFund("USDT")); // 19.77 + 14.73 = the margin balance at the breach
        Assert.False(_accounts.TryLiquidate(candidates[1], 92, 5, out _));
    }

    [Fact]
    public void Adding_isolated_margin_moves_the_liquidation_price_and_removing_it_is_bounded_by_the_initial_margin()
    {
        BuyAtMarket(Isolated, orderId: 12, "60000.0"); // isolated wallet 300, cross wallet 697

        Assert.Equal(RejectReason.None, _accounts.TransferIsolatedMargin(Isolated, Btc, PositionSide.Both, Usdt("200"), 3));
        var position = _accounts.GetPosition(Isolated, Btc);
        Assert.Equal(Usdt("500"), position.IsolatedWallet);
        // LP = (500 − 6,000) / (0.1 × 0.004 − 0.1) = 55,220.88353… → 55,220.8.
        Assert.Equal(Px("55220.8"), position.LiquidationPrice);
        Assert.Equal(Usdt("497"), _accounts.GetFuturesBalance(Isolated, "USDT").CrossWalletBalance);
        Assert.Equal(AccountUpdateReason.MarginTransfer, _sink.Of<PositionUpdate>().Last().Reason);

        Assert.Equal(RejectReason.InsufficientMargin, _accounts.TransferIsolatedMargin(Isolated, Btc, PositionSide.Both, Usdt("-200.01"), 4)); // below IM 300
        Assert.Equal(RejectReason.None, _accounts.TransferIsolatedMargin(Isolated, Btc, PositionSide.Both, Usdt("-200"), 4));
        Assert.Equal(RejectReason.InsufficientMargin, _accounts.TransferIsolatedMargin(Isolated, Btc, PositionSide.Both, Usdt("697.01"), 5));
        Assert.Equal(RejectReason.InvalidOrderType, _accounts.TransferIsolatedMargin(Cross, Btc, PositionSide.Both, Usdt("1"), 5));

        Assert.Equal(RejectReason.InsufficientBalance, _accounts.Withdraw(Isolated, WalletKind.Futures, "USDT", Usdt("697.01"), 6));
        Assert.Equal(RejectReason.None, _accounts.Withdraw(Isolated, WalletKind.Futures, "USDT", Usdt("697"), 6));
        Assert.Equal(Usdt("300"), _accounts.GetFuturesBalance(Isolated, "USDT").WalletBalance);
    }

    [Fact]
    public void An_order_through_the_mark_holds_its_open_loss_on_top_of_its_initial_margin()
    {
        _accounts.OnMarkPrice(Btc, Px("60000.0"));
        var buyAbove = Order(Cross, BtcUsdtPerp, OrderSide.Buy, OrderType.Limit, "0.1", "60500.0");
        Assert.Equal(RejectReason.None, _accounts.Admit(buyAbove, buyAbove.Price));
        _accounts.Apply(New(41, buyAbove));
        // 6,050 / 20 = 302.5, plus (60,500 − 60,000) × 0.1 = 50 of open loss.
        Assert.Equal(Usdt("352.5"), _accounts.GetFuturesBalance(Cross, "USDT").OpenOrderInitialMargin);

        var sellAbove = Order(Cross, BtcUsdtPerp, OrderSide.Sell, OrderType.Limit, "0.1", "60500.0");
        Assert.Equal(RejectReason.None, _accounts.Admit(sellAbove, sellAbove.Price));
        _accounts.Apply(New(42, sellAbove));
        Assert.Equal(Usdt("655"), _accounts.GetFuturesBalance(Cross, "USDT").OpenOrderInitialMargin); // + 302.5, no open loss

        var tooFar = Order(Cross, BtcUsdtPerp, OrderSide.Buy, OrderType.Limit, "0.05", "66000.0");
        Assert.Equal(RejectReason.InsufficientMargin, _accounts.Admit(tooFar, tooFar.Price)); // 165 + 300 > 345 available
        _accounts.Apply(Canceled(New(41, buyAbove), "0"));
        _accounts.Apply(Canceled(New(42, sellAbove), "0"));
        Assert.Equal(Usdt("0"), _accounts.GetFuturesBalance(Cross, "USDT").OpenOrderInitialMargin);
    }

    [Fact]
    public void Closing_part_of_a_long_realises_pnl_on_the_closed_share_of_the_entry()
    {
        BuyAtMarket(Cross, orderId: 11, "60000.0");
        BuyAtMarket(Cross, orderId: 12, "60200.0"); // entry 12,020 for 0.2 → 60,100

        var sell = Order(Cross, BtcUsdtPerp, OrderSide.Sell, OrderType.Limit, "0.05", "61000.0");
        Assert.Equal(RejectReason.None, _accounts.Admit(sell, sell.Price));
        var resting = New(13, sell);
        _accounts.Apply(resting);
        Assert.Equal(Usdt("0"), _accounts.GetFuturesBalance(Cross, "USDT").OpenOrderInitialMargin); // closes: no margin
        var filled = _accounts.Apply(Fill(resting, "0.05", "61000.0", "0.05", LiquiditySide.Maker));

        Assert.Equal(Usdt("45"), filled.RealizedPnl); // 3,050 − 12,020 × 0.05 / 0.2 = 3,050 − 3,005
        Assert.Equal(Usdt("0.61"), filled.Commission); // 3,050 × 0.0002
        var position = _accounts.GetPosition(Cross, Btc);
        Assert.Equal(Qty("0.15"), position.Size);
        Assert.Equal(Usdt("9015"), position.EntryNotional);
        Assert.Equal(Price.Parse("60100"), position.EntryPrice);
        Assert.Equal(Usdt("45"), position.RealizedPnl);
        // 1,000 − 3 − 3.01 (fees of the opens) + 45 − 0.61
        Assert.Equal(Usdt("1038.38"), _accounts.GetFuturesBalance(Cross, "USDT").WalletBalance);
    }

    [Fact]
    public void Admission_refuses_what_the_account_cannot_carry()
    {
        var tooBig = Order(Cross, BtcUsdtPerp, OrderSide.Buy, OrderType.Limit, "0.4", "60000.0");
        Assert.Equal(RejectReason.InsufficientMargin, _accounts.Admit(tooBig, tooBig.Price)); // 24,000 / 20 = 1,200 > 1,000
        var fits = Order(Cross, BtcUsdtPerp, OrderSide.Buy, OrderType.Limit, "0.3", "60000.0");
        Assert.Equal(RejectReason.None, _accounts.Admit(fits, fits.Price)); // 900

        Assert.Equal(RejectReason.PositionSideMismatch, _accounts.Admit(fits with { PositionSide = PositionSide.Long }, fits.Price));
        Assert.Equal(RejectReason.ReduceOnlyRejected, _accounts.Admit(fits with { ReduceOnly = true }, fits.Price));
        Assert.Equal(RejectReason.UnknownInstrument, _accounts.Admit(fits with { Instrument = InstrumentId.Of("NOPE", Venue.Binance) }, fits.Price));

        Assert.Equal(RejectReason.LeverageTooHigh, _accounts.SetLeverage(Cross, Btc, 126));
        Assert.Equal(RejectReason.LeverageTooHigh, _accounts.SetLeverage(Cross, EthUsdtPerp.Id, 101));
        Assert.Equal(RejectReason.None, _accounts.SetLeverage(Cross, Btc, 125));
        // 125× allows 50,000 USDT of position (bracket 1's cap): 0.9 BTC at 60,000 = 54,000 is too much at that leverage.
        _accounts.Deposit(Cross, WalletKind.Futures, "USDT", Usdt("10000"), 2);
        var large = Order(Cross, BtcUsdtPerp, OrderSide.Buy, OrderType.Limit, "0.9", "60000.0");
        Assert.Equal(RejectReason.LeverageTooHigh, _accounts.Admit(large, large.Price));
        Assert.Equal(RejectReason.None, _accounts.SetLeverage(Cross, Btc, 100));
        Assert.Equal(RejectReason.None, _accounts.Admit(large, large.Price));
    }

    [Fact]
    public void Hedge_mode_keeps_two_legs_and_closing_orders_reduce_their_leg_only()
    {
        _accounts.SetPositionMode(Cross, PositionMode.Hedge);
        var buyBoth = Order(Cross, BtcUsdtPerp, OrderSide.Buy, OrderType.Limit, "0.01", "60000.0");
        Assert.Equal(RejectReason.PositionSideMismatch, _accounts.Admit(buyBoth, buyBoth.Price));

        var openLong = Fill(New(21, buyBoth with { PositionSide = PositionSide.Long }), "0.01", "60000.0", "0.01", LiquiditySide.Taker);
        var openShort = Fill(New(22, buyBoth with { Side = OrderSide.Sell, PositionSide = PositionSide.Short }), "0.02", "60000.0", "0.02", LiquiditySide.Taker) with { Quantity = Qty("0.02") };
        _accounts.Apply(openLong);
        _accounts.Apply(openShort);

        Assert.Equal(Qty("0.01"), _accounts.GetPosition(Cross, Btc, PositionSide.Long).Size);
        Assert.Equal(Qty("0.02"), _accounts.GetPosition(Cross, Btc, PositionSide.Short).Size);
        Assert.Equal(Qty("0.01"), _accounts.ReduceOnlyCapacity(Cross, Btc, OrderSide.Sell, PositionSide.Long));
        Assert.Equal(Qty("0.02"), _accounts.ReduceOnlyCapacity(Cross, Btc, OrderSide.Buy, PositionSide.Short));
        Assert.Equal(Qty("0"), _accounts.ReduceOnlyCapacity(Cross, Btc, OrderSide.Buy, PositionSide.Long));

        var closeLong = Order(Cross, BtcUsdtPerp, OrderSide.Sell, OrderType.Limit, "0.01", "60500.0", positionSide: PositionSide.Long);
        Assert.Equal(RejectReason.None, _accounts.Admit(closeLong, closeLong.Price));
        var closed = _accounts.Apply(Fill(New(23, closeLong), "0.01", "60500.0", "0.01", LiquiditySide.Maker));
        Assert.Equal(Usdt("5"), closed.RealizedPnl);
        Assert.Equal(PositionDirection.Flat, _accounts.GetPosition(Cross, Btc, PositionSide.Long).Direction);
        Assert.Equal(Qty("0.02"), _accounts.GetPosition(Cross, Btc, PositionSide.Short).Size);
        Assert.Throws<InvalidOperationException>(() => _accounts.SetPositionMode(Cross, PositionMode.OneWay));
    }

    [Fact]
    public void A_one_way_fill_beyond_the_position_flips_it()
    {
        BuyAtMarket(Cross, orderId: 11, "60000.0");
        var sell = Order(Cross, BtcUsdtPerp, OrderSide.Sell, OrderType.Market, "0.15");
        Assert.Equal(RejectReason.None, _accounts.Admit(sell, Px("59000.0")));
        var order = New(12, sell);
        _accounts.Apply(order);
        var filled = _accounts.Apply(Fill(order, "0.15", "59000.0", "0.15", LiquiditySide.Taker));

        Assert.Equal(Usdt("-100"), filled.RealizedPnl); // 0.1 × (59,000 − 60,000)
        var position = _accounts.GetPosition(Cross, Btc);
        Assert.Equal(PositionDirection.Short, position.Direction);
        Assert.Equal(Qty("0.05"), position.Size);
        Assert.Equal(Usdt("2950"), position.EntryNotional);
    }

    private List<LiquidationCandidate> Candidates()
    {
        var list = new List<LiquidationCandidate>();
        _accounts.FindLiquidations(Btc, list);
        return list;
    }

    [Fact]
    public void Funding_alone_can_bring_a_position_to_liquidation()
    {
        BuyAtMarket(Cross, orderId: 11, "60000.0");
        _accounts.OnMarkPrice(Btc, Px("50400.0")); // MB 997 − 960 = 37 > 20.16
        Assert.Empty(Candidates());
        _accounts.SettleFunding(Btc, 0.003m, 7); // the long pays 5,040 × 0.003 = 15.12 → MB 21.88
        Assert.Empty(Candidates());
        _accounts.SettleFunding(Btc, 0.0004m, 8); // pays 2.016 → MB 19.864 ≤ 20.16
        Assert.Single(Candidates());
    }

    private OrderEvent BuyAtMarket(int account, long orderId, string price)
    {
        var request = Order(account, BtcUsdtPerp, OrderSide.Buy, OrderType.Market, "0.1");
        Assert.Equal(RejectReason.None, _accounts.Admit(request, Px(price)));
        var order = New(orderId, request);
        _accounts.Apply(order);
        return _accounts.Apply(Fill(order, "0.1", price, "0.1", LiquiditySide.Taker));
    }
}
