using FlowSight.Core;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Streams;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Streams;

public sealed class BinanceStreamNamesTests
{
    [Fact]
    public void Builds_the_documented_names_with_lower_case_symbols()
    {
        Assert.Equal("btcusdt@depth@100ms", BinanceStreamNames.Depth("BTCUSDT", BinanceDepthSpeed.Milliseconds100));
        Assert.Equal("btcusdt@depth", BinanceStreamNames.Depth("btcusdt"));
        Assert.Equal("btcusdt@depth@500ms", BinanceStreamNames.Depth("BTCUSDT", BinanceDepthSpeed.Milliseconds500));
        Assert.Equal("btcusdt@depth20@100ms", BinanceStreamNames.PartialDepth("BTCUSDT", 20, BinanceDepthSpeed.Milliseconds100));
        Assert.Equal("btcusdt@depth5", BinanceStreamNames.PartialDepth("BTCUSDT", 5));
        Assert.Equal("btcusdt@trade", BinanceStreamNames.Trade("BTCUSDT"));
        Assert.Equal("btcusdt@aggTrade", BinanceStreamNames.AggTrade("BTCUSDT"));
        Assert.Equal("btcusdt@bookTicker", BinanceStreamNames.BookTicker("BTCUSDT"));
        Assert.Equal("btcusdt@kline_1m", BinanceStreamNames.Kline("BTCUSDT", CandleInterval.OneMinute));
        Assert.Equal("ethusdt@kline_1M", BinanceStreamNames.Kline("ETHUSDT", CandleInterval.OneMonth));
        Assert.Equal("btcusdt@markPrice@1s", BinanceStreamNames.MarkPrice("BTCUSDT"));
        Assert.Equal("btcusdt@markPrice", BinanceStreamNames.MarkPrice("BTCUSDT", everySecond: false));
        Assert.Equal("btcusdt@forceOrder", BinanceStreamNames.ForceOrder("BTCUSDT"));
        Assert.Equal("btcusd_perp@depth", BinanceStreamNames.Depth("BTCUSD_PERP"));
        Assert.Equal("!bookTicker", BinanceStreamNames.AllBookTickers);
    }

    [Fact]
    public void Refuses_what_Binance_would_acknowledge_and_never_deliver()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BinanceStreamNames.PartialDepth("BTCUSDT", 15));
        Assert.Throws<ArgumentException>(() => BinanceStreamNames.Trade("BTC/USDT"));
        Assert.Throws<ArgumentException>(() => BinanceStreamNames.Trade(" "));
    }

    [Fact]
    public void Finds_the_symbol_of_a_stream()
    {
        Assert.Equal("btcusdt", BinanceStreamNames.SymbolOf("btcusdt@depth@100ms"));
        Assert.Null(BinanceStreamNames.SymbolOf("!bookTicker"));
    }
}
