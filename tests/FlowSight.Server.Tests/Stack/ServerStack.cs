using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.Engine.Candles;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.OrderBook;
using FlowSight.Engine.Risk;
using FlowSight.Engine.Trading;
using FlowSight.PaperVenue.Hosting;
using FlowSight.Server.Hosting;
using FlowSight.Server.State;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Data;
using FlowSight.Venues.Binance.Trading;
using Microsoft.AspNetCore.Identity;
using Xunit;

namespace FlowSight.Server.Tests.Stack;

/// <summary>
/// The real server stack on 127.0.0.1, nothing mocked: a paper venue speaking Binance USDⓈ-M (BTCUSDT and ETHUSDT,
/// seeded synthetic market), the engine on its thread, FlowSight's Binance market-data client feeding the books
/// (resynchronised on a fault), the candle store and aggregator, a trading node with the Binance execution client,
/// the state replica and the web server with three users — viewer, trader and admin, each with their name as password.
/// </summary>
public sealed class ServerStack : IAsyncDisposable
{
    /// <summary>The paper venue account's API key.</summary>
    public const string ApiKey = "server-test-key";

    /// <summary>The paper venue account's secret.</summary>
    public const string ApiSecret = "server-test-secret";

    /// <summary>How long a wait for the stack may take before the test fails.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly List<HttpClient> _clients = [];
    private readonly ITimer _closeCandles;

    private ServerStack(
        PaperVenueHost venue,
        EngineLoop engine,
        BinanceDataClient data,
        OrderBookManager books,
        MemoryKlineStore candles,
        CandleAggregator aggregator,
        TradingNode node,
        StateReplica replica,
        FlowSightServer server)
    {
        Venue = venue;
        Engine = engine;
        Data = data;
        Books = books;
        Candles = candles;
        Aggregator = aggregator;
        Node = node;
        Replica = replica;
        Server = server;
        _closeCandles = TimeProvider.System.CreateTimer(_ => engine.Post(e => aggregator.CloseDue(e.Now)), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>The users: name, password (= name), role.</summary>
    public static IReadOnlyList<(string Name, ServerRole Role)> UserRoles { get; } =
    [
        ("viewer", ServerRole.Viewer),
        ("trader", ServerRole.Trader),
        ("admin", ServerRole.Admin),
    ];

    /// <summary>The paper venue.</summary>
    public PaperVenueHost Venue { get; }

    /// <summary>The engine (running on its own thread).</summary>
    public EngineLoop Engine { get; }

    /// <summary>The market-data client.</summary>
    public BinanceDataClient Data { get; }

    /// <summary>The engine's books.</summary>
    public OrderBookManager Books { get; }

    /// <summary>The candle store.</summary>
    public MemoryKlineStore Candles { get; }

    /// <summary>The candle aggregator (trades to candles).</summary>
    public CandleAggregator Aggregator { get; }

    /// <summary>The trading node (orders, risk, portfolio) with the Binance execution client.</summary>
    public TradingNode Node { get; }

    /// <summary>The replica the server reads.</summary>
    public StateReplica Replica { get; }

    /// <summary>The web server.</summary>
    public FlowSightServer Server { get; }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:43123/</c>.</summary>
    public Uri BaseAddress => Server.BaseAddress;

    /// <summary>The instruments (BTCUSDT then ETHUSDT).</summary>
    public IReadOnlyList<Instrument> Instruments => Node.Instruments;

    /// <summary>BTCUSDT-PERP.BINANCE.</summary>
    public Instrument Btc => Instruments.First(i => i.VenueSymbol == "BTCUSDT");

    /// <summary>ETHUSDT-PERP.BINANCE.</summary>
    public Instrument Eth => Instruments.First(i => i.VenueSymbol == "ETHUSDT");

    /// <summary>
    /// Starts everything and returns once the node has reconciled and the replica shows both books with both sides.
    /// </summary>
    /// <param name="risk">The risk limits (none by default).</param>
    /// <param name="configure">Changes to the server options (users, rates, …) before the server starts.</param>
    /// <param name="replicaOptions">The replica's options.</param>
    public static async Task<ServerStack> StartAsync(RiskLimits? risk = null, Func<ServerOptions, ServerOptions>? configure = null, StateReplicaOptions? replicaOptions = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var venue = await PaperVenueHost.StartAsync(
            new PaperVenueOptions
            {
                Venue = PaperVenueKind.BinanceUsdm,
                Symbols = ["BTCUSDT", "ETHUSDT"],
                Seed = 7,
                Speed = 1,
                WarmUp = TimeSpan.FromMinutes(1),
                Credentials = [new PaperCredential(ApiKey, ApiSecret, null, 1)],
            },
            cancellationToken: ct);
        var instruments = venue.Exchange.Instruments;
        var engine = new EngineLoop(new FlowSightOptions { WaitStrategy = WaitStrategyKind.Blocking });
        BinanceDataClient? data = null;
        var books = new OrderBookManager(fault => data?.Resync(fault.Instrument));
        books.Attach(engine.Bus);
        foreach (var instrument in instruments)
        {
            books.Register(instrument.Id, instrument.PricePrecision, instrument.SizePrecision);
        }

        var candles = new MemoryKlineStore();
        var aggregator = new CandleAggregator(candles, engine.Bus);
        var node = new TradingNode(engine, instruments, new TradingNodeOptions { Risk = risk ?? new RiskLimits() });
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
        data = new BinanceDataClient(
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
        var replica = StateReplica.Attach(engine, instruments, books, candles, node, replicaOptions);
        engine.Start();
        await node.StartAsync(ct);
        await data.StartAsync(ct);

        var hasher = new PasswordHasher<ServerUser>();
        var users = UserRoles.Select(u =>
        {
            var user = new ServerUser { Name = u.Name, Role = u.Role };
            return user with { PasswordHash = hasher.HashPassword(user, u.Name) };
        }).ToList();
        var options = new ServerOptions { Urls = "http://127.0.0.1:0", Users = users };
        options = configure?.Invoke(options) ?? options;
        var server = await FlowSightServer.StartAsync(
            new ServerContext { Engine = engine, Replica = replica, Trading = node, MarketData = [data] },
            options,
            cancellationToken: ct);
        var stack = new ServerStack(venue, engine, data, books, candles, aggregator, node, replica, server);
        try
        {
            await stack.WaitUntilAsync(() => stack.Instruments.All(i => replica.GetBook(i.Id) is { Bids.Count: > 0, Asks.Count: > 0 }), "both books with both sides in the replica");
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }

        return stack;
    }

    /// <summary>An HTTP client for the server with no token.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = Patience };
        _clients.Add(client);
        return client;
    }

    /// <summary>Logs <paramref name="user"/> in (password = name) and returns a client sending its bearer token.</summary>
    public async Task<HttpClient> LoginAsync(string user) => CreateClient(await TokenAsync(user));

    /// <summary>Logs <paramref name="user"/> in (password = name) and returns the token.</summary>
    public async Task<string> TokenAsync(string user)
    {
        using var anonymous = new HttpClient { BaseAddress = BaseAddress, Timeout = Patience };
        using var response = await anonymous.PostAsJsonAsync("api/auth/login", new { username = user, password = user }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("token").GetString() ?? throw new InvalidOperationException("The login answer has no token.");
    }

    /// <summary>An HTTP client for the server that sends <paramref name="token"/> as its bearer token.</summary>
    public HttpClient CreateClient(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Waits until <paramref name="condition"/> holds (polled every 20 ms); fails the test after <see cref="Patience"/>.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {(patience ?? Patience).TotalSeconds:0} s for {what}.");
            }

            await tick.WaitForNextTickAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _closeCandles.DisposeAsync();
        await Server.DisposeAsync();
        Replica.Dispose();
        await Data.DisposeAsync();
        await Node.DisposeAsync();
        Engine.Post(_ => Aggregator.Dispose());
        Engine.Stop();
        Engine.Dispose();
        await Venue.DisposeAsync();
    }
}
