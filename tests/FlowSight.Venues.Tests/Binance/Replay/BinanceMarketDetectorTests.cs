using System.Text;
using FlowSight.TestKit;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Replay;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Replay;

/// <summary>The market of a recording, told from URLs and message shapes.</summary>
public sealed class BinanceMarketDetectorTests
{
    [Theory]
    [InlineData("wss://fstream.binance.com/stream?streams=btcusdt@depth", BinanceMarket.UsdM)]
    [InlineData("https://fapi.binance.com/fapi/v1/depth?symbol=SUSHIUSDT&limit=1000", BinanceMarket.UsdM)]
    [InlineData("wss://dstream.binance.com/stream?streams=btcusd_perp@depth", BinanceMarket.CoinM)]
    [InlineData("https://dapi.binance.com/dapi/v1/depth?symbol=BTCUSD_PERP", BinanceMarket.CoinM)]
    [InlineData("wss://stream.binance.com:9443/stream?streams=nknusdt@depth@100ms", BinanceMarket.Spot)]
    [InlineData("https://api.binance.com/api/v3/depth?symbol=NKNUSDT&limit=1000", BinanceMarket.Spot)]
    public void Urls_name_their_market(string url, BinanceMarket expected)
    {
        Assert.True(BinanceMarketDetector.TryDetectFromUrl(Encoding.UTF8.GetBytes(url), out var market));
        Assert.Equal(expected, market);
    }

    [Theory]
    [InlineData("binance/futures/ws/depthUpdate_BTCUSDT_combined.json", BinanceMarket.UsdM)]
    [InlineData("binance/futures/ws/trade_BTCUSDT_combined.json", BinanceMarket.UsdM)]
    [InlineData("binance/futures/ws/bookTicker_BTCUSDT_combined.json", BinanceMarket.UsdM)]
    [InlineData("binance/spot/ws/depthUpdate_BTCUSDT_100ms_combined.json", BinanceMarket.Spot)]
    [InlineData("binance/spot/ws/trade_BTCUSDT_combined.json", BinanceMarket.Spot)]
    [InlineData("binance/spot/ws/bookTicker_BTCUSDT_combined.json", BinanceMarket.Spot)]
    [InlineData("binance/spot/rest/depth_snapshot_BTCUSDT_limit1000_20240808.json", BinanceMarket.Spot)]
    public void Recorded_messages_show_their_market(string fixture, BinanceMarket expected)
    {
        var frame = File.ReadAllBytes(SharedData.Require(fixture));
        Assert.True(BinanceMarketDetector.TryDetectFromFrame(frame, out var market));
        Assert.Equal(expected, market);
    }

    [Fact]
    public void A_coin_margined_diff_is_told_by_its_symbol_and_a_futures_snapshot_alone_tells_nothing()
    {
        var coinm = "{\"stream\":\"btcusd_perp@depth\",\"data\":{\"e\":\"depthUpdate\",\"E\":1,\"T\":1,\"s\":\"BTCUSD_PERP\",\"ps\":\"BTCUSD\",\"U\":1,\"u\":2,\"pu\":0,\"b\":[],\"a\":[]}}"u8;
        Assert.True(BinanceMarketDetector.TryDetectFromFrame(coinm, out var market));
        Assert.Equal(BinanceMarket.CoinM, market);

        var futuresSnapshot = File.ReadAllBytes(SharedData.Require("binance/futures/rest/depth_snapshot_BTCUSDT_limit1000_20240808.json"));
        Assert.False(BinanceMarketDetector.TryDetectFromFrame(futuresSnapshot, out _));
    }
}
