using FlowSight.Core;
using FlowSight.Engine.Portfolio;
using Microsoft.Extensions.Time.Testing;

namespace FlowSight.Engine.Tests.Portfolio;

/// <summary>A portfolio over a Binance BTCUSDT perpetual and spot pair, an OKX swap (0.01 BTC per contract) and a fake clock.</summary>
internal sealed class PortfolioFixture
{
    public static readonly InstrumentId Btc = InstrumentId.Parse("BTCUSDT-PERP.BINANCE");
    public static readonly InstrumentId Eth = InstrumentId.Parse("ETHUSDT-PERP.BINANCE");
    public static readonly InstrumentId BtcSpot = InstrumentId.Parse("BTCUSDT.BINANCE");
    public static readonly InstrumentId OkxSwap = InstrumentId.Parse("BTC-USDT-SWAP.OKX");

    public static readonly Instrument BtcSpec = new()
    {
        Id = Btc,
        VenueSymbol = "BTCUSDT",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "BTC",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.FromDecimal(0.1m, 1),
        StepSize = Quantity.FromDecimal(0.001m, 3),
        MinQuantity = Quantity.FromDecimal(0.001m, 3),
        MinNotional = Money.FromDecimal(100m, 2),
        MaxLeverage = 125m,
        MakerFee = 0.0002m,
        TakerFee = 0.0005m,
    };

    public static readonly Instrument EthSpec = new()
    {
        Id = Eth,
        VenueSymbol = "ETHUSDT",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "ETH",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.FromDecimal(0.01m, 2),
        StepSize = Quantity.FromDecimal(0.001m, 3),
        MinQuantity = Quantity.FromDecimal(0.001m, 3),
        MinNotional = Money.FromDecimal(20m, 2),
        MaxLeverage = 100m,
    };

    public static readonly Instrument BtcSpotSpec = new()
    {
        Id = BtcSpot,
        VenueSymbol = "BTCUSDT",
        Kind = InstrumentKind.Spot,
        BaseAsset = "BTC",
        QuoteAsset = "USDT",
        TickSize = Price.FromDecimal(0.01m, 2),
        StepSize = Quantity.FromDecimal(0.00001m, 5),
        MinQuantity = Quantity.FromDecimal(0.00001m, 5),
        MinNotional = Money.FromDecimal(5m, 2),
    };

    public static readonly Instrument OkxSwapSpec = new()
    {
        Id = OkxSwap,
        VenueSymbol = "BTC-USDT-SWAP",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "BTC",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.FromDecimal(0.1m, 1),
        StepSize = Quantity.FromDecimal(0.01m, 2),
        MinQuantity = Quantity.FromDecimal(0.01m, 2),
        ContractMultiplier = 0.01m,
        MaxLeverage = 100m,
    };

    private int _trades;

    public PortfolioFixture(DateTimeOffset? start = null, PortfolioOptions? options = null)
    {
        Time = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        Portfolio = new FlowSight.Engine.Portfolio.Portfolio(options, Time);
        Portfolio.AddInstrument(BtcSpec);
        Portfolio.AddInstrument(EthSpec);
        Portfolio.AddInstrument(BtcSpotSpec);
        Portfolio.AddInstrument(OkxSwapSpec);
    }

    public FakeTimeProvider Time { get; }

    public FlowSight.Engine.Portfolio.Portfolio Portfolio { get; }

    public static OrderFilled FillOf(
        InstrumentId instrument, OrderSide side, decimal quantity, decimal price, decimal fee = 0m, string feeAsset = "USDT",
        PositionSide positionSide = PositionSide.Both, string tradeId = "1") => new()
    {
        ClientOrderId = ClientOrderId.Parse("c-" + tradeId),
        VenueOrderId = VenueOrderId.FromNumber(1),
        Instrument = instrument,
        TradeId = tradeId,
        Side = side,
        LastPrice = Price.FromDecimal(price, 2),
        LastQuantity = Quantity.FromDecimal(quantity, 5),
        FilledQuantity = Quantity.FromDecimal(quantity, 5),
        LeavesQuantity = Quantity.FromDecimal(0m, 5),
        Fee = Money.FromDecimal(fee, 8),
        FeeAsset = feeAsset,
        PositionSide = positionSide,
    };

    public void Fill(InstrumentId instrument, OrderSide side, decimal quantity, decimal price, decimal fee = 0m, string feeAsset = "USDT", PositionSide positionSide = PositionSide.Both) =>
        Portfolio.OnFill(FillOf(instrument, side, quantity, price, fee, feeAsset, positionSide, (++_trades).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public void Mark(InstrumentId instrument, decimal mark, decimal fundingRate = 0m, long nextFundingTime = 0, long eventTime = 1)
    {
        var price = Price.FromDecimal(mark, 2);
        Portfolio.OnMarkPrice(new MarkPrice(instrument, price, price, default, fundingRate, nextFundingTime, eventTime, eventTime));
    }

    public void Balance(string asset, decimal total) =>
        Portfolio.OnBalanceReport(new BalanceReport { IsSnapshot = true, Venue = Venue.Binance, Account = string.Empty, Asset = asset, Total = total, Free = total });
}
