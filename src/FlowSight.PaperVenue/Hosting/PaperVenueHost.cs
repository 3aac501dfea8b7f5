using FlowSight.PaperVenue.Exchange;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowSight.PaperVenue.Hosting;

/// <summary>
/// A running paper venue: the <see cref="PaperExchange"/> and a Kestrel server (127.0.0.1 unless configured
/// otherwise) speaking the chosen venue's protocol. <c>flowsight sim</c>, <c>flowsight demo</c> and the tests start
/// one with <see cref="StartAsync"/>.
/// </summary>
public sealed class PaperVenueHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PaperVenueHost(WebApplication app, PaperExchange exchange, IPaperProtocol protocol, Uri baseAddress)
    {
        _app = app;
        Exchange = exchange;
        Protocol = protocol;
        BaseAddress = baseAddress;
        Endpoints = protocol.Endpoints(baseAddress);
    }

    /// <summary>The exchange behind the protocol.</summary>
    public PaperExchange Exchange { get; }

    /// <summary>The protocol spoken.</summary>
    public IPaperProtocol Protocol { get; }

    /// <summary><c>http://HOST:PORT</c> the server listens on.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The addresses clients need, by name (<c>rest</c>, <c>ws</c>, ...).</summary>
    public IReadOnlyList<KeyValuePair<string, Uri>> Endpoints { get; }

    /// <summary>The address named <paramref name="name"/>.</summary>
    public Uri Endpoint(string name) => Endpoints.First(e => e.Key == name).Value;

    /// <summary>Builds the exchange, starts its thread and the server; returns once both accept work.</summary>
    /// <param name="options">What to run.</param>
    /// <param name="time">The clock (system when null).</param>
    /// <param name="configureLogging">Logging (none when null: the venue logs nothing).</param>
    /// <param name="sources">Market sources per instrument (synthetic when null).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<PaperVenueHost> StartAsync(
        PaperVenueOptions options,
        TimeProvider? time = null,
        Action<ILoggingBuilder>? configureLogging = null,
        Func<int, Core.Instrument, long, PaperMarketSource>? sources = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var exchange = new PaperExchange(options, time, sources);
        var protocol = PaperProtocols.Create(exchange);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        configureLogging?.Invoke(builder.Logging);
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Parse(options.Host), options.Port));
        builder.Services.AddSingleton(exchange);
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Whatever a handler missed becomes the venue's error, never a 500 page.
            catch (Exception ex) when (!context.Response.HasStarted)
#pragma warning restore CA1031
            {
                context.Response.Clear();
                await protocol.WriteErrorAsync(context, ex).ConfigureAwait(false);
            }
        });
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromMinutes(3) });
        protocol.Map(app);
        app.MapFallback(context => protocol.WriteErrorAsync(context, null));
        exchange.Start();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await exchange.DisposeAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PaperVenueHost(app, exchange, protocol, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    /// <summary>Stops the server, then the exchange.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await Exchange.DisposeAsync().ConfigureAwait(false);
    }
}
