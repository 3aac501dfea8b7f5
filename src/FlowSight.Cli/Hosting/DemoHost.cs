using FlowSight.Cli.Commands;
using FlowSight.Cli.Trading;
using FlowSight.PaperVenue.Hosting;
using FlowSight.Server.Auth;
using FlowSight.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace FlowSight.Cli.Hosting;

/// <summary>
/// <c>flowsight demo</c> without the command line (the browser tests start one directly): two paper venues on
/// 127.0.0.1 — Binance USDⓈ-M (BTCUSDT, ETHUSDT) and OKX (BTC-USDT-SWAP, ETH-USDT-SWAP), seeded synthetic markets or a
/// replayed recording — and a <see cref="FlowSightHost"/> that reaches them over loopback through FlowSight's real
/// adapters, trades their paper accounts and serves the dashboard to one local admin user.
/// </summary>
internal sealed class DemoHost : IAsyncDisposable
{
    private DemoHost(PaperVenueHost binance, PaperVenueHost okx, FlowSightHost host, DemoOptions options)
    {
        Binance = binance;
        Okx = okx;
        Host = host;
        UserName = options.UserName;
        Password = options.Password;
    }

    /// <summary>The Binance USDⓈ-M paper venue (<c>Endpoint("rest")</c>, <c>Endpoint("ws")</c>).</summary>
    public PaperVenueHost Binance { get; }

    /// <summary>The OKX paper venue (<c>Endpoint("rest")</c>, <c>Endpoint("ws-public")</c>, <c>Endpoint("ws-private")</c>).</summary>
    public PaperVenueHost Okx { get; }

    /// <summary>Both paper venues.</summary>
    public IReadOnlyList<PaperVenueHost> Venues => [Binance, Okx];

    /// <summary>The engine, trading node, replica and server.</summary>
    public FlowSightHost Host { get; }

    /// <summary>Where the dashboard is, e.g. <c>http://127.0.0.1:8080/</c>.</summary>
    public Uri DashboardUrl => Host.DashboardUrl;

    /// <summary>The demo user's name (role admin).</summary>
    public string UserName { get; }

    /// <summary>The demo user's password.</summary>
    public string Password { get; }

    /// <summary>Starts the venues, then the host; returns once the dashboard answers with books in sync and trades flowing.</summary>
    /// <exception cref="TimeoutException">The market did not come up in time; the message says what is missing.</exception>
    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<DemoHost> StartAsync(DemoOptions options, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        PaperVenueHost? binance = null;
        PaperVenueHost? okx = null;
        try
        {
            // The venues generate their warm-up history as they start: side by side, that takes half as long.
            var binanceStart = PaperVenueHost.StartAsync(
                new PaperVenueOptions
                {
                    Venue = PaperVenueKind.BinanceUsdm,
                    // A recording lists what it trades; the synthetic market lists both perpetuals.
                    Symbols = options.ReplayFile is null ? ["BTCUSDT", "ETHUSDT"] : [],
                    Seed = options.Seed,
                    ReplayFile = options.ReplayFile,
                    Speed = options.Speed,
                    WarmUp = options.WarmUp,
                },
                cancellationToken: cancellationToken);
            var okxStart = PaperVenueHost.StartAsync(
                new PaperVenueOptions
                {
                    Venue = PaperVenueKind.Okx,
                    Symbols = ["BTC-USDT-SWAP", "ETH-USDT-SWAP"],
                    // Another seed, so the two venues' prices wander apart like real venues' do.
                    Seed = options.Seed + 1000,
                    Speed = options.Speed,
                    WarmUp = options.WarmUp,
                },
                cancellationToken: cancellationToken);
            try
            {
                await Task.WhenAll(binanceStart, okxStart).ConfigureAwait(false);
            }
            catch
            {
                // One failed: stop the other if it started.
                foreach (var start in new[] { binanceStart, okxStart }.Where(t => t.IsCompletedSuccessfully))
                {
                    await (await start.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
                }

                throw;
            }

            binance = await binanceStart.ConfigureAwait(false);
            okx = await okxStart.ConfigureAwait(false);

            var host = await FlowSightHost.StartAsync(
                new FlowSightHostOptions
                {
                    Markets =
                    [
                        new MarketFeed(new MarketArgument(CliMarket.BinanceUsdM, Symbols(binance)), binance.BaseAddress),
                        new MarketFeed(new MarketArgument(CliMarket.Okx, Symbols(okx)), okx.BaseAddress),
                    ],
                    Accounts = [PaperAccount("paper-binance", "binance-usdm", binance, binance.Endpoint("ws")), PaperAccount("paper-okx", "okx", okx, okx.Endpoint("ws-private"))],
                    Risk = options.Risk,
                    ReadyTimeout = options.ReadyTimeout,
                    Server = new ServerOptions
                    {
                        Urls = $"http://127.0.0.1:{options.Port}",
                        Users = [new ServerUser { Name = options.UserName, PasswordHash = PasswordHashes.Hash(options.Password), Role = ServerRole.Admin }, .. options.ExtraUsers],
                        WebRoot = options.WebRoot,
                    },
                },
                loggers,
                cancellationToken).ConfigureAwait(false);
            return new DemoHost(binance, okx, host, options);
        }
        catch
        {
            if (okx is not null)
            {
                await okx.DisposeAsync().ConfigureAwait(false);
            }

            if (binance is not null)
            {
                await binance.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Stops the host (server, trading node, feeds, engine), then the paper venues.</summary>
    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
        await Okx.DisposeAsync().ConfigureAwait(false);
        await Binance.DisposeAsync().ConfigureAwait(false);
    }

    private static List<string> Symbols(PaperVenueHost venue) => [.. venue.Exchange.Instruments.Select(i => i.VenueSymbol)];

    private static TradingAccount PaperAccount(string name, string venue, PaperVenueHost host, Uri webSocket)
    {
        var credential = host.Exchange.Credentials.All[0];
        return new TradingAccount
        {
            Name = name,
            Venue = venue,
            Rest = host.Endpoint("rest"),
            WebSocket = webSocket,
            ApiKey = credential.ApiKey,
            ApiSecret = credential.Secret,
            Passphrase = credential.Passphrase,
            Symbols = Symbols(host),
        };
    }
}
