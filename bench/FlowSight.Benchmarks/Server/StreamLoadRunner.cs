using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Candles;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.OrderBook;
using FlowSight.Engine.Risk;
using FlowSight.Engine.Trading;
using FlowSight.PaperVenue.Hosting;
using FlowSight.Server.Auth;
using FlowSight.Server.Hosting;
using FlowSight.Server.State;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Data;
using FlowSight.Venues.Binance.Trading;

namespace FlowSight.Benchmarks.Server;

/// <summary>
/// The web server's load criterion (issue 8): the demo's stack in one process — paper venue (Binance USDⓈ-M, BTCUSDT
/// and ETHUSDT), engine, books, candles, trading node, state replica, web server — run for the same time with no
/// WebSocket client and then with N clients each subscribed to book and trades of both instruments (book and trades
/// at 20 Hz). Compares the engine's route handler latencies (EngineStatistics, p50/p99/p99.9) and events/s, and samples
/// the process's memory every 10 s (GC heap after the last collection, working set) to show it flat.
/// Run: <c>dotnet run -c Release --project bench/FlowSight.Benchmarks -- stream-load [seconds] [clients] [market speed]</c>.
/// </summary>
/// <remarks>
/// Route histograms count from the engine's start, so each phase gets a fresh stack; a short warm-up stack (with a few
/// clients) first JIT-compiles both paths so neither phase pays for it. The clients run in the same process (they only
/// count bytes and messages; they parse nothing), so their CPU is charged to the same two cores as the engine's.
/// </remarks>
public static class StreamLoadRunner
{
    private const string ApiKey = "stream-load-key";
    private const string ApiSecret = "stream-load-secret";
    private static double Speed = 1;
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(10);
    private static readonly byte[] BookMarker = Encoding.UTF8.GetBytes("\"topic\":\"book\"");
    private static readonly byte[] TradesMarker = Encoding.UTF8.GetBytes("\"topic\":\"trades\"");
    private static readonly byte[] ErrorMarker = Encoding.UTF8.GetBytes("\"type\":\"error\"");

    /// <summary>Runs the warm-up, the phase without clients and the phase with <paramref name="clients"/>; prints the figures.</summary>
    public static async Task RunAsync(int seconds, int clients, double speed = 1)
    {
        Speed = speed;
        Console.WriteLine($"stream-load: {seconds} s without clients, then {seconds} s with {clients} clients (book + trades, BTCUSDT + ETHUSDT, 20 Hz), market speed {speed}; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        await RunPhaseAsync("warm-up", Math.Min(seconds, 20), Math.Min(clients, 5), print: false).ConfigureAwait(false);
        var baseline = await RunPhaseAsync("no clients", seconds, 0, print: true).ConfigureAwait(false);
        var loaded = await RunPhaseAsync($"{clients} clients", seconds, clients, print: true).ConfigureAwait(false);

        Console.WriteLine();
        Console.WriteLine("Comparison (engine route handler latency, µs; events/s over the phase):");
        Console.WriteLine($"{"route",-44} {"p50 0",8} {"p50 N",8} {"p99 0",8} {"p99 N",8} {"p99.9 0",9} {"p99.9 N",9} {"handled 0",10} {"handled N",10}");
        foreach (var route in baseline.Routes.OrderByDescending(r => r.Handled).Take(12))
        {
            var other = loaded.Routes.FirstOrDefault(r => r.Name == route.Name && r.EventType == route.EventType && r.Instrument == route.Instrument);
            if (other is null)
            {
                continue;
            }

            Console.WriteLine($"{Label(route),-44} {Us(route.LatencyP50Nanos),8} {Us(other.LatencyP50Nanos),8} {Us(route.LatencyP99Nanos),8} {Us(other.LatencyP99Nanos),8} {Us(route.LatencyP999Nanos),9} {Us(other.LatencyP999Nanos),9} {route.Handled,10} {other.Handled,10}");
        }

        Console.WriteLine($"{"events/s",-44} {baseline.EventsPerSecond,8:F0} {loaded.EventsPerSecond,8:F0}");
        Console.WriteLine($"{"heap after GC, MB (first → last sample)",-44} {Mb(baseline.Samples[0].HeapBytes)} → {Mb(baseline.Samples[^1].HeapBytes)}   {Mb(loaded.Samples[0].HeapBytes)} → {Mb(loaded.Samples[^1].HeapBytes)}");
        Console.WriteLine($"{"working set, MB (first → last sample)",-44} {Mb(baseline.Samples[0].WorkingSetBytes)} → {Mb(baseline.Samples[^1].WorkingSetBytes)}   {Mb(loaded.Samples[0].WorkingSetBytes)} → {Mb(loaded.Samples[^1].WorkingSetBytes)}");
    }

    private static async Task<PhaseResult> RunPhaseAsync(string name, int seconds, int clientCount, bool print)
    {
        await using var stack = await LoadStack.StartAsync().ConfigureAwait(false);
        var token = await stack.TokenAsync().ConfigureAwait(false);
        var clients = new List<LoadClient>();
        for (var i = 0; i < clientCount; i++)
        {
            clients.Add(await LoadClient.ConnectAsync(stack.Server.BaseAddress, token, stack.InstrumentIds).ConfigureAwait(false));
        }

        var startEvents = stack.Engine.Statistics.EventsProcessed;
        var started = Stopwatch.GetTimestamp();
        var samples = new List<MemorySample>();
        if (print)
        {
            Console.WriteLine();
            Console.WriteLine($"== {name}: {seconds} s");
            Console.WriteLine($"{"t (s)",6} {"heap after GC (MB)",19} {"working set (MB)",17} {"gen0",6} {"gen1",6} {"gen2",6} {"events/s",9} {"pushes/s",9} {"push MB/s",10}");
        }

        long lastEvents = startEvents, lastMessages = 0, lastBytes = 0;
        var lastAt = started;
        using var timer = new PeriodicTimer(SampleEvery);
        var end = started + (long)(seconds * (double)Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), end);
            if (remaining > SampleEvery)
            {
                await timer.WaitForNextTickAsync().ConfigureAwait(false);
            }
            else
            {
                await Task.Delay(remaining).ConfigureAwait(false);
            }

            var now = Stopwatch.GetTimestamp();
            var elapsed = Stopwatch.GetElapsedTime(lastAt, now).TotalSeconds;
            var events = stack.Engine.Statistics.EventsProcessed;
            var messages = clients.Sum(c => c.Messages);
            var bytes = clients.Sum(c => c.Bytes);
            var gc = GC.GetGCMemoryInfo();
            var sample = new MemorySample(
                Stopwatch.GetElapsedTime(started, now).TotalSeconds, gc.HeapSizeBytes, Environment.WorkingSet,
                GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
                (events - lastEvents) / elapsed, (messages - lastMessages) / elapsed, (bytes - lastBytes) / elapsed);
            samples.Add(sample);
            (lastEvents, lastMessages, lastBytes, lastAt) = (events, messages, bytes, now);
            if (print)
            {
                Console.WriteLine($"{sample.Seconds,6:F0} {Mb(sample.HeapBytes),19} {Mb(sample.WorkingSetBytes),17} {sample.Gen0,6} {sample.Gen1,6} {sample.Gen2,6} {sample.EventsPerSecond,9:F0} {sample.PushesPerSecond,9:F0} {sample.PushBytesPerSecond / 1e6,10:F2}");
            }
        }

        var statistics = stack.Engine.Statistics;
        var duration = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var eventsPerSecond = (statistics.EventsProcessed - startEvents) / duration;
        if (print && clientCount > 0)
        {
            var books = clients.Sum(c => c.BookMessages) / (double)clientCount / duration / stack.InstrumentIds.Count;
            var trades = clients.Sum(c => c.TradeMessages) / (double)clientCount / duration / stack.InstrumentIds.Count;
            var fastest = clients.Max(c => c.BookMessages) / duration / stack.InstrumentIds.Count;
            Console.WriteLine($"per client and instrument: book {books:F1} pushes/s (most {fastest:F1}), trades {trades:F1} pushes/s; errors {clients.Sum(c => c.Errors)}; clients still connected {clients.Count(c => c.Connected)}/{clientCount}");
        }

        foreach (var client in clients)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }

        return new PhaseResult(eventsPerSecond, statistics.Routes, samples);
    }

    private static string Label(RouteStatistics route)
    {
        var label = $"{route.Name} ({route.EventType}{(route.Instrument is null ? string.Empty : ", " + route.Instrument)})";
        return label.Length > 44 ? label[..44] : label;
    }

    private static string Us(long nanos) => (nanos / 1000.0).ToString("F1", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);

    private sealed record PhaseResult(double EventsPerSecond, IReadOnlyList<RouteStatistics> Routes, IReadOnlyList<MemorySample> Samples);

    private sealed record MemorySample(
        double Seconds, long HeapBytes, long WorkingSetBytes, int Gen0, int Gen1, int Gen2,
        double EventsPerSecond, double PushesPerSecond, double PushBytesPerSecond);

    /// <summary>The demo's stack (as the Cli wires it, without depending on the Cli).</summary>
    private sealed class LoadStack : IAsyncDisposable
    {
        private PaperVenueHost _venue = null!;
        private BinanceDataClient _data = null!;
        private CandleAggregator _aggregator = null!;
        private TradingNode _node = null!;
        private StateReplica _replica = null!;
        private ITimer _closeCandles = null!;

        public EngineLoop Engine { get; private set; } = null!;

        public FlowSightServer Server { get; private set; } = null!;

        public IReadOnlyList<string> InstrumentIds { get; private set; } = [];

        public static async Task<LoadStack> StartAsync()
        {
            var stack = new LoadStack();
            var venue = stack._venue = await PaperVenueHost.StartAsync(new PaperVenueOptions
            {
                Venue = PaperVenueKind.BinanceUsdm,
                Symbols = ["BTCUSDT", "ETHUSDT"],
                Seed = 7,
                Speed = Speed,
                WarmUp = TimeSpan.FromMinutes(5),
                Credentials = [new PaperCredential(ApiKey, ApiSecret, null, 1)],
            }).ConfigureAwait(false);
            var instruments = venue.Exchange.Instruments;
            stack.InstrumentIds = [.. instruments.Select(i => i.Id.Value)];
            var engine = stack.Engine = new EngineLoop(new FlowSightOptions { WaitStrategy = WaitStrategyKind.Blocking });
            BinanceDataClient? data = null;
            var books = new OrderBookManager(fault => data?.Resync(fault.Instrument));
            books.Attach(engine.Bus);
            foreach (var instrument in instruments)
            {
                books.Register(instrument.Id, instrument.PricePrecision, instrument.SizePrecision);
            }

            var candles = new MemoryKlineStore();
            var aggregator = stack._aggregator = new CandleAggregator(candles, engine.Bus);
            var node = stack._node = new TradingNode(engine, instruments, new TradingNodeOptions { Risk = new RiskLimits() });
            node.AddClient(new BinanceExecutionClient(new BinanceExecutionClientOptions
            {
                Market = BinanceMarket.UsdM,
                RestBaseAddress = venue.Endpoint("rest"),
                WebSocketBaseAddress = venue.Endpoint("ws"),
                ApiKey = ApiKey,
                ApiSecret = ApiSecret,
                Account = "paper",
                Instruments = instruments,
            }));
            data = stack._data = new BinanceDataClient(
                new BinanceDataClientOptions
                {
                    Market = BinanceMarket.UsdM,
                    Symbols = [.. instruments.Select(i => i.VenueSymbol)],
                    Streams = BinanceDataStreams.Default | BinanceDataStreams.MarkPrice,
                    RestBaseUri = venue.Endpoint("rest"),
                    StreamBaseUri = venue.Endpoint("ws"),
                    UseRoutedEndpoints = false,
                },
                engine);
            var replica = stack._replica = StateReplica.Attach(engine, instruments, books, candles, node);
            engine.Start();
            await node.StartAsync().ConfigureAwait(false);
            await data.StartAsync().ConfigureAwait(false);
            stack._closeCandles = TimeProvider.System.CreateTimer(_ => engine.Post(e => aggregator.CloseDue(e.Now)), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

            var options = new ServerOptions
            {
                Urls = "http://127.0.0.1:0",
                Users = [new ServerUser { Name = "viewer", Role = ServerRole.Viewer, PasswordHash = PasswordHashes.Hash("viewer") }],
                Rates = new StreamRates { BookHz = 20, TradesHz = 20 },
            };
            stack.Server = await FlowSightServer.StartAsync(new ServerContext { Engine = engine, Replica = replica, Trading = node, MarketData = [data] }, options).ConfigureAwait(false);

            var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
            while (!instruments.All(i => replica.GetBook(i.Id) is { Bids.Count: > 0, Asks.Count: > 0 }))
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new TimeoutException("The replica never showed both books within 30 s.");
                }

                await Task.Delay(50).ConfigureAwait(false);
            }

            return stack;
        }

        public async Task<string> TokenAsync()
        {
            using var http = new HttpClient { BaseAddress = Server.BaseAddress };
            using var response = await http.PostAsJsonAsync("api/auth/login", new { username = "viewer", password = "viewer" }).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
            return body.RootElement.GetProperty("token").GetString()!;
        }

        public async ValueTask DisposeAsync()
        {
            await _closeCandles.DisposeAsync().ConfigureAwait(false);
            await Server.DisposeAsync().ConfigureAwait(false);
            _replica.Dispose();
            await _data.DisposeAsync().ConfigureAwait(false);
            await _node.DisposeAsync().ConfigureAwait(false);
            Engine.Post(_ => _aggregator.Dispose());
            Engine.Stop();
            Engine.Dispose();
            await _venue.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A WebSocket client that subscribes and counts what it gets (it parses nothing, to cost little CPU).</summary>
    private sealed class LoadClient : IAsyncDisposable
    {
        private readonly ClientWebSocket _socket = new();
        private Task _reading = Task.CompletedTask;
        private long _messages;
        private long _bytes;

        public long Messages => Interlocked.Read(ref _messages);

        public long Bytes => Interlocked.Read(ref _bytes);

        public long BookMessages;

        public long TradeMessages;

        public long Errors;

        public bool Connected => _socket.State == WebSocketState.Open;

        public static async Task<LoadClient> ConnectAsync(Uri baseAddress, string token, IReadOnlyList<string> instruments)
        {
            var client = new LoadClient();
            var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/ws", Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
            await client._socket.ConnectAsync(uri, CancellationToken.None).ConfigureAwait(false);
            foreach (var instrument in instruments)
            {
                foreach (var topic in new[] { "book", "trades" })
                {
                    var message = Encoding.UTF8.GetBytes($$"""{"op":"subscribe","topic":"{{topic}}","instrument":"{{instrument}}"}""");
                    await client._socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
                }
            }

            client._reading = Task.Run(client.ReadAsync);
            return client;
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token).ConfigureAwait(false);
                await _reading.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException)
            {
                _socket.Abort();
            }

            _socket.Dispose();
        }

        private async Task ReadAsync()
        {
            var buffer = new byte[1 << 16];
            var messageStart = true;
            try
            {
                while (true)
                {
                    var result = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    Interlocked.Add(ref _bytes, result.Count);
                    if (messageStart)
                    {
                        // The topic is near the front of every message: look only there.
                        var head = buffer.AsSpan(0, Math.Min(result.Count, 48));
                        if (head.IndexOf(BookMarker) >= 0)
                        {
                            BookMessages++;
                        }
                        else if (head.IndexOf(TradesMarker) >= 0)
                        {
                            TradeMessages++;
                        }
                        else if (head.IndexOf(ErrorMarker) >= 0)
                        {
                            Errors++;
                        }
                    }

                    messageStart = result.EndOfMessage;
                    if (result.EndOfMessage)
                    {
                        Interlocked.Increment(ref _messages);
                    }
                }
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
                // Closed.
            }
        }
    }
}
