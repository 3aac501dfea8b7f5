using FlowSight.Venues.Tests.Trading;
using FlowSight.Core;
using FlowSight.PaperVenue.Hosting;
using FlowSight.Venues.Okx.Rest;
using FlowSight.Venues.Okx.Trading;
using Xunit;

namespace FlowSight.Venues.Tests.Okx.Trading;

/// <summary>
/// An OKX paper venue on 127.0.0.1 (market paused: the book only moves with our orders) with one account's key, its
/// instruments read through FlowSight's own OKX REST client, and <see cref="OkxExecutionClient"/>s connected to it.
/// </summary>
internal sealed class OkxTradingVenue : IAsyncDisposable
{
    public const int AccountId = 1;

    public static readonly PaperCredential Credential = new("h5-okx-key", "h5-okx-secret-0123456789", "H5-pass-1", AccountId);

    private readonly List<OkxExecutionClient> _clients = [];

    private OkxTradingVenue(PaperVenueHost host, IReadOnlyList<Instrument> instruments)
    {
        Host = host;
        Instruments = instruments;
        Btc = instruments.Single(i => i.VenueSymbol == "BTC-USDT-SWAP");
    }

    public PaperVenueHost Host { get; }

    public IReadOnlyList<Instrument> Instruments { get; }

    public Instrument Btc { get; }

    public static async Task<OkxTradingVenue> StartAsync(decimal usdt = 100_000m)
    {
        var host = await PaperVenueHost.StartAsync(
            new PaperVenueOptions
            {
                Venue = PaperVenueKind.Okx,
                Speed = 0,
                WarmUp = TimeSpan.FromMinutes(5),
                Credentials = [Credential],
                InitialBalances = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["USDT"] = usdt },
            },
            cancellationToken: TestContext.Current.CancellationToken);
        using var rest = new OkxRestClient(new OkxRestOptions { BaseAddress = host.Endpoint("rest") });
        var list = await rest.GetInstrumentsAsync(new OkxInstrumentsRequest(OkxInstrumentType.Swap), TestContext.Current.CancellationToken);
        return new OkxTradingVenue(host, [.. list.Instruments.Select(i => i.Spec)]);
    }

    public OkxExecutionClientOptions Options(bool webSocketOrders, Uri? privateStream = null) => new()
    {
        Account = "paper-okx",
        ApiKey = Credential.ApiKey,
        ApiSecret = Credential.Secret,
        Passphrase = Credential.Passphrase!,
        Instruments = Instruments,
        Rest = new OkxRestOptions { BaseAddress = Host.Endpoint("rest"), JitterRandomizer = new Random(7).NextDouble },
        PrivateStreamUri = privateStream ?? Host.Endpoint("ws-private"),
        UseWebSocketOrders = webSocketOrders,
        AmendInPlace = false,
        RandomSeed = 7,
    };

    /// <summary>A client, connected (logged in and subscribed) with <paramref name="sink"/>.</summary>
    public async Task<OkxExecutionClient> ConnectAsync(RecordingSink sink, bool webSocketOrders = true, OkxExecutionClientOptions? options = null)
    {
        var client = new OkxExecutionClient(options ?? Options(webSocketOrders));
        _clients.Add(client);
        await client.ConnectAsync(sink, TestContext.Current.CancellationToken);
        return client;
    }

    /// <summary>The best bid and ask of BTC-USDT-SWAP and the sizes there, as the venue's own REST book shows them.</summary>
    public async Task<(decimal Bid, decimal BidSize, decimal Ask, decimal AskSize)> TopAsync()
    {
        using var rest = new OkxRestClient(new OkxRestOptions { BaseAddress = Host.Endpoint("rest") });
        var book = (await rest.GetBookAsync(new OkxBookRequest(Btc.VenueSymbol) { Depth = 1 }, TestContext.Current.CancellationToken)).Book;
        return (book.Bids[0].Price.ToDecimal(), book.Bids[0].Size.ToDecimal(), book.Asks[0].Price.ToDecimal(), book.Asks[0].Size.ToDecimal());
    }

    public static SubmitOrder Limit(Instrument instrument, string id, OrderSide side, decimal price, decimal size, TimeInForce tif = TimeInForce.Gtc, bool reduceOnly = false) => new()
    {
        ClientOrderId = ClientOrderId.Parse(id),
        Instrument = instrument.Id,
        Side = side,
        Type = OrderType.Limit,
        Quantity = Quantity.FromDecimal(size, instrument.SizePrecision),
        Price = Price.FromDecimal(price, instrument.PricePrecision),
        TimeInForce = tif,
        ReduceOnly = reduceOnly,
    };

    public static SubmitOrder Market(Instrument instrument, string id, OrderSide side, decimal size, bool reduceOnly = false) => new()
    {
        ClientOrderId = ClientOrderId.Parse(id),
        Instrument = instrument.Id,
        Side = side,
        Type = OrderType.Market,
        Quantity = Quantity.FromDecimal(size, instrument.SizePrecision),
        ReduceOnly = reduceOnly,
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await Host.DisposeAsync();
    }
}
