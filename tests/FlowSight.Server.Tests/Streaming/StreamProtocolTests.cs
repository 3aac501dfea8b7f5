using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using FlowSight.Core;
using FlowSight.Server.State;
using Xunit;

namespace FlowSight.Server.Tests.Streaming;

/// <summary>
/// The WebSocket push's protocol and pacing against the real server over a replica the test drives: what is sent,
/// how often, what a slow client costs, and how bad messages are answered.
/// </summary>
public sealed class StreamProtocolTests
{
    private const string Btc = "BTCUSDT-PERP.BINANCE";

    [Fact]
    public async Task Subscribe_book_acknowledges_then_pushes_both_sides_under_the_canonical_id()
    {
        await using var server = await TestStreamServer.StartAsync();
        server.Replica.SetBook(TestStateReplica.Btc, 100_000m);
        await using var client = await server.ConnectAsync();

        await client.SubscribeAsync("book", "btcusdt-perp.binance");

        var ack = await client.NextAsync();
        Assert.Equal("subscribed", ack.Type);
        Assert.Equal("book", ack.Topic);
        Assert.Equal(Btc, ack.Instrument);
        var data = await client.NextAsync(m => m.IsData("book"));
        Assert.Equal(Btc, data.Instrument);
        Assert.Equal(5, data.Data.GetProperty("bids").GetArrayLength());
        Assert.Equal(5, data.Data.GetProperty("asks").GetArrayLength());
        Assert.Equal(99_999.5m, data.Data.GetProperty("bids")[0].GetProperty("price").GetDecimal());
        Assert.Equal(100_000.5m, data.Data.GetProperty("asks")[0].GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task Book_pushes_never_exceed_the_configured_rate_and_carry_the_latest_version()
    {
        await using var server = await TestStreamServer.StartAsync(o => o with { Rates = o.Rates with { BookHz = 20 } });
        server.Replica.SetBook(TestStateReplica.Btc, 100_000m);
        await using var client = await server.ConnectAsync();
        await client.SubscribeAsync("book", Btc);

        // Every push received is answered with several changes, so a change is always pending: the rate is the push's.
        var times = new List<long>();
        long lastSeen = 0;
        const int Messages = 61;
        while (times.Count < Messages)
        {
            var data = await client.NextAsync(m => m.IsData("book"));
            var updates = data.Data.GetProperty("updates").GetInt64();
            Assert.True(updates > lastSeen, "a push carries a newer version than the one before");
            lastSeen = updates;
            times.Add(data.ReceivedAt);
            for (var i = 0; i < 5; i++)
            {
                server.Replica.SetBook(TestStateReplica.Btc, 100_000m + i);
            }
        }

        // Skip the first (sent on the first tick after subscribing), then 59 intervals at most 20 Hz: at least ~2.9 s.
        var span = Stopwatch.GetElapsedTime(times[1], times[^1]);
        var rate = (Messages - 2) / span.TotalSeconds;
        Assert.True(rate <= 20 * 1.1, $"{rate:F1} pushes/s over {span.TotalMilliseconds:F0} ms exceeds 20 Hz");
        Assert.True(rate >= 5, $"{rate:F1} pushes/s: the push should keep up with 20 Hz on a quiet machine");
    }

    [Fact]
    public async Task Many_changes_between_ticks_coalesce_into_few_pushes_with_the_latest_state()
    {
        await using var server = await TestStreamServer.StartAsync(o => o with { Rates = o.Rates with { BookHz = 4 } });
        server.Replica.SetBook(TestStateReplica.Btc, 100_000m);
        await using var client = await server.ConnectAsync();
        await client.SubscribeAsync("book", Btc);
        await client.NextAsync(m => m.IsData("book"));

        long last = 0;
        for (var i = 1; i <= 1_000; i++)
        {
            last = server.Replica.SetBook(TestStateReplica.Btc, 100_000m + i);
        }

        var latest = await client.NextAsync(m => m.IsData("book") && m.Data.GetProperty("updates").GetInt64() == last);
        Assert.Equal(100_000m + 1_000 + 0.5m, latest.Data.GetProperty("asks")[0].GetProperty("price").GetDecimal());

        // 1,000 changes arrived as a couple of pushes (ticks at 4 Hz), each the state at its moment, never a queue.
        await client.SendAsync("""{"op":"ping"}""");
        var rest = new List<StreamTestMessage>();
        StreamTestMessage message;
        do
        {
            message = await client.NextAsync();
            rest.Add(message);
        }
        while (message.Type != "pong");
        Assert.DoesNotContain(rest, m => m.Type == "data");
        Assert.True(server.Hub.Clients.Single().MessagesSent <= 6, $"{server.Hub.Clients.Single().MessagesSent} messages for 1,000 changes");
    }

    [Fact]
    public async Task A_client_that_stops_reading_delays_no_one_holds_one_message_and_is_dropped_after_the_send_timeout()
    {
        await using var server = await TestStreamServer.StartAsync(o => o with
        {
            Rates = o.Rates with { BookHz = 50 },
            StreamSendTimeout = TimeSpan.FromSeconds(3),
        });

        // ~100 KB a book at 50 Hz fills the stalled client's socket buffers within a few seconds.
        server.Replica.SetBook(TestStateReplica.Btc, 100_000m, levels: 1_000);
        await using var stalled = await server.ConnectAsync(read: false);
        await stalled.SubscribeAsync("book", Btc);
        await using var reader = await server.ConnectAsync();
        await reader.SubscribeAsync("book", Btc);
        await reader.NextAsync(m => m.Type == "subscribed");

        var stalledClient = server.Hub.Clients[0];
        var gaps = new List<TimeSpan>();
        var largestBuffer = 0;
        var first = await reader.NextAsync(m => m.IsData("book"));
        var previous = first.ReceivedAt;
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60);
        while (server.Hub.Clients.Count > 1)
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, "the stalled client was never dropped");
            largestBuffer = Math.Max(largestBuffer, stalledClient.BufferedBytes);
            server.Replica.SetBook(TestStateReplica.Btc, 100_000m + (gaps.Count % 7), levels: 1_000);
            var data = await reader.NextAsync(m => m.IsData("book"));
            gaps.Add(Stopwatch.GetElapsedTime(previous, data.ReceivedAt));
            previous = data.ReceivedAt;
        }

        // The reader kept getting books while the other's sends were stuck (waiting for it would show as a 3 s gap).
        Assert.True(gaps.Count >= 20, $"only {gaps.Count} pushes to the reader before the stalled client was dropped");
        var slowest = gaps.Max();
        Assert.True(slowest < TimeSpan.FromMilliseconds(2_000), $"the reader waited {slowest.TotalMilliseconds:F0} ms for a push");

        // All the server ever held for the stalled client is its one message buffer (~100 KB), never a queue of books.
        var book = first.Bytes;
        Assert.True(largestBuffer <= 2 * book + 4096, $"{largestBuffer} bytes held for a stalled client (one book is {book})");
        Assert.Single(server.Hub.Clients);
    }

    [Fact]
    public async Task Clients_of_the_same_book_share_one_serialisation_per_version()
    {
        await using var server = await TestStreamServer.StartAsync();
        var version = server.Replica.SetBook(TestStateReplica.Btc, 100_000m, levels: 50);
        await using var one = await server.ConnectAsync();
        await using var two = await server.ConnectAsync();
        await one.SubscribeAsync("book", Btc);
        await two.SubscribeAsync("book", Btc);

        var first = await one.NextAsync(m => m.IsData("book"));
        var second = await two.NextAsync(m => m.IsData("book"));

        Assert.Equal(version, first.Data.GetProperty("updates").GetInt64());
        Assert.Equal(first.Json.GetRawText(), second.Json.GetRawText());
        Assert.Equal(1, server.Hub.Payloads.Count);
    }

    [Fact]
    public async Task Bad_messages_get_an_error_and_the_connection_stays()
    {
        await using var server = await TestStreamServer.StartAsync();
        await using var client = await server.ConnectAsync();

        string[] bad =
        [
            "{not json",
            "[1,2]",
            """{"op":"subscribe","topic":5}""",
            """{"op":"dance"}""",
            """{"topic":"book"}""",
            """{"op":"subscribe"}""",
            """{"op":"subscribe","topic":"weather"}""",
            """{"op":"subscribe","topic":"book"}""",
            """{"op":"subscribe","topic":"trades","instrument":"DOGEUSDT-PERP.BINANCE"}""",
            """{"op":"subscribe","topic":"candles","instrument":"BTCUSDT-PERP.BINANCE","interval":"7m"}""",
            new string('x', 5_000),
        ];
        string[] expected = ["Malformed", "Malformed", "Malformed", "Unknown op 'dance'", "Missing op", "Missing topic", "Unknown topic 'weather'", "needs an instrument", "Unknown instrument 'DOGEUSDT-PERP.BINANCE'", "7m", "at most 4096 bytes"];
        for (var i = 0; i < bad.Length; i++)
        {
            await client.SendAsync(bad[i]);
            var error = await client.NextAsync();
            Assert.Equal("error", error.Type);
            Assert.Contains(expected[i], error.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        await client.SendAsync("""{"op":"ping"}""");
        Assert.Equal("pong", (await client.NextAsync()).Type);
        Assert.Equal(WebSocketState.Open, client.Socket.State);
    }

    [Fact]
    public async Task Unsubscribe_stops_the_pushes_of_that_topic_only()
    {
        await using var server = await TestStreamServer.StartAsync();
        server.Replica.SetBook(TestStateReplica.Btc, 100_000m);
        await using var client = await server.ConnectAsync();
        await client.SubscribeAsync("book", Btc);
        await client.NextAsync(m => m.IsData("book"));

        await client.SendAsync($$"""{"op":"unsubscribe","topic":"book","instrument":"{{Btc}}"}""");
        await client.SendAsync("""{"op":"ping"}""");
        await client.NextAsync(m => m.Type == "pong");
        await client.SubscribeAsync("trades", Btc);
        await client.NextAsync(m => m.Type == "subscribed");

        // Both change; the trades push proves a tick went by with the book changed too.
        server.Replica.SetBook(TestStateReplica.Btc, 100_001m);
        server.Replica.SetTrades(TestStateReplica.Btc, new TradeView(Btc, 100_001m, 0.5m, "buy", 7, 1));
        var trades = await client.NextAsync(m => m.IsData("trades") && m.Data.GetArrayLength() == 1);
        Assert.Equal(7, trades.Data[0].GetProperty("tradeId").GetInt64());
        server.Replica.SetTrades(TestStateReplica.Btc, new TradeView(Btc, 100_002m, 0.5m, "sell", 8, 2), new TradeView(Btc, 100_001m, 0.5m, "buy", 7, 1));
        await client.NextAsync(m => m.IsData("trades") && m.Data.GetArrayLength() == 2);
        Assert.DoesNotContain(client.Drain(), m => m.IsData("book"));
        Assert.Equal(ReplicaTopic.Trades, server.Hub.Clients.Single().Subscriptions.Single().Topic);
    }

    [Fact]
    public async Task Candles_send_the_history_first_then_the_latest_two()
    {
        await using var server = await TestStreamServer.StartAsync(o => o with { Rates = o.Rates with { CandlesHz = 20 } });
        var candles = Enumerable.Range(0, 700).Select(i => new CandleView(i * 60_000L, 1, 2, 0.5m, 1.5m, 10, 3, true)).ToArray();
        server.Replica.SetCandles(TestStateReplica.Btc, CandleInterval.OneMinute, candles);
        await using var client = await server.ConnectAsync();

        await client.SubscribeAsync("candles", Btc, "1m");
        var ack = await client.NextAsync();
        Assert.Equal("subscribed", ack.Type); // never data first, even when a push tick falls between the two
        Assert.Equal("1m", ack.Json.GetProperty("interval").GetString());
        var first = await client.NextAsync(m => m.IsData("candles"));
        Assert.Equal(500, first.Data.GetArrayLength());
        Assert.Equal(699 * 60_000L, first.Data[499].GetProperty("openTime").GetInt64());

        server.Replica.SetCandles(TestStateReplica.Btc, CandleInterval.OneMinute, [.. candles, new CandleView(700 * 60_000L, 1, 1, 1, 1, 0, 0, false)]);
        var next = await client.NextAsync(m => m.IsData("candles"));
        Assert.Equal(2, next.Data.GetArrayLength());
        Assert.False(next.Data[1].GetProperty("closed").GetBoolean());
    }

    [Fact]
    public async Task Account_topics_need_no_instrument()
    {
        await using var server = await TestStreamServer.StartAsync();
        await using var client = await server.ConnectAsync();
        foreach (var topic in new[] { "orders", "positions", "account", "risk", "engine" })
        {
            await client.SubscribeAsync(topic);
        }

        // One push of each (the replica has not changed since), in any order.
        var data = new Dictionary<string, StreamTestMessage>();
        while (data.Count < 5)
        {
            var message = await client.NextAsync(m => m.Type == "data");
            Assert.True(data.TryAdd(message.Topic!, message), $"{message.Topic} pushed twice without a change");
        }

        Assert.Equal(10_000m, data["account"].Data.GetProperty("equity").GetDecimal());
        Assert.Null(data["account"].Instrument);
        Assert.Equal(0, data["orders"].Data.GetProperty("orders").GetArrayLength());
        Assert.Equal(0, data["orders"].Data.GetProperty("fills").GetArrayLength());
        Assert.Equal("ACTIVE", data["risk"].Data.GetProperty("state").GetString());
        Assert.Equal(0, data["positions"].Data.GetArrayLength());
        Assert.Equal(1024, data["engine"].Data.GetProperty("capacity").GetInt32());
    }

    [Fact]
    public async Task Clients_beyond_the_maximum_get_503_and_a_plain_request_400()
    {
        await using var server = await TestStreamServer.StartAsync(o => o with { MaxStreamClients = 1 });
        await using var first = await server.ConnectAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StreamTestClient.TryConnectAsync(server.BaseAddress, await server.TokenAsync()));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var plain = await http.GetAsync(new Uri("/ws?access_token=" + await server.TokenAsync(), UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
    }

    [Fact]
    public async Task Connecting_without_a_valid_token_gets_401()
    {
        await using var server = await TestStreamServer.StartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await StreamTestClient.TryConnectAsync(server.BaseAddress));
        Assert.Equal(HttpStatusCode.Unauthorized, await StreamTestClient.TryConnectAsync(server.BaseAddress, "not-a-token"));
        var token = await server.TokenAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await StreamTestClient.TryConnectAsync(server.BaseAddress, token[..^4] + "AAAA"));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await StreamTestClient.TryConnectAsync(server.BaseAddress, token));
    }

    [Fact]
    public async Task Server_shutdown_closes_every_client_with_going_away()
    {
        var server = await TestStreamServer.StartAsync();
        await using (server)
        {
            server.Replica.SetBook(TestStateReplica.Btc, 100_000m);
            await using var client = await server.ConnectAsync();
            await client.SubscribeAsync("book", Btc);
            await client.NextAsync(m => m.IsData("book"));

            var stopping = Stopwatch.StartNew();
            await server.StopAsync();
            await client.WaitClosedAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.Socket.CloseStatus);
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), $"shutdown took {stopping.Elapsed}");
        }
    }
}
