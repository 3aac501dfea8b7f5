using System.Text.Json;
using FlowSight.TestKit;
using Xunit;

namespace FlowSight.Engine.Tests.Instruments;

/// <summary>The hand-built specs of <see cref="RecordedSpecs"/> carry the numbers the venues published.</summary>
public sealed class RecordedSpecsTests
{
    [Fact]
    public void Binance_specs_match_the_recorded_exchange_info()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(SharedData.Require(RecordedSpecs.BinanceExchangeInfo)));
        var symbols = doc.RootElement.GetProperty("symbols").EnumerateArray().ToDictionary(s => s.GetProperty("symbol").GetString()!);

        AssertBinance(symbols["BTCUSDT"], "BTC", "0.01", "0.001");
        AssertBinance(symbols["1000SHIBUSDT"], "1000SHIB", "0.000001", "1");
        Assert.Equal(0.01m, RecordedSpecs.BinanceBtcUsdtPerp.TickSize.ToDecimal());
        Assert.Equal(RecordedSpecs.Binance1000ShibUsdtPerp.BaseAsset, symbols["1000SHIBUSDT"].GetProperty("baseAsset").GetString());
    }

    [Fact]
    public void Okx_specs_match_the_recorded_swap_instruments()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(SharedData.Require(RecordedSpecs.OkxSwapInstruments)));
        var instruments = doc.RootElement.GetProperty("data").EnumerateArray().ToDictionary(s => s.GetProperty("instId").GetString()!);

        var linear = instruments["BTC-USDT-SWAP"];
        Assert.Equal("linear", linear.GetProperty("ctType").GetString());
        Assert.Equal("BTC", linear.GetProperty("ctValCcy").GetString());
        Assert.Equal(RecordedSpecs.OkxBtcUsdtSwap.ContractMultiplier, decimal.Parse(linear.GetProperty("ctVal").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(RecordedSpecs.OkxBtcUsdtSwap.TickSize.ToString(), linear.GetProperty("tickSz").GetString());
        Assert.Equal(RecordedSpecs.OkxBtcUsdtSwap.StepSize.ToString(), linear.GetProperty("lotSz").GetString());

        var inverse = instruments["BTC-USD-SWAP"];
        Assert.Equal("inverse", inverse.GetProperty("ctType").GetString());
        Assert.Equal("USD", inverse.GetProperty("ctValCcy").GetString());
        Assert.Equal("BTC", inverse.GetProperty("settleCcy").GetString());
        Assert.Equal(RecordedSpecs.OkxBtcUsdSwap.ContractMultiplier, decimal.Parse(inverse.GetProperty("ctVal").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Gate_specs_match_the_recorded_usdt_contracts()
    {
        var line = File.ReadLines(SharedData.Require(RecordedSpecs.GateFuturesContracts)).First(l => l.Contains("futures/usdt/contracts ->", StringComparison.Ordinal));
        using var doc = JsonDocument.Parse(line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
        var contracts = doc.RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);

        AssertGate(contracts["BTC_USDT"], RecordedSpecs.GateBtcUsdtPerp);
        AssertGate(contracts["ETH_USDT"], RecordedSpecs.GateEthUsdtPerp);
        Assert.Equal("10000000", contracts["PEPE_USDT"].GetProperty("quanto_multiplier").GetString());
        Assert.Equal("0.00000000001", contracts["PEPE_USDT"].GetProperty("order_price_round").GetString());
    }

    private static void AssertBinance(JsonElement symbol, string baseAsset, string tick, string step)
    {
        Assert.Equal(baseAsset, symbol.GetProperty("baseAsset").GetString());
        var filters = symbol.GetProperty("filters").EnumerateArray().ToDictionary(f => f.GetProperty("filterType").GetString()!);
        Assert.Equal(tick, filters["PRICE_FILTER"].GetProperty("tickSize").GetString());
        Assert.Equal(step, filters["LOT_SIZE"].GetProperty("stepSize").GetString());
    }

    private static void AssertGate(JsonElement contract, Core.Instrument spec)
    {
        Assert.Equal(spec.ContractMultiplier, decimal.Parse(contract.GetProperty("quanto_multiplier").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(spec.TickSize.ToDecimal(), decimal.Parse(contract.GetProperty("order_price_round").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(spec.MinQuantity.ToDecimal(), contract.GetProperty("order_size_min").GetDecimal());
    }
}
