using FlowSight.Core;
using FlowSight.PaperVenue.Hosting;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Rest;
using FlowSight.Venues.Binance.Trading;
using FlowSight.Venues.Network.Http;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Trading;

/// <summary>A paper venue (paused market), the instruments its exchangeInfo lists, and a connected <see cref="BinanceExecutionClient"/>.</summary>
internal sealed class BinanceTradingHarness : IAsyncDisposable
{
    public const string ApiKey = "h4-trading-key";
    public const string Secret = "h4-trading-secret-0123456789abcdef";
    public const int AccountId = 1;

    private BinanceTradingHarness(PaperVenueHost host, BinanceMarket market, IReadOnlyList<Instrument> instruments, BinanceExecutionClient client, RecordingSink sink)
    {
        Host = host;
        Market = market;
        Instruments = instruments;
        Client = client;
        Sink = sink;
        Btc = instruments.Single(i => i.VenueSymbol == "BTCUSDT");
        VenueBtc = host.Exchange.Instruments.Single(i => i.VenueSymbol == "BTCUSDT").Id;
    }

    public PaperVenueHost Host { get; }

    public BinanceMarket Market { get; }

    public IReadOnlyList<Instrument> Instruments { get; }

    public BinanceExecutionClient Client { get; }

    public RecordingSink Sink { get; }

    /// <summary>BTCUSDT as our exchangeInfo reader lists it.</summary>
    public Instrument Btc { get; }

    /// <summary>BTCUSDT's id inside the paper venue (for reading its truth).</summary>
    public InstrumentId VenueBtc { get; }

    public static async Task<BinanceTradingHarness> StartAsync(
        PaperVenueKind venue,
        TimeProvider? time = null,
        Func<PaperVenueOptions, PaperVenueOptions>? configure = null,
        Func<Uri, Uri>? rest = null,
        IReadOnlyList<RateLimitRule>? orderLimits = null,
        bool connect = true)
    {
        var options = new PaperVenueOptions
        {
            Venue = venue,
            Speed = 0,
            WarmUp = TimeSpan.FromMinutes(1),
            Credentials = [new PaperCredential(ApiKey, Secret, null, AccountId)],
        };
        var host = await PaperVenueHost.StartAsync(configure?.Invoke(options) ?? options, time, cancellationToken: TestContext.Current.CancellationToken);
        try
        {
            var market = venue == PaperVenueKind.BinanceSpot ? BinanceMarket.Spot : BinanceMarket.UsdM;
            IReadOnlyList<Instrument> instruments;
            using (var info = new BinanceRestClient(new BinanceRestOptions(market) { BaseAddress = host.Endpoint("rest"), ApplyExchangeRateLimits = false }, time))
            {
                instruments = [.. (await info.GetExchangeInfoAsync(cancellationToken: TestContext.Current.CancellationToken)).Instruments];
            }

            var sink = new RecordingSink();
            var client = new BinanceExecutionClient(new BinanceExecutionClientOptions
            {
                Market = market,
                RestBaseAddress = rest?.Invoke(host.Endpoint("rest")) ?? host.Endpoint("rest"),
                WebSocketBaseAddress = host.Endpoint("ws"),
                ApiKey = ApiKey,
                ApiSecret = Secret,
                Account = "paper-1",
                Instruments = instruments,
                TimeProvider = time ?? TimeProvider.System,
                OrderLimits = orderLimits,
            });
            if (connect)
            {
                await client.ConnectAsync(sink, TestContext.Current.CancellationToken);
            }

            return new BinanceTradingHarness(host, market, instruments, client, sink);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Best bid and ask from the venue's own book.</summary>
    public async Task<(Price Bid, Price Ask)> TouchAsync()
    {
        var (bid, ask) = await TopAsync();
        return (bid.Price, ask.Price);
    }

    /// <summary>Best bid and ask levels (price and size) from the venue's own book.</summary>
    public Task<(BookLevel Bid, BookLevel Ask)> TopAsync() => Host.Exchange.InvokeAsync(() =>
    {
        var book = Host.Exchange.MarketOf(VenueBtc).Book.Levels;
        var hasBid = book.TryGetBestBid(out var bid);
        var hasAsk = book.TryGetBestAsk(out var ask);
        Assert.True(hasBid && hasAsk, "the paper venue's book has both sides");
        return (bid, ask);
    });

    public SubmitOrder Limit(string id, OrderSide side, decimal quantity, Price price, TimeInForce tif = TimeInForce.Gtc, bool reduceOnly = false) => new()
    {
        ClientOrderId = ClientOrderId.Parse(id),
        Instrument = Btc.Id,
        Side = side,
        Type = OrderType.Limit,
        Quantity = Quantity.FromDecimal(quantity, Btc.SizePrecision),
        Price = price,
        TimeInForce = tif,
        ReduceOnly = reduceOnly,
    };

    public SubmitOrder MarketOrder(string id, OrderSide side, decimal quantity, bool reduceOnly = false) => new()
    {
        ClientOrderId = ClientOrderId.Parse(id),
        Instrument = Btc.Id,
        Side = side,
        Type = OrderType.Market,
        Quantity = Quantity.FromDecimal(quantity, Btc.SizePrecision),
        ReduceOnly = reduceOnly,
    };

    public Price Ticks(Price price, int ticks) => Price.FromDecimal(price.ToDecimal() + (ticks * Btc.TickSize.ToDecimal()), Btc.PricePrecision);

    /// <summary>The venue's orders with our client id.</summary>
    public Task<int> VenueOrderCountAsync(string clientOrderId) => Host.Exchange.InvokeAsync(() =>
        Host.Exchange.Orders.Orders(AccountId).Count(o => o.ClientOrderId.ToString() == clientOrderId));

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Host.DisposeAsync();
    }
}
