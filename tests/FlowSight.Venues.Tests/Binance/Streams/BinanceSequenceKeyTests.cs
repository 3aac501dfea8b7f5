using System.Text;
using FlowSight.TestKit;
using FlowSight.TestServers.Binance;
using FlowSight.Venues.Binance.Streams;
using FlowSight.Venues.Network;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Streams;

/// <summary>The de-duplication keys a rotation relies on, checked over whole recordings.</summary>
public sealed class BinanceSequenceKeyTests
{
    [Theory]
    [InlineData("recordings/hftbacktest/binance-usdm/btcusdt_20240808_first20s.txt")]
    [InlineData("recordings/hftbacktest/binance-spot/btcusdt_20240808_first20s.txt")]
    public void Every_recorded_frame_has_a_key_that_increases_within_its_stream(string file)
    {
        var recording = BinanceRecording.Load(SharedData.Require(file));
        var protocol = new BinanceStreamProtocol();
        var last = new Dictionary<long, (long Sequence, string Stream)>();
        var frames = 0;
        foreach (var frame in recording.Frames.Where(f => !f.IsRestResponse))
        {
            Assert.True(protocol.TryGetSequenceKey(frame.Json, out var key), $"no key for {frame}");
            if (last.TryGetValue(key.Stream, out var previous))
            {
                Assert.Equal(previous.Stream, frame.Stream);
                Assert.True(key.Sequence > previous.Sequence, $"{frame}: {key.Sequence} after {previous.Sequence}");
            }

            last[key.Stream] = (key.Sequence, frame.Stream!);
            frames++;
        }

        Assert.Equal(3, last.Count);
        Assert.True(frames > 2_000);
    }

    [Theory]
    [InlineData("{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":5,\"u\":9,\"b\":[[\"1.0\",\"2\"]],\"a\":[]}}", 9)]
    [InlineData("{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":77,\"p\":\"1\",\"q\":\"1\"}}", 77)]
    [InlineData("{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"a\":55,\"f\":1,\"l\":2}}", 55)]
    [InlineData("{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":400900217,\"s\":\"BTCUSDT\",\"b\":\"1\",\"B\":\"1\",\"a\":\"2\",\"A\":\"1\"}}", 400900217)]
    [InlineData("{\"stream\":\"btcusdt@depth20@100ms\",\"data\":{\"lastUpdateId\":160,\"bids\":[],\"asks\":[]}}", 160)]
    [InlineData("{\"stream\":\"btcusdt@kline_1m\",\"data\":{\"e\":\"kline\",\"E\":1672515782136,\"s\":\"BTCUSDT\",\"k\":{\"t\":1,\"T\":2}}}", 1672515782136)]
    [InlineData("{\"stream\":\"btcusdt@markPrice@1s\",\"data\":{\"e\":\"markPriceUpdate\",\"E\":1562305380000,\"s\":\"BTCUSDT\",\"p\":\"1\"}}", 1562305380000)]
    [InlineData("{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":78}", 78)]
    public void Picks_the_stream_s_increasing_id(string frame, long sequence)
    {
        Assert.True(new BinanceStreamProtocol().TryGetSequenceKey(Encoding.UTF8.GetBytes(frame), out var key));
        Assert.Equal(sequence, key.Sequence);
    }

    [Fact]
    public void All_market_streams_are_partitioned_by_symbol()
    {
        var protocol = new BinanceStreamProtocol();
        Assert.True(protocol.TryGetSequenceKey("{\"stream\":\"!bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":5,\"s\":\"BTCUSDT\"}}"u8, out var btc));
        Assert.True(protocol.TryGetSequenceKey("{\"stream\":\"!bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":5,\"s\":\"ETHUSDT\"}}"u8, out var eth));
        Assert.NotEqual(btc.Stream, eth.Stream);
        Assert.False(protocol.TryGetSequenceKey("{\"stream\":\"!markPrice@arr\",\"data\":[{\"e\":\"markPriceUpdate\"}]}"u8, out StreamSequenceKey _));
    }
}
