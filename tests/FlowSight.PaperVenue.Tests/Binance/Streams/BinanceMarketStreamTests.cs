using System.Text.Json;
using FlowSight.Core;
using FlowSight.PaperVenue.Binance.Streams;
using FlowSight.PaperVenue.Hosting;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Binance.Streams;

/// <summary>Binance market streams of the paper venue over real sockets: payloads, raw and combined, the depth chain.</summary>
[Collection(nameof(RealTimeStreamMeasurements))]
public sealed class BinanceMarketStreamTests
{
    [Theory]
    [InlineData(PaperVenueKind.BinanceUsdm)]
    [InlineData(PaperVenueKind.BinanceSpot)]
    public async Task Depth_diffs_chain_onto_a_snapshot_and_rebuild_the_book_exactly(PaperVenueKind venue)
    {
        await using var host = await PaperVenues.StartAsync(venue, speed: 30);
        var exchange = host.Exchange;
        var market = exchange.Markets[0];
        var recorder = new BookRecorder(market, long.MaxValue);
        exchange.AddFeed(recorder);
        await using var client = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/ws/btcusdt@depth@100ms"));

        // Binance's procedure: the stream is open (and buffering) before the snapshot is taken.
        var first = await client.NextAsync();
        var snapshot = await exchange.InvokeAsync(() =>
        {
            var bids = new BookLevel[market.Book.Levels.BidCount];
            var asks = new BookLevel[market.Book.Levels.AskCount];
            market.Book.Levels.CopyLevels(OrderSide.Buy, bids);
            market.Book.Levels.CopyLevels(OrderSide.Sell, asks);
            return (market.Book.UpdateId, bids, asks);
        });
        var book = new LocalBook();
        book.Load(snapshot.UpdateId, snapshot.bids, snapshot.asks);
        var futures = venue == PaperVenueKind.BinanceUsdm;
        book.Apply(first, futures);
        while (book.Applied < 60)
        {
            book.Apply(await client.NextAsync(), futures);
        }

        // The recorder runs on the exchange thread, possibly after the stream's publisher in the same turn: read it there.
        var (recorded, expected) = await exchange.InvokeAsync(() => (recorder.TryGet(book.LastUpdateId, out var e), e));
        Assert.True(recorded, $"the book at {book.LastUpdateId} was recorded");
        book.AssertEquals(expected.Bids, expected.Asks);
        Assert.Equal(0, BinanceStreams.FeedsOf(exchange).Market.Gaps);
    }

    [Fact]
    public async Task Futures_payloads_carry_the_documented_fields_in_order()
    {
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceUsdm, speed: 30);
        await using var client = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/stream"));
        string[] streams = ["btcusdt@depth", "btcusdt@depth5@100ms", "btcusdt@trade", "btcusdt@aggTrade", "btcusdt@bookTicker", "btcusdt@kline_1m", "btcusdt@markPrice@1s", "!markPrice@arr@1s"];
        await client.SendAsync($$"""{"method":"SUBSCRIBE","params":{{JsonSerializer.Serialize(streams)}},"id":1}""");
        var ack = await client.NextAsync();
        Assert.Equal("""{"result":null,"id":1}""", ack.GetRawText());
        var seen = await CollectAsync(client, streams);

        AssertFields(seen["btcusdt@depth"], "e", "E", "T", "s", "U", "u", "pu", "b", "a");
        AssertFields(seen["btcusdt@depth5@100ms"], "e", "E", "T", "s", "U", "u", "pu", "b", "a");
        Assert.Equal(5, seen["btcusdt@depth5@100ms"].GetProperty("b").GetArrayLength());
        AssertFields(seen["btcusdt@trade"], "e", "E", "T", "s", "t", "p", "q", "X", "m");
        AssertFields(seen["btcusdt@aggTrade"], "e", "E", "s", "a", "p", "q", "nq", "f", "l", "T", "m");
        AssertFields(seen["btcusdt@bookTicker"], "e", "u", "E", "T", "s", "b", "B", "a", "A");
        AssertFields(seen["btcusdt@kline_1m"], "e", "E", "s", "k");
        AssertFields(seen["btcusdt@kline_1m"].GetProperty("k"), "t", "T", "s", "i", "f", "L", "o", "c", "h", "l", "v", "n", "x", "q", "V", "Q", "B");
        AssertFields(seen["btcusdt@markPrice@1s"], "e", "E", "s", "p", "i", "P", "r", "T");
        AssertFields(seen["!markPrice@arr@1s"][0], "e", "E", "s", "p", "i", "P", "r", "T");

        // Numbers are strings at the symbol's precision (BTCUSDT: tick 0.1, step 0.001); times are milliseconds.
        var trade = seen["btcusdt@trade"];
        Assert.Matches(@"^\d+\.\d$", trade.GetProperty("p").GetString());
        Assert.Matches(@"^\d+\.\d{3}$", trade.GetProperty("q").GetString());
        Assert.Equal("BTCUSDT", trade.GetProperty("s").GetString());
        Assert.InRange(trade.GetProperty("T").GetInt64(), 1_600_000_000_000, 4_000_000_000_000);
        var depth = seen["btcusdt@depth"];
        Assert.Equal(depth.GetProperty("pu").GetInt64(), depth.GetProperty("U").GetInt64()); // see BinanceMarketStreams.FirstUpdateId
        Assert.Equal("1m", seen["btcusdt@kline_1m"].GetProperty("k").GetProperty("i").GetString());
    }

    [Fact]
    public async Task Spot_payloads_carry_the_documented_fields_in_order()
    {
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceSpot, speed: 30);
        await using var client = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/stream"));
        string[] streams = ["btcusdt@depth@100ms", "btcusdt@depth10@100ms", "btcusdt@trade", "btcusdt@aggTrade", "btcusdt@bookTicker", "btcusdt@kline_1m"];
        await client.SendAsync($$"""{"method":"SUBSCRIBE","params":{{JsonSerializer.Serialize(streams)}},"id":"abc"}""");
        Assert.Equal("""{"result":null,"id":"abc"}""", (await client.NextAsync()).GetRawText());
        var seen = await CollectAsync(client, streams);

        AssertFields(seen["btcusdt@depth@100ms"], "e", "E", "s", "U", "u", "b", "a");
        AssertFields(seen["btcusdt@depth10@100ms"], "lastUpdateId", "bids", "asks");
        Assert.Equal(10, seen["btcusdt@depth10@100ms"].GetProperty("bids").GetArrayLength());
        AssertFields(seen["btcusdt@trade"], "e", "E", "s", "t", "p", "q", "T", "m", "M");
        AssertFields(seen["btcusdt@aggTrade"], "e", "E", "s", "a", "p", "q", "f", "l", "T", "m", "M");
        AssertFields(seen["btcusdt@bookTicker"], "u", "s", "b", "B", "a", "A");
        AssertFields(seen["btcusdt@kline_1m"].GetProperty("k"), "t", "T", "s", "i", "f", "L", "o", "c", "h", "l", "v", "n", "x", "q", "V", "Q", "B");

        // Spot pads prices and quantities to 8 decimals.
        Assert.Matches(@"^\d+\.\d{8}$", seen["btcusdt@trade"].GetProperty("p").GetString());
        Assert.Matches(@"^\d+\.\d{8}$", seen["btcusdt@bookTicker"].GetProperty("B").GetString());
    }

    [Fact]
    public async Task A_combined_stream_wraps_the_same_payload_a_raw_stream_sends_bare()
    {
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceUsdm, speed: 30);
        await using var combined = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/stream?streams=btcusdt@trade/ethusdt@trade"));
        await using var raw = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/ws/btcusdt@trade"));

        var fromRaw = await raw.NextAsync();
        var tradeId = fromRaw.GetProperty("t").GetInt64();
        var wrapped = await combined.NextMatchingAsync(m => m.GetProperty("stream").GetString() == "btcusdt@trade" && m.GetProperty("data").GetProperty("t").GetInt64() >= tradeId);
        while (wrapped.GetProperty("data").GetProperty("t").GetInt64() > tradeId)
        {
            fromRaw = await raw.NextAsync();
            tradeId = fromRaw.GetProperty("t").GetInt64();
        }

        AssertFields(wrapped, "stream", "data");
        Assert.Equal(fromRaw.GetRawText(), wrapped.GetProperty("data").GetRawText());
        var eth = await combined.NextMatchingAsync(m => m.GetProperty("stream").GetString() == "ethusdt@trade");
        Assert.Equal("ETHUSDT", eth.GetProperty("data").GetProperty("s").GetString());
    }

    [Fact]
    public async Task Routed_futures_paths_deliver_only_the_streams_binance_routes_there()
    {
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceUsdm, speed: 30);
        await using var publicPath = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/public/stream?streams=btcusdt@markPrice@1s/btcusdt@depth@100ms/btcusdt@bookTicker"));
        await using var marketPath = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/market/stream?streams=btcusdt@markPrice@1s/btcusdt@depth@100ms"));

        var fromMarket = await marketPath.NextAsync();
        Assert.Equal("btcusdt@markPrice@1s", fromMarket.GetProperty("stream").GetString());
        for (var i = 0; i < 40; i++)
        {
            Assert.NotEqual("btcusdt@markPrice@1s", (await publicPath.NextAsync()).GetProperty("stream").GetString());
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("btcusdt@markPrice@1s", (await marketPath.NextAsync()).GetProperty("stream").GetString());
        }
    }

    [Fact]
    public async Task A_futures_snapshot_taken_while_nothing_changed_is_joined_by_the_next_diff_under_the_strict_rule()
    {
        // Market paused: the snapshot's lastUpdateId is exactly the last message's u.
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceUsdm, speed: 0);
        var exchange = host.Exchange;
        await using var client = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/ws/ethusdt@depth@100ms"));
        var streams = BinanceStreams.FeedsOf(exchange).Market;
        for (var i = 0; i < 1000 && streams.SubscribersOf("ethusdt@depth@100ms") == 0; i++)
        {
            await exchange.InvokeAsync(() => { });
        }

        await exchange.InvokeAsync(() => { });
        await exchange.InvokeAsync(() => { });
        await BinanceStreamRequestTests.JoinBestBidAsync(host, 1);
        var published = await client.NextAsync();
        var snapshot = await exchange.InvokeAsync(() =>
        {
            exchange.TryGetMarket("ETHUSDT", out var market);
            var bids = new BookLevel[market.Book.Levels.BidCount];
            var asks = new BookLevel[market.Book.Levels.AskCount];
            market.Book.Levels.CopyLevels(OrderSide.Buy, bids);
            market.Book.Levels.CopyLevels(OrderSide.Sell, asks);
            return (market.Book.UpdateId, bids, asks);
        });
        Assert.Equal(published.GetProperty("u").GetInt64(), snapshot.UpdateId);

        await BinanceStreamRequestTests.JoinBestBidAsync(host, 1);
        var next = await client.NextAsync();

        // "The first processed event should have U <= lastUpdateId AND u >= lastUpdateId."
        Assert.True(next.GetProperty("U").GetInt64() <= snapshot.UpdateId && next.GetProperty("u").GetInt64() >= snapshot.UpdateId, next.GetRawText());
        var book = new LocalBook();
        book.Load(snapshot.UpdateId, snapshot.bids, snapshot.asks);
        Assert.True(book.Apply(next, futures: true));
    }

    /// <summary>The first payload of each stream on a combined connection.</summary>
    internal static async Task<Dictionary<string, JsonElement>> CollectAsync(StreamClient client, IReadOnlyCollection<string> streams)
    {
        var seen = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        while (seen.Count < streams.Count)
        {
            var message = await client.NextAsync();
            seen.TryAdd(message.GetProperty("stream").GetString()!, message.GetProperty("data"));
        }

        return seen;
    }

    internal static void AssertFields(JsonElement message, params string[] names) =>
        Assert.Equal(names, message.EnumerateObject().Select(p => p.Name));
}
