using System.Text;
using FlowSight.Core;
using FlowSight.Venues.GateIo;
using FlowSight.Venues.GateIo.Streams;
using FlowSight.Venues.Network;
using Xunit;

namespace FlowSight.Venues.Tests.GateIo;

/// <summary>The wire format of Gate.io requests, pings and the classification of received frames.</summary>
public sealed class GateIoStreamProtocolTests
{
    [Fact]
    public void A_request_is_gates_documented_shape()
    {
        var (channel, payload) = GateIoTopics.Split(GateIoTopics.OrderBookUpdate(GateIoMarket.Spot, "BTC_USDT"));
        var json = Encoding.UTF8.GetString(GateIoStreamProtocol.WriteRequest(1606294781, 7, channel, "subscribe", payload));
        Assert.Equal("""{"time":1606294781,"id":7,"channel":"spot.order_book_update","event":"subscribe","payload":["BTC_USDT","100ms"]}""", json);
    }

    [Fact]
    public void Topics_name_channel_and_payload()
    {
        Assert.Equal("futures.order_book_update|BTC_USDT|20ms|20", GateIoTopics.OrderBookUpdate(GateIoMarket.UsdtFutures, "BTC_USDT", "20ms", "20"));
        Assert.Equal(["BTC_USDT", "20ms", "20"], GateIoTopics.Split("futures.order_book_update|BTC_USDT|20ms|20").Payload);
        Assert.Equal("spot.candlesticks|1m|BTC_USDT", GateIoTopics.Candlesticks(GateIoMarket.Spot, CandleInterval.OneMinute, "BTC_USDT"));
        Assert.Equal("futures.tickers|ETH_USDT", GateIoTopics.Tickers(GateIoMarket.UsdtFutures, "ETH_USDT"));
        Assert.Throws<FormatException>(() => GateIoTopics.Split("orders|BTC_USDT"));
        Assert.Throws<FormatException>(() => GateIoTopics.Split("spot.trades"));
        Assert.Equal(new Uri("wss://fx-ws.gateio.ws/v4/ws/usdt"), GateIoStreamEndpoints.Of(GateIoMarket.UsdtFutures));
        Assert.Equal(new Uri("wss://api.gateio.ws/ws/v4/"), GateIoStreamEndpoints.Of(GateIoMarket.Spot));
    }

    [Fact]
    public void Ping_and_pong_per_market()
    {
        var spot = new GateIoStreamProtocol(new GateIoStreamProtocolOptions { Market = GateIoMarket.Spot });
        var futures = new GateIoStreamProtocol(new GateIoStreamProtocolOptions { Market = GateIoMarket.UsdtFutures });
        var now = DateTimeOffset.FromUnixTimeSeconds(1545404023);
        Assert.Equal("""{"time":1545404023,"channel":"spot.ping"}""", Encoding.UTF8.GetString(spot.CreatePing(now).Span));
        Assert.Equal("""{"time":1545404023,"channel":"futures.ping"}""", Encoding.UTF8.GetString(futures.CreatePing(now).Span));
        var spotPong = """{"time":1545404023,"channel":"spot.pong","event":"","error":null,"result":null}"""u8;
        var futuresPong = """{"time":1545404023,"time_ms":1545404023123,"channel":"futures.pong","event":"","result":null}"""u8;
        Assert.True(spot.IsPong(spotPong));
        Assert.False(spot.IsPong(futuresPong));
        Assert.True(futures.IsPong(futuresPong));
        Assert.False(futures.IsPong(GateIoRecording.Fixture("ws/futures.book_ticker.json")));
    }

    [Fact]
    public void Recorded_notifications_are_data_and_acks_are_replies()
    {
        foreach (var frame in GateIoRecording.Read(GateIoRecording.FuturesWs).Where(f => f.Kind == Engine.Replay.RecordedFrameKind.Received))
        {
            var text = Encoding.UTF8.GetString(frame.Payload);
            var expected = text.Contains("\"event\":\"subscribe\"", StringComparison.Ordinal) ? GateIoFrameKind.Reply : GateIoFrameKind.Data;
            Assert.Equal(expected, GateIoFrameInspector.Classify(frame.Payload));
        }

        Assert.Equal(GateIoFrameKind.Reply, GateIoFrameInspector.Classify("""{"time":1,"id":3,"channel":"spot.trades","event":"subscribe","error":{"code":2,"message":"unknown currency pair"},"result":null}"""u8));
        var reply = GateIoFrameInspector.ReadReply("""{"time":1,"id":3,"channel":"spot.trades","event":"subscribe","error":{"code":2,"message":"unknown currency pair"},"result":null}"""u8);
        Assert.Equal(new GateIoReply(3, "spot.trades", "subscribe", true, 2, "unknown currency pair"), reply);
    }

    [Fact]
    public void Book_updates_carry_a_dedup_key_of_name_and_u()
    {
        Assert.True(GateIoFrameInspector.TryGetSequenceKey(GateIoRecording.Fixture("ws/futures.order_book_update.json"), out var key));
        Assert.Equal(203083177, key.Sequence);
        Assert.True(GateIoFrameInspector.TryGetSequenceKey(GateIoRecording.Fixture("ws/spot.order_book_update.json"), out var other));
        Assert.NotEqual(key.Stream, other.Stream);
        Assert.False(GateIoFrameInspector.TryGetSequenceKey(GateIoRecording.Fixture("ws/spot.trades.json"), out _));
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GateIoStreamProtocol(new GateIoStreamProtocolOptions { PingInterval = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GateIoStreamClient(new GateIoStreamClientOptions { MaxMessagesPerSecond = 0 }, (in WebSocketFrame _) => { }));
    }
}
