using FlowSight.Cli.Commands;
using FlowSight.Core;
using Xunit;

namespace FlowSight.Cli.Tests;

/// <summary><c>flowsight spread</c>: one common instrument on several venues, consolidated on the engine.</summary>
public sealed class SpreadCommandTests
{
    [Fact]
    public async Task Binance_and_okx_perpetuals_consolidate_into_one_best_bid_and_offer()
    {
        await using var binance = await LocalVenues.BinanceUsdMAsync();
        await using var okx = await LocalVenues.OkxAsync();
        var key = CommonInstrumentKey.Parse("BTC/USDT-PERP");
        var output = new LineWatcher(line => line.Contains("venues 2", StringComparison.Ordinal));
        var options = new SpreadOptions(
            key,
            [MarketArgument.Parse("binance-usdm:BTCUSDT"), MarketArgument.Parse("okx:BTC-USDT-SWAP")],
            new Dictionary<CliMarket, Uri> { [CliMarket.BinanceUsdM] = binance.HttpBaseUri, [CliMarket.Okx] = okx.HttpBaseUri },
            Seconds: null);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = SpreadCommand.RunAsync(options, output, stop.Token);
        var line = await output.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();

        Assert.Equal(0, await run);
        Assert.StartsWith(line[..9], line, StringComparison.Ordinal);
        Assert.Contains("BTC/USDT-PERP best bid ", line, StringComparison.Ordinal);
        Assert.Contains(" BINANCE ", line, StringComparison.Ordinal);
        Assert.Contains(" OKX ", line, StringComparison.Ordinal);
        Assert.Contains("stale 0", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_listings_name_each_venues_symbol_for_the_instrument()
    {
        var perp = SpreadCommand.DefaultMarkets(CommonInstrumentKey.Parse("ETH/USDT-PERP"));
        Assert.Equal(["binance-usdm:ETHUSDT", "okx:ETH-USDT-SWAP", "gate-usdt:ETH_USDT"], perp.Select(m => $"{MarketArgument.NameOf(m.Market)}:{m.Symbols[0]}"));
        var spot = SpreadCommand.DefaultMarkets(CommonInstrumentKey.Parse("ETH/USDT"));
        Assert.Equal(["binance-spot:ETHUSDT", "okx:ETH-USDT", "gate-spot:ETH_USDT"], spot.Select(m => $"{MarketArgument.NameOf(m.Market)}:{m.Symbols[0]}"));
    }
}
