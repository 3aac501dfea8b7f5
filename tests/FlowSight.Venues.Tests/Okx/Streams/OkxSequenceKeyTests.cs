using FlowSight.Venues.Okx.Streams;
using Xunit;

namespace FlowSight.Venues.Tests.Okx.Streams;

/// <summary>The rotation de-duplication keys of OKX pushes: books by <c>seqId</c>, trades by <c>tradeId</c>, per channel and instrument.</summary>
public sealed class OkxSequenceKeyTests
{
    private static readonly OkxStreamProtocol Protocol = new();

    [Fact]
    public void Books_are_keyed_by_seqId_and_trades_by_tradeId_per_channel_and_instrument()
    {
        var books = "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[[\"1\",\"2\",\"0\",\"1\"]],\"bids\":[],\"ts\":\"1\",\"checksum\":5,\"prevSeqId\":122,\"seqId\":123}]}"u8;
        var otherBooks = "{\"arg\":{\"channel\":\"books\",\"instId\":\"ETH-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[],\"ts\":\"1\",\"checksum\":5,\"prevSeqId\":122,\"seqId\":123}]}"u8;
        var trades = "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[{\"instId\":\"BTC-USDT\",\"tradeId\":\"242720720\",\"px\":\"1\",\"sz\":\"1\",\"side\":\"buy\",\"ts\":\"1\"}]}"u8;
        var ticker = "{\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},\"data\":[{\"instId\":\"BTC-USDT\",\"last\":\"1\"}]}"u8;

        Assert.True(Protocol.TryGetSequenceKey(books, out var b));
        Assert.True(Protocol.TryGetSequenceKey(otherBooks, out var o));
        Assert.True(Protocol.TryGetSequenceKey(trades, out var t));
        Assert.Equal(123, b.Sequence);
        Assert.Equal(242720720, t.Sequence);
        Assert.NotEqual(b.Stream, o.Stream);
        Assert.NotEqual(b.Stream, t.Stream);
        Assert.False(Protocol.TryGetSequenceKey(ticker, out _));
    }

    [Fact]
    public void Acks_errors_and_pongs_are_control_frames_and_pushes_are_not()
    {
        Assert.True(Protocol.IsPong("pong"u8));
        Assert.False(Protocol.IsPong("{\"arg\":{}}"u8));
        Assert.Equal("ping", System.Text.Encoding.ASCII.GetString(Protocol.CreatePing(DateTimeOffset.UnixEpoch).Span));
    }
}
