using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.Server.Hosting;
using FlowSight.Server.State;
using FlowSight.Server.Tests.Stack;
using Xunit;

namespace FlowSight.Server.Tests.Api;

/// <summary>The read API against the real stack: live state from the paper venue through the engine and the replica.</summary>
public sealed class StateEndpointTests(StateApiFixture fixture) : IClassFixture<StateApiFixture>
{
    private const string BtcId = "BTCUSDT-PERP.BINANCE";
    private const string EthId = "ETHUSDT-PERP.BINANCE";

    private ServerStack Stack => fixture.Stack;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Instruments_lists_both_paper_instruments_with_their_specs()
    {
        var http = await Stack.LoginAsync("viewer");
        var instruments = await Get<InstrumentView[]>(http, "api/instruments");

        Assert.Equal([BtcId, EthId], instruments.Select(i => i.Id).Order(StringComparer.Ordinal));
        var btc = instruments.Single(i => i.Id == BtcId);
        Assert.Equal(("BINANCE", "BTCUSDT", "perpetual", "BTC", "USDT"), (btc.Venue, btc.Symbol, btc.Kind, btc.Base, btc.Quote));
        Assert.Equal(Stack.Btc.TickSize.ToDecimal(), btc.TickSize);
        Assert.Equal(Stack.Btc.StepSize.ToDecimal(), btc.StepSize);
    }

    [Fact]
    public async Task Book_has_both_sides_from_the_venue_best_first_and_depth_limits_the_levels()
    {
        var http = await Stack.LoginAsync("viewer");
        foreach (var id in new[] { BtcId, EthId })
        {
            var book = await Get<BookView>(http, $"api/book/{id}");
            Assert.Equal(id, book.Instrument);
            Assert.True(book.InSync);
            Assert.True(book.Updates > 0);
            Assert.True(book.Bids.Count > 5 && book.Asks.Count > 5, $"{id}: {book.Bids.Count} bids, {book.Asks.Count} asks");
            Assert.True(book.Bids[0].Price < book.Asks[0].Price);
            Assert.Equal(book.Bids.Select(l => l.Price).OrderDescending(), book.Bids.Select(l => l.Price));
            Assert.Equal(book.Asks.Select(l => l.Price).Order(), book.Asks.Select(l => l.Price));
            Assert.All(book.Bids.Concat(book.Asks), l => Assert.True(l.Size > 0));
        }

        var top = await Get<BookView>(http, $"api/book/{BtcId.ToLowerInvariant()}?depth=5");
        Assert.Equal(5, top.Bids.Count);
        Assert.Equal(5, top.Asks.Count);
    }

    [Fact]
    public async Task The_book_moves_with_the_market()
    {
        var http = await Stack.LoginAsync("viewer");
        var first = await Get<BookView>(http, $"api/book/{BtcId}");
        await Stack.WaitUntilAsync(() => Stack.Replica.GetBook(Stack.Btc.Id)!.Updates > first.Updates, "a newer book");
        var later = await Get<BookView>(http, $"api/book/{BtcId}");
        Assert.True(later.Updates > first.Updates);
        Assert.True(later.UpdatedAt >= first.UpdatedAt);
    }

    [Fact]
    public async Task Trades_arrive_newest_first_and_limit_caps_them()
    {
        var http = await Stack.LoginAsync("viewer");
        await Stack.WaitUntilAsync(() => Stack.Replica.GetTrades(Stack.Btc.Id, 5).Count >= 5, "five BTCUSDT trades");
        var trades = await Get<TradeView[]>(http, $"api/trades/{BtcId}");
        Assert.InRange(trades.Length, 5, 50);
        Assert.All(trades, t => Assert.True(t.Instrument == BtcId && t.Price > 0 && t.Size > 0 && t.Side is "buy" or "sell"));
        Assert.Equal(trades.Select(t => t.TradeId).OrderDescending(), trades.Select(t => t.TradeId));

        var three = await Get<TradeView[]>(http, $"api/trades/{BtcId}?limit=3");
        Assert.Equal(3, three.Length);
    }

    [Fact]
    public async Task Candles_exist_for_the_live_trades_in_every_aggregated_interval()
    {
        var http = await Stack.LoginAsync("viewer");
        await Stack.WaitUntilAsync(() => Stack.Replica.GetCandles(Stack.Btc.Id, CandleInterval.OneSecond, 2).Count >= 2, "two 1s candles");
        var seconds = await Get<CandleView[]>(http, $"api/candles/{BtcId}?interval=1s&limit=1000");
        Assert.True(seconds.Length >= 2);
        Assert.Equal(seconds.Select(c => c.OpenTime).Order(), seconds.Select(c => c.OpenTime));
        Assert.All(seconds, c => Assert.True(c.Low <= c.Open && c.Open <= c.High && c.Low <= c.Close && c.Close <= c.High && c.Trades > 0));
        Assert.True(seconds[0].Closed);

        foreach (var interval in new[] { "1m", "5m", "15m", "1h", "4h", "1d" })
        {
            var candles = await Get<CandleView[]>(http, $"api/candles/{BtcId}?interval={interval}");
            Assert.NotEmpty(candles);
        }

        var minute = await Get<CandleView[]>(http, $"api/candles/{BtcId}");
        Assert.Equal(Stack.Replica.GetCandles(Stack.Btc.Id, CandleInterval.OneMinute, 500).Count, minute.Length);
        Assert.Single(await Get<CandleView[]>(http, $"api/candles/{BtcId}?interval=1s&limit=1"));
    }

    [Fact]
    public async Task Orders_fills_positions_account_and_risk_follow_our_trading()
    {
        var http = await Stack.LoginAsync("viewer");
        var btc = Stack.Btc;
        var book = Stack.Replica.GetBook(btc.Id)!;

        // A resting buy far below the market, then a market buy that fills.
        var restingPrice = Price.FromDecimal(decimal.Round(book.Bids[0].Price * 0.9m / btc.TickSize.ToDecimal()) * btc.TickSize.ToDecimal(), btc.PricePrecision);
        var (restingDecision, restingId) = await Stack.Node.SubmitAsync(new SubmitOrder
        {
            ClientOrderId = default,
            Instrument = btc.Id,
            Side = OrderSide.Buy,
            Type = OrderType.Limit,
            Quantity = Quantity.FromDecimal(0.01m, btc.SizePrecision),
            Price = restingPrice,
        });
        Assert.True(restingDecision.Approved, restingDecision.Reason);
        await Stack.WaitUntilAsync(() => Stack.Replica.GetOrders(openOnly: true).Any(o => o.ClientOrderId == restingId.ToString() && o.Status == "accepted"), "the resting order accepted");

        var open = await Get<OrderView[]>(http, "api/orders?open=true");
        var resting = Assert.Single(open, o => o.ClientOrderId == restingId.ToString());
        Assert.Equal((BtcId, "buy", "limit", 0.01m, restingPrice.ToDecimal(), "accepted"), (resting.Instrument, resting.Side, resting.Type, resting.Quantity, resting.Price, resting.Status));
        Assert.NotNull(resting.VenueOrderId);

        var (marketDecision, marketId) = await Stack.Node.SubmitAsync(new SubmitOrder
        {
            ClientOrderId = default,
            Instrument = btc.Id,
            Side = OrderSide.Buy,
            Type = OrderType.Market,
            Quantity = Quantity.FromDecimal(0.01m, btc.SizePrecision),
        });
        Assert.True(marketDecision.Approved, marketDecision.Reason);
        // A market order may sweep more than one level of the synthetic book: wait for all of its quantity.
        await Stack.WaitUntilAsync(() => Stack.Replica.GetFills(50).Where(f => f.ClientOrderId == marketId.ToString()).Sum(f => f.Quantity) == 0.01m, "the market order's fills");
        await Stack.WaitUntilAsync(() => Stack.Replica.Positions.Any(p => p.Instrument == BtcId), "the position");

        var fills = (await Get<FillView[]>(http, "api/fills")).Where(f => f.ClientOrderId == marketId.ToString()).ToArray();
        Assert.NotEmpty(fills);
        Assert.All(fills, fill =>
        {
            Assert.Equal((BtcId, "buy", "taker"), (fill.Instrument, fill.Side, fill.Liquidity));
            Assert.True(fill.Price > 0 && fill.Quantity > 0 && fill.Fee > 0);
        });
        Assert.Equal(0.01m, fills.Sum(f => f.Quantity));
        Assert.Equal(fills.Length, fills.Select(f => f.TradeId).Distinct().Count());

        var all = await Get<OrderView[]>(http, "api/orders");
        var filled = Assert.Single(all, o => o.ClientOrderId == marketId.ToString());
        Assert.Equal(("filled", 0.01m), (filled.Status, filled.Filled));
        var vwap = fills.Sum(f => f.Price * f.Quantity) / fills.Sum(f => f.Quantity);
        Assert.Equal(vwap, filled.AveragePrice!.Value, 6);
        Assert.Contains(all, o => o.ClientOrderId == restingId.ToString());

        var positions = await Get<PositionView[]>(http, "api/positions");
        var position = Assert.Single(positions, p => p.Instrument == BtcId);
        Assert.True(position.Quantity >= 0.01m);
        Assert.True(position.EntryPrice > 0 && position.MarkPrice > 0 && position.Margin > 0);

        var account = await Get<AccountView>(http, "api/account");
        Assert.Equal("USDT", account.Asset);
        Assert.True(account.Equity > 0);
        Assert.Contains(account.Balances, b => b.Asset == "USDT" && b.Total > 0);
        Assert.NotEmpty(account.EquityCurve);

        var risk = await Get<RiskView>(http, "api/risk");
        Assert.Equal("ACTIVE", risk.State);
        Assert.False(risk.KillSwitchTripped);

        // Cancel the resting order: it leaves the working list and stays in the full one as canceled.
        var cancel = await Stack.Node.CancelAsync(new CancelOrder { ClientOrderId = restingId, Instrument = btc.Id });
        Assert.True(cancel.Approved);
        await Stack.WaitUntilAsync(() => Stack.Replica.GetOrders(openOnly: false).Any(o => o.ClientOrderId == restingId.ToString() && o.Status == "canceled"), "the cancel");
        Assert.DoesNotContain(await Get<OrderView[]>(http, "api/orders?open=true"), o => o.ClientOrderId == restingId.ToString());
    }

    [Fact]
    public async Task Engine_shows_statistics_routes_and_connected_feeds()
    {
        var http = await Stack.LoginAsync("viewer");
        await Stack.WaitUntilAsync(() => Stack.Replica.Engine.Routes.Count > 0, "engine statistics");
        var engine = await Get<EngineView>(http, "api/engine");
        Assert.True(engine.EventsProcessed > 0);
        Assert.True(engine.Capacity > 0);
        Assert.Contains(engine.Routes, r => r.Name == "replica-book" && r.Handled > 0);
        Assert.Contains(engine.Routes, r => r.Name == "order-books" && r.Handled > 0);
        Assert.Contains(engine.Connections, c => c.Kind == "marketData" && c.State is "connected" or "subscribed");
        Assert.Contains(engine.Connections, c => c.Kind == "execution" && c.State == "connected");
        Assert.True(engine.Gc.HeapBytes > 0 && engine.Gc.WorkingSetBytes > 0);
    }

    [Theory]
    [InlineData("api/book/XRPUSDT-PERP.BINANCE")]
    [InlineData("api/trades/XRPUSDT-PERP.BINANCE")]
    [InlineData("api/candles/XRPUSDT-PERP.BINANCE?interval=1m")]
    [InlineData("api/book/nonsense")]
    public async Task An_unknown_instrument_is_404_naming_the_known_ones(string path)
    {
        var http = await Stack.LoginAsync("viewer");
        using var response = await http.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await Error(response);
        Assert.StartsWith("unknown instrument '", error, StringComparison.Ordinal);
        Assert.Contains(BtcId, error, StringComparison.Ordinal);
        Assert.Contains(EthId, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/candles/BTCUSDT-PERP.BINANCE?interval=7x", "interval")]
    [InlineData("api/candles/BTCUSDT-PERP.BINANCE?interval=1m&limit=0", "limit")]
    [InlineData("api/trades/BTCUSDT-PERP.BINANCE?limit=abc", "limit")]
    [InlineData("api/trades/BTCUSDT-PERP.BINANCE?limit=-5", "limit")]
    [InlineData("api/book/BTCUSDT-PERP.BINANCE?depth=0", "depth")]
    [InlineData("api/book/BTCUSDT-PERP.BINANCE?depth=99999999999", "depth")]
    [InlineData("api/fills?limit=1.5", "limit")]
    [InlineData("api/orders?open=maybe", "open")]
    public async Task A_bad_parameter_is_400_saying_which_and_why(string path, string parameter)
    {
        var http = await Stack.LoginAsync("viewer");
        using var response = await http.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(parameter, await Error(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_read_endpoints_need_a_token()
    {
        var anonymous = Stack.CreateClient();
        using var response = await anonymous.GetAsync($"api/book/{BtcId}", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_read_endpoint_with_its_view()
    {
        var http = Stack.CreateClient();
        using var document = JsonDocument.Parse(await http.GetStringAsync("openapi/v1.json", Ct));
        var paths = document.RootElement.GetProperty("paths");
        var expected = new Dictionary<string, string>
        {
            ["/api/instruments"] = "GetInstruments",
            ["/api/book/{id}"] = "GetBook",
            ["/api/trades/{id}"] = "GetTrades",
            ["/api/candles/{id}"] = "GetCandles",
            ["/api/orders"] = "GetOrders",
            ["/api/fills"] = "GetFills",
            ["/api/positions"] = "GetPositions",
            ["/api/account"] = "GetAccount",
            ["/api/risk"] = "GetRisk",
            ["/api/engine"] = "GetEngine",
        };
        foreach (var (path, operation) in expected)
        {
            var get = paths.GetProperty(path).GetProperty("get");
            Assert.Equal(operation, get.GetProperty("operationId").GetString());
            Assert.False(string.IsNullOrEmpty(get.GetProperty("summary").GetString()));
            Assert.True(get.GetProperty("responses").TryGetProperty("200", out _), path);
        }

        var book = paths.GetProperty("/api/book/{id}").GetProperty("get").GetProperty("responses");
        Assert.True(book.TryGetProperty("404", out _));
        Assert.True(book.TryGetProperty("400", out _));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        foreach (var view in new[] { "BookView", "TradeView", "CandleView", "OrderView", "FillView", "PositionView", "AccountView", "RiskView", "EngineView", "InstrumentView" })
        {
            Assert.True(schemas.TryGetProperty(view, out _), view);
        }
    }

    private static async Task<T> Get<T>(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<T>(body, ServerJson.Options)!;
    }

    private static async Task<string> Error(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return body.GetProperty("error").GetString()!;
    }
}
