using FlowSight.Venues.Tests.Trading;
using FlowSight.Core;
using FlowSight.TestServers.GateIo;
using FlowSight.Venues.GateIo;
using FlowSight.Venues.GateIo.Rest;
using FlowSight.Venues.GateIo.Trading;
using Xunit;

namespace FlowSight.Venues.Tests.GateIo.Trading;

/// <summary>A local Gate.io private server (BTC_USDT spot and USDT perpetual at 50 000) and clients connected to it.</summary>
internal sealed class GateIoTradingVenue : IAsyncDisposable
{
    public const string Pair = "BTC_USDT";

    private readonly List<GateIoExecutionClient> _clients = [];

    private GateIoTradingVenue(GateIoPrivateServer server)
    {
        Server = server;
    }

    public GateIoPrivateServer Server { get; }

    public GateIoPrivateExchange Exchange => Server.Exchange;

    public static Instrument Spot { get; } = new()
    {
        Id = GateIoInstrumentIds.Of(GateIoMarket.Spot, Pair),
        VenueSymbol = Pair,
        Kind = InstrumentKind.Spot,
        BaseAsset = "BTC",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.FromDecimal(0.1m, 1),
        StepSize = Quantity.FromDecimal(0.0001m, 4),
        MinQuantity = Quantity.FromDecimal(0.0001m, 4),
    };

    public static Instrument Perpetual { get; } = new()
    {
        Id = GateIoInstrumentIds.Of(GateIoMarket.UsdtFutures, Pair),
        VenueSymbol = Pair,
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "BTC",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.FromDecimal(0.1m, 1),
        StepSize = Quantity.FromDecimal(1m, 0),
        MinQuantity = Quantity.FromDecimal(1m, 0),
        ContractMultiplier = 0.0001m,
        MaxLeverage = 100m,
    };

    /// <summary>The spot market's depth and price (set <see cref="GateIoPrivateMarket.Depth"/> for partial fills).</summary>
    public GateIoPrivateMarket SpotMarket => Server.Options.Markets[0];

    /// <summary>The perpetual's depth and price.</summary>
    public GateIoPrivateMarket FuturesMarket => Server.Options.Markets[1];

    public static async Task<GateIoTradingVenue> StartAsync(bool autoOrderUpdateAfterTriggeredOrder = false)
    {
        var spot = new GateIoPrivateMarket { Name = Pair, Price = 50_000m };
        var futures = new GateIoPrivateMarket { Name = Pair, Price = 50_000m, IsFutures = true, QuantoMultiplier = 0.0001m };
        var server = await GateIoPrivateServer.StartAsync(new GateIoPrivateServerOptions { Markets = [spot, futures], AutoOrderUpdateAfterTriggeredOrder = autoOrderUpdateAfterTriggeredOrder }, TestContext.Current.CancellationToken);
        return new GateIoTradingVenue(server);
    }

    public GateIoExecutionClient Client(GateIoMarket market, string? secret = null, Func<GateIoExecutionClientOptions, GateIoExecutionClientOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new GateIoExecutionClientOptions
        {
            Market = market,
            Account = "gate-test",
            ApiKey = Server.Options.ApiKey,
            ApiSecret = secret ?? Server.Options.ApiSecret,
            UserId = Server.Options.UserId,
            Instruments = [Spot, Perpetual],
            Rest = new GateIoRestOptions { BaseAddress = Server.RestApiRoot, AttemptTimeout = TimeSpan.FromSeconds(10), MaxRetryAttempts = 0, WindowBoundaryGuard = TimeSpan.FromMilliseconds(20) },
            PrivateStreamUri = market == GateIoMarket.Spot ? Server.SpotStreamUri : Server.FuturesStreamUri,
            Reconnect = new() { InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200) },
            RandomSeed = 7,
        };
        var client = new GateIoExecutionClient(configure is null ? options : configure(options), time);
        _clients.Add(client);
        return client;
    }

    public async Task<GateIoExecutionClient> ConnectAsync(GateIoMarket market, RecordingSink sink, Func<GateIoExecutionClientOptions, GateIoExecutionClientOptions>? configure = null)
    {
        var client = Client(market, configure: configure);
        await client.ConnectAsync(sink, TestContext.Current.CancellationToken);
        return client;
    }

    public static SubmitOrder Limit(Instrument instrument, string id, OrderSide side, decimal price, decimal quantity, TimeInForce tif = TimeInForce.Gtc, bool reduceOnly = false) => new()
    {
        ClientOrderId = ClientOrderId.Parse(id),
        Instrument = instrument.Id,
        Side = side,
        Type = OrderType.Limit,
        Quantity = Quantity.FromDecimal(quantity, instrument.SizePrecision),
        Price = Price.FromDecimal(price, instrument.PricePrecision),
        TimeInForce = tif,
        ReduceOnly = reduceOnly,
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}
