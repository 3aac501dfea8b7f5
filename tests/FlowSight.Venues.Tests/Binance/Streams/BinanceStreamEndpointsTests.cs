using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Streams;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Streams;

public sealed class BinanceStreamEndpointsTests
{
    [Fact]
    public void Combined_and_raw_urls_follow_the_docs()
    {
        Assert.Equal(
            "wss://stream.binance.com:9443/stream?streams=btcusdt@trade/ethusdt@depth@100ms",
            BinanceStreamEndpoints.CombinedStream(BinanceStreamEndpoints.SpotBase, BinanceStreamRoute.None, ["btcusdt@trade", "ethusdt@depth@100ms"]).ToString());
        Assert.Equal("wss://stream.binance.com:9443/ws/btcusdt@trade", BinanceStreamEndpoints.RawStream(BinanceStreamEndpoints.SpotBase, BinanceStreamRoute.None, "btcusdt@trade").ToString());
        Assert.Equal("wss://fstream.binance.com/public/stream", BinanceStreamEndpoints.CombinedStream(BinanceStreamEndpoints.UsdMBase, BinanceStreamRoute.Public).ToString());
        Assert.Equal("wss://fstream.binance.com/market/ws/btcusdt@markPrice@1s", BinanceStreamEndpoints.RawStream(BinanceStreamEndpoints.UsdMBase, BinanceStreamRoute.Market, "btcusdt@markPrice@1s").ToString());
        Assert.Equal("ws://127.0.0.1:5000/stream", BinanceStreamEndpoints.CombinedStream(new Uri("ws://127.0.0.1:5000/"), BinanceStreamRoute.None).ToString());
    }

    [Theory]
    [InlineData("btcusdt@depth", BinanceStreamRoute.Public)]
    [InlineData("btcusdt@depth@100ms", BinanceStreamRoute.Public)]
    [InlineData("btcusdt@depth20@100ms", BinanceStreamRoute.Public)]
    [InlineData("btcusdt@bookTicker", BinanceStreamRoute.Public)]
    [InlineData("!bookTicker", BinanceStreamRoute.Public)]
    [InlineData("btcusdt@trade", BinanceStreamRoute.Public)]
    [InlineData("btcusdt@aggTrade", BinanceStreamRoute.Market)]
    [InlineData("btcusdt@markPrice@1s", BinanceStreamRoute.Market)]
    [InlineData("btcusdt@kline_1m", BinanceStreamRoute.Market)]
    [InlineData("btcusdt@forceOrder", BinanceStreamRoute.Market)]
    [InlineData("!forceOrder@arr", BinanceStreamRoute.Market)]
    public void UsdM_streams_are_routed_to_public_or_market(string stream, BinanceStreamRoute route)
    {
        Assert.Equal(route, BinanceStreamEndpoints.RouteOf(BinanceMarket.UsdM, stream));
        Assert.Equal(BinanceStreamRoute.None, BinanceStreamEndpoints.RouteOf(BinanceMarket.Spot, stream));
        Assert.Equal(BinanceStreamRoute.None, BinanceStreamEndpoints.RouteOf(BinanceMarket.CoinM, stream));
    }

    [Fact]
    public void Limits_follow_the_docs()
    {
        Assert.Equal(5, BinanceStreamLimits.MessagesPerSecond(BinanceMarket.Spot));
        Assert.Equal(10, BinanceStreamLimits.MessagesPerSecond(BinanceMarket.UsdM));
        Assert.Equal(10, BinanceStreamLimits.MessagesPerSecond(BinanceMarket.CoinM));
        Assert.Equal(1024, BinanceStreamLimits.MaxStreamsPerConnection);
        Assert.True(BinanceStreamLimits.DefaultRotationInterval < BinanceStreamLimits.ConnectionLifetime);
    }
}
