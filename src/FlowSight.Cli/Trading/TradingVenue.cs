using FlowSight.Core;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Rest;
using FlowSight.Venues.Binance.Trading;
using FlowSight.Venues.GateIo;
using FlowSight.Venues.GateIo.Rest;
using FlowSight.Venues.GateIo.Trading;
using FlowSight.Venues.Okx.Rest;
using FlowSight.Venues.Okx.Trading;
using Microsoft.Extensions.Logging;

namespace FlowSight.Cli.Trading;

/// <summary>
/// An account's venue, ready to trade: its instrument specs (from the venue's REST), FlowSight's execution client for
/// it, and a way to read current prices for the risk engine (mark price on USDⓈ-M, the book's mid elsewhere).
/// </summary>
internal sealed class TradingVenue
{
    private readonly Func<Instrument, CancellationToken, Task<MarkPrice?>> _price;

    private TradingVenue(IReadOnlyList<Instrument> instruments, IExecutionClient client, Func<Instrument, CancellationToken, Task<MarkPrice?>> price)
    {
        Instruments = instruments;
        Client = client;
        _price = price;
    }

    /// <summary>The instruments the account trades.</summary>
    public IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>The execution client (owned by whoever adds it to a trading node).</summary>
    public IExecutionClient Client { get; }

    /// <summary>The instrument named <paramref name="symbol"/> by its venue symbol or FlowSight id, case-insensitive.</summary>
    public bool TryFind(string symbol, out Instrument instrument)
    {
        instrument = Instruments.FirstOrDefault(i =>
            string.Equals(i.VenueSymbol, symbol, StringComparison.OrdinalIgnoreCase) || string.Equals(i.Id.Value, symbol, StringComparison.OrdinalIgnoreCase))!;
        return instrument is not null;
    }

    /// <summary>The current price of <paramref name="instrument"/> as a mark-price event, or null when the venue has no book.</summary>
    public Task<MarkPrice?> PriceAsync(Instrument instrument, CancellationToken cancellationToken) => _price(instrument, cancellationToken);

    /// <summary>Loads the specs and builds the client for <paramref name="account"/>.</summary>
    /// <exception cref="Venues.Network.Http.VenueRestException">The venue could not be reached or refused.</exception>
    public static async Task<TradingVenue> ConnectAsync(TradingAccount account, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        switch (account.Venue)
        {
            case "binance-usdm":
            case "binance-spot":
                {
                    var market = account.Venue == "binance-spot" ? BinanceMarket.Spot : BinanceMarket.UsdM;
                    var rest = new BinanceRestClient(new BinanceRestOptions(market) { BaseAddress = account.Rest }, time);
                    var info = await rest.GetExchangeInfoAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    var instruments = Select(info.Instruments, account);
                    var client = new BinanceExecutionClient(
                        new BinanceExecutionClientOptions
                        {
                            Market = market,
                            RestBaseAddress = account.Rest,
                            WebSocketBaseAddress = account.WebSocket,
                            ApiKey = account.ApiKey,
                            ApiSecret = account.ApiSecret,
                            Account = account.Name,
                            Instruments = instruments,
                            TimeProvider = time,
                        },
                        loggers.CreateLogger<BinanceExecutionClient>());
                    return new TradingVenue(instruments, client, async (instrument, ct) =>
                    {
                        if (market == BinanceMarket.UsdM)
                        {
                            return await rest.GetMarkPriceAsync(new MarkPriceRequest(instrument.VenueSymbol), ct).ConfigureAwait(false);
                        }

                        var depth = await rest.GetDepthAsync(new DepthRequest(instrument.VenueSymbol) { Limit = 5 }, ct).ConfigureAwait(false);
                        return Mid(instrument, depth.Book, time);
                    });
                }

            case "okx":
                {
                    var rest = new OkxRestClient(new OkxRestOptions { BaseAddress = account.Rest }, time);
                    var list = await rest.GetAllInstrumentsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    var instruments = Select(list.Specs, account);
                    var client = new OkxExecutionClient(
                        new OkxExecutionClientOptions
                        {
                            Account = account.Name,
                            ApiKey = account.ApiKey,
                            ApiSecret = account.ApiSecret,
                            Passphrase = account.Passphrase ?? string.Empty,
                            Instruments = instruments,
                            Rest = new OkxRestOptions { BaseAddress = account.Rest },
                            PrivateStreamUri = account.WebSocket,
                        },
                        time,
                        loggers.CreateLogger<OkxExecutionClient>());
                    return new TradingVenue(instruments, client, async (instrument, ct) =>
                    {
                        var book = await rest.GetBookAsync(new OkxBookRequest(instrument.VenueSymbol) { Depth = 5 }, ct).ConfigureAwait(false);
                        return Mid(instrument, book.Book, time);
                    });
                }

            default:
                {
                    var market = account.Venue == "gate-spot" ? GateIoMarket.Spot : GateIoMarket.UsdtFutures;
                    var rest = new GateIoRestClient(new GateIoRestOptions { BaseAddress = account.Rest }, time);
                    var list = await rest.GetInstrumentsAsync(cancellationToken).ConfigureAwait(false);
                    var instruments = Select(list.Specs.Where(s => (s.Kind == InstrumentKind.Spot) == (market == GateIoMarket.Spot)), account);
                    var client = new GateIoExecutionClient(
                        new GateIoExecutionClientOptions
                        {
                            Market = market,
                            Account = account.Name,
                            ApiKey = account.ApiKey,
                            ApiSecret = account.ApiSecret,
                            UserId = account.UserId,
                            Instruments = instruments,
                            Rest = new GateIoRestOptions { BaseAddress = account.Rest },
                            PrivateStreamUri = account.WebSocket,
                        },
                        time,
                        loggers.CreateLogger<GateIoExecutionClient>());
                    return new TradingVenue(instruments, client, async (instrument, ct) =>
                    {
                        var book = await rest.GetBookAsync(new GateIoBookRequest(market, instrument.VenueSymbol) { Limit = 5 }, ct).ConfigureAwait(false);
                        return Mid(instrument, book.Book, time);
                    });
                }
        }
    }

    private static List<Instrument> Select(IEnumerable<Instrument> listed, TradingAccount account)
    {
        var all = listed.ToList();
        if (account.Symbols.Count == 0)
        {
            return all;
        }

        var chosen = all.Where(i => account.Symbols.Contains(i.VenueSymbol, StringComparer.OrdinalIgnoreCase)).ToList();
        var missing = account.Symbols.Where(s => chosen.All(i => !string.Equals(i.VenueSymbol, s, StringComparison.OrdinalIgnoreCase))).ToList();
        return missing.Count == 0
            ? chosen
            : throw new ArgumentException($"Account '{account.Name}' lists {string.Join(", ", missing)}, which {account.Venue} does not trade.");
    }

    private static MarkPrice? Mid(Instrument instrument, BookSnapshot book, TimeProvider time)
    {
        if (book.Bids.Count == 0 || book.Asks.Count == 0)
        {
            return null;
        }

        var mid = Price.FromDecimal((book.Bids[0].Price.ToDecimal() + book.Asks[0].Price.ToDecimal()) / 2, (byte)(instrument.PricePrecision + 1));
        var now = UnixNanos.Now(time);
        return new MarkPrice(instrument.Id, mid, mid, mid, 0m, 0, now, now);
    }
}
