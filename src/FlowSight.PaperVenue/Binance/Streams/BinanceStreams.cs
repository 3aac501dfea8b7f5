using System.Net.WebSockets;
using FlowSight.PaperVenue.Binance.Rest;
using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>
/// Binance's WebSocket side on the paper exchange: market streams (<c>/ws/&lt;streams&gt;</c> raw,
/// <c>/stream?streams=a/b</c> combined, <c>/ws</c> + <c>SUBSCRIBE</c>; on USDⓈ-M also the routed <c>/public</c>,
/// <c>/market</c> and <c>/private</c> paths), the listen-key endpoints (USDⓈ-M <c>/fapi/v1/listenKey</c>, spot
/// <c>/api/v3/userDataStream</c>) and the user data streams on <c>/ws/&lt;listenKey&gt;</c>.
/// </summary>
public static class BinanceStreams
{
    private static long _connections;

    /// <summary>
    /// Maps the routes and registers the market and user data feeds with the exchange; returns the feeds. The
    /// listen-key endpoints go through a REST pipeline of their own (their request weight counted apart).
    /// </summary>
    public static BinanceStreamFeeds Map(WebApplication app, PaperExchange exchange) =>
        Map(app, exchange, new BinanceRestPipeline(exchange ?? throw new ArgumentNullException(nameof(exchange))));

    /// <summary>
    /// Maps the routes and registers the feeds; the listen-key endpoints go through <paramref name="rest"/>, the
    /// protocol's REST pipeline, so they count against the same request weight as the rest of the API.
    /// </summary>
    public static BinanceStreamFeeds Map(WebApplication app, PaperExchange exchange, BinanceRestPipeline rest)
    {
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(exchange);
        var market = new BinanceMarketStreams(exchange);
        var user = new BinanceUserDataStreams(exchange);
        exchange.AddFeed(market);
        exchange.AddFeed(user);
        var feeds = new BinanceStreamFeeds(market, user);
        Feeds.AddOrUpdate(exchange, feeds);
        var requests = new BinanceStreamRequests(market, user, exchange);

        MapStreams(app, string.Empty, BinanceStreamPath.Root, exchange, requests);
        if (market.IsFutures)
        {
            MapStreams(app, "/public", BinanceStreamPath.Public, exchange, requests);
            MapStreams(app, "/market", BinanceStreamPath.Market, exchange, requests);
            MapStreams(app, "/private", BinanceStreamPath.Private, exchange, requests);
        }

        new BinanceListenKeyEndpoints(exchange, user).Map(app, rest);
        return feeds;
    }

    /// <summary>The Binance feeds of an exchange whose protocol was mapped (for tests, benchmarks and statistics).</summary>
    public static BinanceStreamFeeds FeedsOf(PaperExchange exchange) =>
        Feeds.TryGetValue(exchange, out var feeds) ? feeds : throw new InvalidOperationException("No Binance streams were mapped for this exchange.");

    private static System.Runtime.CompilerServices.ConditionalWeakTable<PaperExchange, BinanceStreamFeeds> Feeds { get; } = [];

    private static void MapStreams(WebApplication app, string prefix, BinanceStreamPath path, PaperExchange exchange, BinanceStreamRequests requests)
    {
        app.Map(prefix + "/ws", context => RunAsync(context, path, combined: false, null, exchange, requests));
        app.Map(prefix + "/ws/{**streams}", context => RunAsync(context, path, combined: false, context.Request.RouteValues["streams"] as string, exchange, requests));
        app.Map(prefix + "/stream", context => RunAsync(context, path, combined: true, context.Request.Query["streams"].ToString(), exchange, requests));
    }

    private static async Task RunAsync(HttpContext context, BinanceStreamPath path, bool combined, string? streams, PaperExchange exchange, BinanceStreamRequests requests)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var names = (streams ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (path == BinanceStreamPath.Private && context.Request.Query["listenKey"].ToString() is { Length: > 0 } listenKey)
        {
            names.Add(listenKey);
        }

        if (names.Distinct(StringComparer.Ordinal).Count() > BinanceStreamRequests.MaxStreams)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { code = -1102, msg = $"A connection listens to at most {BinanceStreamRequests.MaxStreams} streams." }).ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var paper = new PaperWebSocket(socket, exchange.Options.MaxQueuedMessagesPerConnection, Interlocked.Increment(ref _connections));
        var connection = new BinanceStreamConnection(paper, path, combined);
        paper.State = connection;
        foreach (var name in names)
        {
            requests.Subscribe(connection, name);
        }

        try
        {
            await paper.RunAsync((_, message) => requests.OnMessageAsync(connection, message), context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            requests.Release(connection);
            paper.Close(WebSocketCloseStatus.NormalClosure, "closed");
        }
    }
}
