using FlowSight.PaperVenue.Exchange;
using FlowSight.PaperVenue.Hosting;
using FlowSight.PaperVenue.Okx.Auth;
using FlowSight.PaperVenue.Okx.Rest;
using FlowSight.PaperVenue.Okx.Streams;
using FlowSight.PaperVenue.Okx.Trading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FlowSight.PaperVenue.Okx;

/// <summary>
/// OKX v5 on the paper exchange: <c>/api/v5</c> public and private REST signed as OKX signs it, the public
/// WebSocket <c>/ws/v5/public</c> (books with seqId/prevSeqId and checksum, books5, bbo-tbt, trades, tickers,
/// mark-price, funding-rate), <c>/ws/v5/business</c> (candles) and the private WebSocket <c>/ws/v5/private</c>
/// (login, orders, orders-algo, positions, account, order entry); conditional orders through the algo endpoints. Swaps only, quantities in contracts; the account is a
/// single-currency USDT trading account.
/// </summary>
public sealed class OkxProtocol : IPaperProtocol
{
    private readonly OkxRestPipeline _pipeline;
    private readonly OkxOrderEntry _entry;
    private readonly OkxAuthenticator _authenticator;

    /// <summary>Creates the protocol of <paramref name="exchange"/>.</summary>
    public OkxProtocol(PaperExchange exchange)
    {
        Exchange = exchange ?? throw new ArgumentNullException(nameof(exchange));
        _authenticator = new OkxAuthenticator(exchange.Credentials, exchange.Time);
        Limiter = new OkxRateLimiter(exchange.Time);
        _pipeline = new OkxRestPipeline(exchange, _authenticator, Limiter);
        _entry = new OkxOrderEntry(exchange);
        PublicFeed = new OkxPublicFeed(exchange);
        PrivateFeed = new OkxPrivateFeed(exchange, _entry);
        _entry.SystemCanceled = (market, orderEvent) => PrivateFeed.OnOrderEvent(market, orderEvent);
    }

    /// <summary>The exchange.</summary>
    public PaperExchange Exchange { get; }

    /// <summary>The per-endpoint rate limits.</summary>
    public OkxRateLimiter Limiter { get; }

    /// <summary>The public channels' publisher.</summary>
    public OkxPublicFeed PublicFeed { get; }

    /// <summary>The private channels' publisher.</summary>
    public OkxPrivateFeed PrivateFeed { get; }

    /// <inheritdoc/>
    public void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        new OkxMarketEndpoints(_pipeline).Map(app);
        new OkxTradeEndpoints(_pipeline, _entry).Map(app);
        new OkxAlgoEndpoints(_pipeline, _entry).Map(app);
        Exchange.AddFeed(PublicFeed);
        Exchange.AddFeed(PrivateFeed);
        var sockets = new OkxWebSocketEndpoints(Exchange, PublicFeed, PrivateFeed, _authenticator, _entry);
        sockets.Map(app);
    }

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, Uri>> Endpoints(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var ws = new UriBuilder(baseAddress) { Scheme = baseAddress.Scheme == "https" ? "wss" : "ws" }.Uri;
        return
        [
            new("rest", baseAddress),
            new("ws", ws),
            new("ws-public", new Uri(ws, "/ws/v5/public")),
            new("ws-private", new Uri(ws, "/ws/v5/private")),
            new("ws-business", new Uri(ws, "/ws/v5/business")),
        ];
    }

    /// <inheritdoc/>
    public Task WriteErrorAsync(HttpContext context, Exception? exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        return exception switch
        {
            null => OkxRestPipeline.WriteErrorAsync(context, "404", "Not Found", 404),
            OkxApiException okx => OkxRestPipeline.WriteErrorAsync(context, okx.Code, okx.Message, okx.HttpStatus),
            System.Text.Json.JsonException or FormatException or BadHttpRequestException or InvalidDataException =>
                OkxRestPipeline.WriteErrorAsync(context, "50000", "Bad request", 400),
            ObjectDisposedException => OkxRestPipeline.WriteErrorAsync(context, "50001", "Service temporarily unavailable. Please try again later.", 503),
            _ => OkxRestPipeline.WriteErrorAsync(context, "50026", "System error. Try again later.", 500),
        };
    }
}
