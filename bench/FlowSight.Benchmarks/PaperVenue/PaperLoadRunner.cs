using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using FlowSight.PaperVenue.Hosting;
using HdrHistogram;

namespace FlowSight.Benchmarks.PaperVenue;

/// <summary>
/// The paper venue's load criterion (issue 6): signed <c>POST</c>/<c>DELETE /fapi/v1/order</c> at a paced rate over
/// loopback HTTP/1.1 (post-only limit orders away from the touch, each cancelled by the next request of its
/// connection), every request's latency in an HdrHistogram; then the same with 50 WebSocket subscribers of
/// <c>btcusdt@depth@100ms</c>, to show the exchange thread does not slow with them. A probe times a no-op round trip
/// through the exchange thread's queue every 10 ms in both phases.
/// Run: <c>dotnet run -c Release --project bench/FlowSight.Benchmarks -- paper-load [seconds] [rate] [subscribers] [connections]</c>.
/// </summary>
/// <remarks>
/// The venue's own limits (Binance's 2,400 weight and 1,200 orders a minute, 300 per 10 s) would refuse this load by
/// design, so this run raises them (<see cref="PaperVenueOptions.RequestWeightPerMinute"/>,
/// <see cref="PaperVenueOptions.OrdersPerMinute"/>, <see cref="PaperVenueOptions.OrdersPer10Seconds"/>).
/// </remarks>
public static class PaperLoadRunner
{
    private const string Symbol = "BTCUSDT";
    private const string ApiKey = "paper-load-key";
    private const string Secret = "paper-load-secret-0123456789abcdef0123456789abcdef";
    private static int Connections = 32;
    private static int _clientOrderIds;

    /// <summary>Runs a warm-up, the phase without subscribers, then the phase with them; prints the figures.</summary>
    public static async Task RunAsync(int seconds, int rate, int subscribers, int connections = 32)
    {
        Connections = connections;
        var options = new PaperVenueOptions
        {
            Venue = PaperVenueKind.BinanceUsdm,
            Symbols = [Symbol],
            Speed = 1,
            WarmUp = TimeSpan.FromMinutes(2),
            Credentials = [new PaperCredential(ApiKey, Secret, null, 1)],
            RequestWeightPerMinute = int.MaxValue / 2,
            OrdersPerMinute = int.MaxValue / 2,
            OrdersPer10Seconds = int.MaxValue / 2,
        };
        await using var host = await PaperVenueHost.StartAsync(options).ConfigureAwait(false);
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Connections,
            UseProxy = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var http = new HttpClient(handler) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("X-MBX-APIKEY", ApiKey);

        var price = await RestingBuyPriceAsync(http).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"paper venue {host.BaseAddress} (Binance USDⓈ-M, {Symbol}, speed 1), {Environment.ProcessorCount} cores; {Connections} HTTP/1.1 connections; post-only buys at {price} and their cancels, paced at {rate:N0}/s"));

        await IdleCpuAsync("before any request").ConfigureAwait(false);
        await RunPhaseAsync(http, host, price, rate, 5, "warm-up (not counted)", print: false).ConfigureAwait(false);
        await IdleCpuAsync("after the warm-up (background JIT tiering runs now)").ConfigureAwait(false);
        var quiet = await RunPhaseAsync(http, host, price, rate, seconds, "no subscribers", print: true).ConfigureAwait(false);

        var quietMax = await RunPhaseAsync(http, host, price, 0, Math.Max(3, seconds / 2), $"capacity, no subscribers ({Connections} connections, closed loop)", print: true).ConfigureAwait(false);

        var wsBase = host.BaseAddress.ToString().Replace("http://", "ws://", StringComparison.Ordinal);
        var depth = new DepthSubscribers(new Uri(wsBase + "ws/" + Symbol.ToLowerInvariant() + "@depth@100ms"), subscribers);
        await depth.StartAsync().ConfigureAwait(false);
        var before = depth.Snapshot();
        var busy = await RunPhaseAsync(http, host, price, rate, seconds, $"{subscribers} depth@100ms subscribers", print: true).ConfigureAwait(false);
        var busyMax = await RunPhaseAsync(http, host, price, 0, Math.Max(3, seconds / 2), $"capacity, {subscribers} subscribers ({Connections} connections, closed loop)", print: true).ConfigureAwait(false);
        var after = depth.Snapshot();
        await depth.StopAsync().ConfigureAwait(false);
        var idle = await IdleCpuAsync("at the end").ConfigureAwait(false);
        foreach (var (phase, label) in new[] { (quiet, "no subscribers"), (busy, "subscribers") })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU per request above the idle market ({label}): {Math.Max(0, phase.Cpu.TotalSeconds - (idle * phase.Elapsed.TotalSeconds)) * 1e6 / (phase.Rate * phase.Elapsed.TotalSeconds):N0} µs (client and venue together)"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"subscribers: {subscribers} connected, {(after.Messages - before.Messages) / (busy.Elapsed + busyMax.Elapsed).TotalSeconds:N0} messages/s received in all ({(after.Bytes - before.Bytes) / (busy.Elapsed + busyMax.Elapsed).TotalSeconds / 1024:N0} KiB/s), {after.Closed} closed by the venue, min per subscriber {after.MinPerSubscriber:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"with subscribers / without: capacity {busyMax.Rate:N0}/s vs {quietMax.Rate:N0}/s ({busyMax.Rate / quietMax.Rate:P1}); paced: achieved rate {busy.Rate / quiet.Rate:P1}, p99 {busy.Latency.GetValueAtPercentile(99) / (double)Math.Max(1, quiet.Latency.GetValueAtPercentile(99)):N2}x, exchange probe p99 {busy.Probe.GetValueAtPercentile(99) / (double)Math.Max(1, quiet.Probe.GetValueAtPercentile(99)):N2}x"));
    }

    private static async Task<string> RestingBuyPriceAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/fapi/v1/ticker/bookTicker?symbol=" + Symbol, UriKind.Relative)).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"bookTicker answered {(int)response.StatusCode}: {text}");
        }

        using var json = JsonDocument.Parse(text);
        var bid = decimal.Parse(json.RootElement.GetProperty("bidPrice").GetString()!, CultureInfo.InvariantCulture);
        // 3 % under the bid: it rests (post-only) and stays inside Binance's PERCENT_PRICE band.
        return (Math.Floor(bid * 0.97m * 10) / 10).ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static async Task<PhaseResult> RunPhaseAsync(HttpClient http, PaperVenueHost host, string price, int rate, int seconds, string name, bool print)
    {
        // rate 0: closed loop, every connection sends its next request as soon as the last is answered (capacity).
        var total = rate > 0 ? rate * seconds : 0;
        var latency = new LongHistogram(TimeStamp.Seconds(10), 3);
        var scheduledLatency = new LongHistogram(TimeStamp.Seconds(60), 3);
        var probe = new LongHistogram(TimeStamp.Seconds(10), 3);
        var errors = 0;
        string? firstError = null;
        var due = rate > 0
            ? Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleWriter = true })
            : Channel.CreateBounded<long>(new BoundedChannelOptions(1) { SingleWriter = true });
        using var stopProbe = new CancellationTokenSource();
        var probing = ProbeAsync(host, probe, stopProbe.Token);
        var workers = new Task[Connections];
        for (var w = 0; w < Connections; w++)
        {
            var worker = w;
            workers[w] = Task.Run(async () =>
            {
                string? resting = null;
                var local = new LongHistogram(TimeStamp.Seconds(10), 3);
                var localScheduled = new LongHistogram(TimeStamp.Seconds(60), 3);
                await foreach (var scheduled in due.Reader.ReadAllAsync().ConfigureAwait(false))
                {
                    var start = Stopwatch.GetTimestamp();
                    using var request = resting is null
                        ? Place(price, resting = string.Create(CultureInfo.InvariantCulture, $"load-{worker}-{Interlocked.Increment(ref _clientOrderIds)}"))
                        : Cancel(resting);
                    if (request.Method == HttpMethod.Delete)
                    {
                        resting = null;
                    }

                    using var response = await http.SendAsync(request).ConfigureAwait(false);
                    var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    var end = Stopwatch.GetTimestamp();
                    local.RecordValue(Math.Max(1, (end - start) * 1_000_000 / Stopwatch.Frequency));
                    localScheduled.RecordValue(Math.Max(1, (end - scheduled) * 1_000_000 / Stopwatch.Frequency));
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode} {body}", null);
                        resting = null;
                    }
                }

                lock (latency)
                {
                    latency.Add(local);
                    scheduledLatency.Add(localScheduled);
                }
            });
        }

        // One pacer releases each request at its time (open loop: a slow answer does not delay the next send).
        var interval = rate > 0 ? (double)Stopwatch.Frequency / rate : 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var began = Stopwatch.GetTimestamp();
        var until = began + (seconds * Stopwatch.Frequency);
        while (rate == 0 && Stopwatch.GetTimestamp() < until)
        {
            await due.Writer.WriteAsync(Stopwatch.GetTimestamp()).ConfigureAwait(false);
            total++;
        }

        for (var released = 0; released < total && rate > 0;)
        {
            var now = Stopwatch.GetTimestamp();
            var dueNow = Math.Min(total, (int)((now - began) / interval) + 1);
            for (; released < dueNow; released++)
            {
                due.Writer.TryWrite(began + (long)(released * interval));
            }

            await Task.Delay(1).ConfigureAwait(false);
        }

        due.Writer.Complete();
        await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(began);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        await stopProbe.CancelAsync().ConfigureAwait(false);
        await probing.ConfigureAwait(false);
        var result = new PhaseResult(total / elapsed.TotalSeconds, elapsed, latency, scheduledLatency, probe, errors, cpu);
        if (print)
        {
            Console.WriteLine();
            Console.WriteLine($"-- {name}: {total:N0} signed orders/cancels in {elapsed.TotalSeconds:N2} s = {result.Rate:N0}/s, errors {errors}{(firstError is null ? string.Empty : " (first: " + firstError + ")")}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   process CPU {cpu.TotalSeconds / elapsed.TotalSeconds:P0} of one core; machine load average {LoadAverage()}"));
            Print("REST latency (send → answer)", latency);
            Print("REST latency (scheduled → answer)", scheduledLatency);
            Print("exchange-thread probe round trip", probe);
        }

        return result;
    }

    private static async Task<double> IdleCpuAsync(string when)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        var fraction = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / Stopwatch.GetElapsedTime(start).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"idle {when} (the synthetic market alone, no requests): process CPU {fraction:P0} of one core"));
        return fraction;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void Print(string what, LongHistogram histogram) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   {what,-36} µs: p50 {histogram.GetValueAtPercentile(50),6}  p90 {histogram.GetValueAtPercentile(90),6}  p99 {histogram.GetValueAtPercentile(99),6}  p99.9 {histogram.GetValueAtPercentile(99.9),6}  max {histogram.GetMaxValue(),7}  (n={histogram.TotalCount:N0})"));

    private static async Task ProbeAsync(PaperVenueHost host, LongHistogram probe, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                var start = Stopwatch.GetTimestamp();
                await host.Exchange.InvokeAsync(() => 0).ConfigureAwait(false);
                probe.RecordValue(Math.Max(1, Stopwatch.GetElapsedTime(start).Ticks / 10));
            }
        }
        catch (OperationCanceledException)
        {
            // The phase ended.
        }
    }

    private static HttpRequestMessage Place(string price, string clientOrderId)
    {
        var query = Signed(string.Create(CultureInfo.InvariantCulture,
            $"symbol={Symbol}&side=BUY&type=LIMIT&timeInForce=GTX&quantity=0.002&price={price}&newClientOrderId={clientOrderId}&newOrderRespType=ACK&recvWindow=5000&timestamp={DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}"));
        return new HttpRequestMessage(HttpMethod.Post, new Uri("/fapi/v1/order", UriKind.Relative))
        {
            Content = new StringContent(query, Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
    }

    private static HttpRequestMessage Cancel(string clientOrderId)
    {
        var query = Signed(string.Create(CultureInfo.InvariantCulture,
            $"symbol={Symbol}&origClientOrderId={clientOrderId}&recvWindow=5000&timestamp={DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}"));
        return new HttpRequestMessage(HttpMethod.Delete, new Uri("/fapi/v1/order?" + query, UriKind.Relative));
    }

    private static string Signed(string query)
    {
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(query));
        return query + "&signature=" + Convert.ToHexStringLower(signature);
    }

    private sealed record PhaseResult(double Rate, TimeSpan Elapsed, LongHistogram Latency, LongHistogram Scheduled, LongHistogram Probe, int Errors, TimeSpan Cpu);

    /// <summary>Clients of one depth stream, each reading as fast as it can and counting what arrives.</summary>
    private sealed class DepthSubscribers(Uri stream, int count)
    {
        private readonly ClientWebSocket[] _sockets = new ClientWebSocket[count];
        private readonly long[] _messages = new long[count];
        private readonly long[] _bytes = new long[count];
        private readonly Task[] _readers = new Task[count];
        private readonly CancellationTokenSource _stop = new();
        private int _closed;

        public async Task StartAsync()
        {
            var first = new TaskCompletionSource[count];
            for (var i = 0; i < count; i++)
            {
                var socket = new ClientWebSocket();
                await socket.ConnectAsync(stream, CancellationToken.None).ConfigureAwait(false);
                _sockets[i] = socket;
                var index = i;
                first[i] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _readers[i] = Task.Run(() => ReadAsync(index, first[index]));
            }

            await Task.WhenAll(first.Select(f => f.Task)).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }

        public (long Messages, long Bytes, int Closed, long MinPerSubscriber) Snapshot()
        {
            long messages = 0, bytes = 0, min = long.MaxValue;
            for (var i = 0; i < count; i++)
            {
                var m = Interlocked.Read(ref _messages[i]);
                messages += m;
                bytes += Interlocked.Read(ref _bytes[i]);
                min = Math.Min(min, m);
            }

            return (messages, bytes, Volatile.Read(ref _closed), min);
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            foreach (var socket in _sockets)
            {
                socket.Abort();
            }

            await Task.WhenAll(_readers).ConfigureAwait(false);
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }

            _stop.Dispose();
        }

        private async Task ReadAsync(int index, TaskCompletionSource first)
        {
            var buffer = new byte[256 * 1024];
            var socket = _sockets[index];
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var received = await socket.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        Interlocked.Increment(ref _closed);
                        first.TrySetException(new InvalidOperationException("The venue closed a depth subscriber before its first message."));
                        return;
                    }

                    Interlocked.Add(ref _bytes[index], received.Count);
                    if (received.EndOfMessage)
                    {
                        Interlocked.Increment(ref _messages[index]);
                        first.TrySetResult();
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
                first.TrySetException(ex);
            }
        }
    }
}
