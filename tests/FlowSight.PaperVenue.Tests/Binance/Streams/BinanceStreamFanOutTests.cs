using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using FlowSight.PaperVenue.Binance.Streams;
using FlowSight.PaperVenue.Hosting;
using Xunit;

namespace FlowSight.PaperVenue.Tests.Binance.Streams;

/// <summary>One book, many subscribers: every subscriber gets the same bytes, and a slow one is dropped without holding the others back.</summary>
public sealed class BinanceStreamFanOutTests
{
    [Fact]
    public async Task Fifty_subscribers_of_one_book_receive_the_same_diffs()
    {
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceUsdm, speed: 30);
        var clients = new List<StreamClient>();
        try
        {
            for (var i = 0; i < 50; i++)
            {
                clients.Add(await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/ws/btcusdt@depth@100ms")));
            }

            // Everyone is subscribed once the last one got a diff: compare the 20 diffs after the first u all have seen.
            var firsts = await Task.WhenAll(clients.Select(c => c.NextAsync()));
            var from = firsts.Max(m => m.GetProperty("u").GetInt64());
            var sequences = await Task.WhenAll(clients.Select(async c =>
            {
                var texts = new List<string>();
                while (texts.Count < 20)
                {
                    var message = await c.NextAsync();
                    if (message.GetProperty("u").GetInt64() > from)
                    {
                        texts.Add(message.GetRawText());
                    }
                }

                return texts;
            }));

            foreach (var sequence in sequences)
            {
                Assert.Equal(sequences[0], sequence);
            }

            var streams = BinanceStreams.FeedsOf(host.Exchange).Market;
            var (total, calls) = streams.TickCost;
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"50 subscribers: {streams.Messages} diffs formatted once each, {streams.PublishedOn("btcusdt@depth@100ms")} published; exchange thread in OnTick {total.TotalMicroseconds / Math.Max(calls, 1):F1} µs a call over {calls} calls");

            var ids = sequences[0].Select(t => JsonDocument.Parse(t).RootElement).ToList();
            for (var i = 1; i < ids.Count; i++)
            {
                Assert.Equal(ids[i - 1].GetProperty("u").GetInt64(), ids[i].GetProperty("pu").GetInt64());
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_subscriber_that_stops_reading_is_dropped_while_the_others_keep_receiving()
    {
        await using var host = await PaperVenues.StartAsync(PaperVenueKind.BinanceUsdm, speed: 60, maxQueued: 16);
        // Both listen to one book's diffs; the slow one also takes the heavy streams (top 20 every 100 ms, every trade).
        const string Shared = "btcusdt@depth@500ms";
        await using var reader = await StreamClient.ConnectAsync(StreamClient.Ws(host.BaseAddress, "/ws/" + Shared));

        // The slow client's socket has a tiny receive buffer and is never read: the server's queue for it fills up.
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 1024, NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var invoker = new HttpMessageInvoker(handler);
        using var slow = new ClientWebSocket();
        await slow.ConnectAsync(StreamClient.Ws(host.BaseAddress, $"/stream?streams={Shared}/btcusdt@depth20@100ms/ethusdt@depth20@100ms/btcusdt@trade/btcusdt@aggTrade/ethusdt@trade"), invoker, TestContext.Current.CancellationToken);

        var market = BinanceStreams.FeedsOf(host.Exchange).Market;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (var i = 0; i < 1000 && market.SubscribersOf(Shared) < 2; i++)
        {
            await host.Exchange.InvokeAsync(() => { }); // paced by the exchange thread until the server registered both
        }

        Assert.Equal(2, market.SubscribersOf(Shared));
        while (market.SubscribersOf(Shared) > 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the slow subscriber was never dropped");
            await reader.NextAsync(); // the reader's own messages pace the wait
        }

        for (var i = 0; i < 50; i++)
        {
            await reader.NextAsync(); // each within the timeout: the reader was not held back
        }

        Assert.True(reader.CloseStatus is null, "the reading client is still connected");
        Assert.Equal(1, market.SubscribersOf(Shared));
        Assert.Equal(0, market.SubscribersOf("btcusdt@trade"));
    }
}
