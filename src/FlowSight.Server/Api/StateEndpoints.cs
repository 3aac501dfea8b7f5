using System.Globalization;
using FlowSight.Core;
using FlowSight.Server.Auth;
using FlowSight.Server.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlowSight.Server.Api;

/// <summary>
/// The read endpoints: instruments, book, trades, candles, orders, fills, positions, account, risk, engine. They read
/// the <see cref="IStateReplica"/>'s immutable snapshots only, so a request never waits for (or slows) the engine.
/// Any logged-in user may call them. Bad parameters answer 400 and an unknown instrument 404, each with <c>{error}</c>.
/// </summary>
internal static class StateEndpoints
{
    /// <summary>The most levels, trades, candles or fills one request may ask for.</summary>
    public const int MaxLimit = 5000;

    /// <summary>Trades returned when no limit is given.</summary>
    public const int DefaultTrades = 50;

    /// <summary>Candles returned when no limit is given.</summary>
    public const int DefaultCandles = 500;

    /// <summary>Fills returned when no limit is given.</summary>
    public const int DefaultFills = 100;

    /// <summary>Maps them.</summary>
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(ServerPolicies.Viewer).WithTags("state");
        api.MapGet("instruments", Instruments)
            .WithName("GetInstruments")
            .WithSummary("Every instrument the server shows, with its tick, step and minimums.");
        api.MapGet("book/{id}", Book)
            .WithName("GetBook")
            .WithSummary("The latest book snapshot of an instrument, best levels first; ?depth=N levels per side (default all the replica keeps).");
        api.MapGet("trades/{id}", Trades)
            .WithName("GetTrades")
            .WithSummary($"The latest public trades of an instrument, newest first; ?limit=N (default {DefaultTrades}).");
        api.MapGet("candles/{id}", Candles)
            .WithName("GetCandles")
            .WithSummary($"The latest candles of an instrument, oldest first, the open one last; ?interval=1s|1m|5m|15m|1h|4h|1d (default 1m), ?limit=N (default {DefaultCandles}).");
        api.MapGet("orders", Orders)
            .WithName("GetOrders")
            .WithSummary("Our orders, newest first: working ones and the latest finished; ?open=true for working ones only.");
        api.MapGet("fills", Fills)
            .WithName("GetFills")
            .WithSummary($"Our fills, newest first; ?limit=N (default {DefaultFills}).");
        api.MapGet("positions", Positions)
            .WithName("GetPositions")
            .WithSummary("Open positions with entry, mark, PnL, margin and liquidation price.");
        api.MapGet("account", Account)
            .WithName("GetAccount")
            .WithSummary("Equity, PnL, margin, balances and the equity curve.");
        api.MapGet("risk", Risk)
            .WithName("GetRisk")
            .WithSummary("The risk engine's state (ACTIVE, REDUCING, HALTED), its reason, the kill switch and the limits in force.");
        api.MapGet("engine", Engine)
            .WithName("GetEngine")
            .WithSummary("Engine throughput, queue, bus routes' latency, connections with reconnect counts, and the garbage collector.");
    }

    private static Ok<IReadOnlyList<InstrumentView>> Instruments(IStateReplica replica) => TypedResults.Ok(replica.Instruments);

    private static Results<Ok<BookView>, NotFound<ErrorBody>, BadRequest<ErrorBody>> Book(string id, string? depth, IStateReplica replica)
    {
        if (!TryFind(replica, id, out var instrument, out var notFound))
        {
            return notFound;
        }

        if (!TryParseLimit(depth, "depth", int.MaxValue, out var levels, out var bad))
        {
            return bad;
        }

        var book = replica.GetBook(instrument) ?? new BookView(instrument.Value, 0, 0, false, [], []);
        if (book.Bids.Count > levels || book.Asks.Count > levels)
        {
            book = book with { Bids = [.. book.Bids.Take(levels)], Asks = [.. book.Asks.Take(levels)] };
        }

        return TypedResults.Ok(book);
    }

    private static Results<Ok<IReadOnlyList<TradeView>>, NotFound<ErrorBody>, BadRequest<ErrorBody>> Trades(string id, string? limit, IStateReplica replica)
    {
        if (!TryFind(replica, id, out var instrument, out var notFound))
        {
            return notFound;
        }

        return TryParseLimit(limit, "limit", DefaultTrades, out var count, out var bad)
            ? TypedResults.Ok(replica.GetTrades(instrument, count))
            : bad;
    }

    private static Results<Ok<IReadOnlyList<CandleView>>, NotFound<ErrorBody>, BadRequest<ErrorBody>> Candles(string id, string? interval, string? limit, IStateReplica replica)
    {
        if (!TryFind(replica, id, out var instrument, out var notFound))
        {
            return notFound;
        }

        CandleInterval length;
        try
        {
            length = CandleIntervalExtensions.ParseCode(string.IsNullOrEmpty(interval) ? "1m" : interval);
        }
        catch (FormatException ex)
        {
            return TypedResults.BadRequest(new ErrorBody($"interval: {ex.Message}"));
        }

        return TryParseLimit(limit, "limit", DefaultCandles, out var count, out var bad)
            ? TypedResults.Ok(replica.GetCandles(instrument, length, count))
            : bad;
    }

    private static Results<Ok<IReadOnlyList<OrderView>>, BadRequest<ErrorBody>> Orders(string? open, IStateReplica replica)
    {
        if (string.IsNullOrEmpty(open))
        {
            return TypedResults.Ok(replica.GetOrders(openOnly: false));
        }

        return bool.TryParse(open, out var openOnly)
            ? TypedResults.Ok(replica.GetOrders(openOnly))
            : TypedResults.BadRequest(new ErrorBody($"open must be true or false, was '{open}'."));
    }

    private static Results<Ok<IReadOnlyList<FillView>>, BadRequest<ErrorBody>> Fills(string? limit, IStateReplica replica) =>
        TryParseLimit(limit, "limit", DefaultFills, out var count, out var bad)
            ? TypedResults.Ok(replica.GetFills(count))
            : bad;

    private static Ok<IReadOnlyList<PositionView>> Positions(IStateReplica replica) => TypedResults.Ok(replica.Positions);

    private static Ok<AccountView> Account(IStateReplica replica) => TypedResults.Ok(replica.Account);

    private static Ok<RiskView> Risk(IStateReplica replica) => TypedResults.Ok(replica.Risk);

    private static Ok<EngineView> Engine(IStateReplica replica) => TypedResults.Ok(replica.Engine);

    private static bool TryFind(IStateReplica replica, string id, out InstrumentId instrument, out NotFound<ErrorBody> notFound)
    {
        if (replica.TryGetInstrument(id, out instrument))
        {
            notFound = null!;
            return true;
        }

        var known = string.Join(", ", replica.Instruments.Select(i => i.Id));
        notFound = TypedResults.NotFound(new ErrorBody($"unknown instrument '{id}'; known: {(known.Length == 0 ? "none" : known)}"));
        return false;
    }

    private static bool TryParseLimit(string? text, string name, int fallback, out int value, out BadRequest<ErrorBody> bad)
    {
        bad = null!;
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value is >= 1 and <= MaxLimit)
        {
            return true;
        }

        bad = TypedResults.BadRequest(new ErrorBody($"{name} must be a whole number from 1 to {MaxLimit}, was '{text}'."));
        return false;
    }
}
