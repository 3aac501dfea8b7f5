using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.Risk;
using FlowSight.Engine.Trading;
using FlowSight.PaperVenue.Hosting;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Data;
using FlowSight.Venues.Binance.Trading;
using FlowSight.Venues.Data;
using FlowSight.Venues.Okx.Data;
using FlowSight.Venues.Okx.Rest;
using FlowSight.Venues.Okx.Trading;
using Xunit;

namespace FlowSight.Trading.Tests;

/// <summary>
/// The whole trading stack against the paper venue on 127.0.0.1: engine thread, trading node (orders, risk,
/// execution, portfolio), FlowSight's real execution client and market-data client for the venue. The venue's own
/// account is the truth the tests compare the node's view with.
/// </summary>
internal sealed class PaperTradingStack : IAsyncDisposable
{
    public const string ApiKey = "trading-test-key";
    public const string ApiSecret = "trading-test-secret";
    public const string Passphrase = "trading-test-pass";
    public const int AccountId = 1;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private PaperTradingStack(PaperVenueHost venue, EngineLoop engine, TradingNode node, IMarketDataClient data)
    {
        Venue = venue;
        Engine = engine;
        Node = node;
        Data = data;
    }

    public PaperVenueHost Venue { get; }

    public EngineLoop Engine { get; }

    public TradingNode Node { get; }

    public IMarketDataClient Data { get; }

    public Instrument Instrument => Node.Instruments[0];

    /// <summary>Starts venue, engine, node and clients; returns once the node reconciled and a mark price arrived.</summary>
    public static async Task<PaperTradingStack> StartAsync(PaperVenueKind kind, RiskLimits? risk = null, double speed = 0, TimeProvider? venueTime = null)
    {
        var venue = await PaperVenueHost.StartAsync(
            new PaperVenueOptions
            {
                Venue = kind,
                Speed = speed,
                WarmUp = TimeSpan.FromMinutes(1),
                Symbols = kind == PaperVenueKind.Okx ? ["BTC-USDT-SWAP"] : ["BTCUSDT"],
                Credentials = [new PaperCredential(ApiKey, ApiSecret, kind == PaperVenueKind.Okx ? Passphrase : null, AccountId)],
            },
            venueTime,
            cancellationToken: TestContext.Current.CancellationToken);
        var instruments = venue.Exchange.Instruments;
        var engine = new EngineLoop(new FlowSightOptions { WaitStrategy = WaitStrategyKind.Blocking });
        var node = new TradingNode(engine, instruments, new TradingNodeOptions { Risk = risk ?? new RiskLimits() });
        var marked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (kind == PaperVenueKind.BinanceSpot)
        {
            engine.Bus.Subscribe("test-first-price", new Handler<QuoteTick>((in QuoteTick _) => marked.TrySetResult()));
        }
        else
        {
            engine.Bus.Subscribe("test-first-price", new Handler<MarkPrice>((in MarkPrice _) => marked.TrySetResult()));
        }

        IMarketDataClient data;
        if (kind == PaperVenueKind.Okx)
        {
            node.AddClient(new OkxExecutionClient(new OkxExecutionClientOptions
            {
                Account = "paper",
                ApiKey = ApiKey,
                ApiSecret = ApiSecret,
                Passphrase = Passphrase,
                Instruments = instruments,
                Rest = new OkxRestOptions { BaseAddress = venue.Endpoint("rest") },
                PrivateStreamUri = venue.Endpoint("ws-private"),
            }, venueTime)); // the venue checks login and REST timestamps against its own clock
            data = new OkxDataClient(
                new OkxDataClientOptions
                {
                    InstIds = [instruments[0].VenueSymbol],
                    Channels = OkxDataChannels.BboTbt | OkxDataChannels.MarkPrice | OkxDataChannels.FundingRate,
                    RestBaseUri = venue.Endpoint("rest"),
                    StreamBaseUri = venue.Endpoint("ws"),
                },
                engine);
        }
        else
        {
            var market = kind == PaperVenueKind.BinanceSpot ? BinanceMarket.Spot : BinanceMarket.UsdM;
            node.AddClient(new BinanceExecutionClient(new BinanceExecutionClientOptions
            {
                Market = market,
                RestBaseAddress = venue.Endpoint("rest"),
                WebSocketBaseAddress = venue.Endpoint("ws"),
                ApiKey = ApiKey,
                ApiSecret = ApiSecret,
                Account = "paper",
                Instruments = instruments,
                TimeProvider = venueTime ?? TimeProvider.System, // the venue checks timestamps against its own clock
            }));
            data = new BinanceDataClient(
                new BinanceDataClientOptions
                {
                    Market = market,
                    Symbols = [instruments[0].VenueSymbol],
                    Streams = market == BinanceMarket.Spot ? BinanceDataStreams.BookTicker : BinanceDataStreams.BookTicker | BinanceDataStreams.MarkPrice,
                    RestBaseUri = venue.Endpoint("rest"),
                    StreamBaseUri = venue.Endpoint("ws"),
                    UseRoutedEndpoints = false,
                },
                engine);
        }

        engine.Start();
        await node.StartAsync(TestContext.Current.CancellationToken);
        await data.StartAsync(TestContext.Current.CancellationToken);
        if (venueTime is Microsoft.Extensions.Time.Testing.FakeTimeProvider fake)
        {
            // A fake venue clock stands still: move it a second so the venue publishes a mark.
            fake.Advance(TimeSpan.FromSeconds(1));
        }

        await marked.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);

        return new PaperTradingStack(venue, engine, node, data);
    }

    /// <summary>Waits for the first <typeparamref name="T"/> on the bus matching <paramref name="match"/>, published after <paramref name="action"/> starts.</summary>
    public async Task<T> NextAsync<T>(Func<T, bool> match, Func<Task>? action = null)
        where T : notnull
    {
        await using var watch = await WatchAsync(match);
        if (action is not null)
        {
            await action();
        }

        return await watch.Task;
    }

    /// <summary>Starts watching the bus for the first <typeparamref name="T"/> matching <paramref name="match"/>; the watch is in place when this returns.</summary>
    public async Task<Watch<T>> WatchAsync<T>(Func<T, bool> match)
        where T : notnull
    {
        var seen = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = await Node.InvokeAsync(n => n.Engine.Bus.Subscribe(
            "test-wait-" + typeof(T).Name,
            new Handler<T>((in T evt) =>
            {
                if (match(evt))
                {
                    seen.TrySetResult(evt);
                }
            })));
        return new Watch<T>(this, subscription, seen.Task.WaitAsync(Patience, TestContext.Current.CancellationToken));
    }

    /// <summary>A bus watch: <see cref="Task"/> completes with the first match (or times out).</summary>
    public sealed class Watch<T>(PaperTradingStack stack, IDisposable subscription, Task<T> task) : IAsyncDisposable
    {
        public Task<T> Task { get; } = task;

        public async ValueTask DisposeAsync() =>
            await stack.Node.InvokeAsync(_ =>
            {
                subscription.Dispose();
                return true;
            });
    }

    /// <summary>Runs <paramref name="read"/> on the paper exchange's thread.</summary>
    public Task<T> AtVenueAsync<T>(Func<PaperVenue.Exchange.PaperExchange, T> read) => Venue.Exchange.InvokeAsync(() => read(Venue.Exchange));

    public async ValueTask DisposeAsync()
    {
        await Data.DisposeAsync();
        await Node.DisposeAsync();
        Engine.Stop();
        Engine.Dispose();
        await Venue.DisposeAsync();
    }

    /// <summary>A bus handler from a lambda.</summary>
    private sealed class Handler<T>(HandlerAction<T> action) : IEventHandler<T>
        where T : notnull
    {
        public void Handle(in T evt) => action(in evt);
    }

    private delegate void HandlerAction<T>(in T evt);
}
