using System.Text.Json;
using FlowSight.Core;
using FlowSight.Engine.Risk;
using FlowSight.Engine.Trading;
using FlowSight.Server.Auth;
using FlowSight.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowSight.Server.Api;

/// <summary>
/// Order entry, cancel and the kill switch, through the trading node's risk engine (never around it). Commands run on
/// the engine thread via the node's async methods; every bad request is refused before anything is sent, so a 4xx
/// changes nothing. Orders carry the origin <c>api:&lt;user&gt;</c>.
/// </summary>
internal static class TradingEndpoints
{
    /// <summary>How long a request waits for the engine thread before answering 503.</summary>
    private static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Maps them.</summary>
    public static void Map(WebApplication app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("trading");
        orders.MapPost(string.Empty, SubmitAsync)
            .RequireAuthorization(ServerPolicies.Trader)
            .WithName("SubmitOrder")
            .WithSummary("Places an order through the risk engine.")
            .Accepts<TradingOrderRequest>("application/json")
            .Produces<TradingAccepted>()
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces<TradingRefusal>(StatusCodes.Status422UnprocessableEntity)
            .Produces<ErrorBody>(StatusCodes.Status503ServiceUnavailable);
        orders.MapDelete("{clientOrderId}", CancelAsync)
            .RequireAuthorization(ServerPolicies.Trader)
            .WithName("CancelOrder")
            .WithSummary("Cancels one order by its client order id.")
            .Produces<TradingAccepted>(StatusCodes.Status202Accepted)
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces<ErrorBody>(StatusCodes.Status404NotFound)
            .Produces<TradingRefusal>(StatusCodes.Status422UnprocessableEntity)
            .Produces<ErrorBody>(StatusCodes.Status503ServiceUnavailable);
        orders.MapDelete(string.Empty, CancelAllAsync)
            .RequireAuthorization(ServerPolicies.Trader)
            .WithName("CancelAllOrders")
            .WithSummary("Cancels every open order, or those of ?instrument= (and ?side=buy|sell).")
            .Produces<TradingAccepted>(StatusCodes.Status202Accepted)
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces<ErrorBody>(StatusCodes.Status503ServiceUnavailable);

        var risk = app.MapGroup("/api/risk").WithTags("trading");
        risk.MapPost("kill-switch", KillSwitchAsync)
            .RequireAuthorization(ServerPolicies.Admin)
            .WithName("KillSwitch")
            .WithSummary("Trips the kill switch: cancel all, optionally flatten, HALTED until resumed.")
            .Accepts<TradingKillSwitchRequest>("application/json")
            .Produces<TradingStateResponse>()
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces<ErrorBody>(StatusCodes.Status503ServiceUnavailable);
        risk.MapPost("resume", ResumeAsync)
            .RequireAuthorization(ServerPolicies.Admin)
            .WithName("ResumeTrading")
            .WithSummary("Resets the kill switch: back to ACTIVE.")
            .Produces<TradingStateResponse>()
            .Produces<ErrorBody>(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, ServerContext context)
    {
        if (context.Trading is not { } node)
        {
            return NoTradingNode();
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, default, http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Error(StatusCodes.Status400BadRequest, $"malformed JSON: {ex.Message}");
        }

        using (document)
        {
            if (!TradingOrderParser.TryParse(document.RootElement, node.Instruments, Origin(http), out var order, out var error))
            {
                return Error(StatusCodes.Status400BadRequest, error);
            }

            return await OnEngineAsync(http, node.SubmitAsync(order), result => result.Decision.Approved
                ? Results.Json(new TradingAccepted(true, result.ClientOrderId.ToString()), ServerJson.Options)
                : Refusal(result.Decision)).ConfigureAwait(false);
        }
    }

    private static async Task<IResult> CancelAsync(HttpContext http, ServerContext context, string clientOrderId)
    {
        if (context.Trading is not { } node)
        {
            return NoTradingNode();
        }

        if (!ClientOrderId.TryParse(clientOrderId, out var id))
        {
            return Error(StatusCodes.Status400BadRequest, $"clientOrderId: '{clientOrderId}' is not 1-{ClientOrderId.MaxLength} characters from A-Z a-z 0-9 . : / _ -");
        }

        var origin = Origin(http);
        // Look up and cancel in one engine-thread call: the replica may not show an order submitted a moment ago.
        var work = node.InvokeAsync<(bool Found, RiskDecision Decision)>(n =>
        {
            if (!n.Orders.TryGet(id, out var order))
            {
                return (false, default);
            }

            if (!order.IsOpen)
            {
                return (true, RiskDecision.Deny(RiskChecks.OrderNotOpen, $"order {clientOrderId} is {order.Status.ToString().ToLowerInvariant()}, not open"));
            }

            var cancel = new CancelOrder { ClientOrderId = id, Instrument = order.Instrument, VenueOrderId = order.VenueOrderId, Origin = origin, Timestamp = n.Engine.Now };
            return (true, n.Risk.Cancel(in cancel));
        });
        return await OnEngineAsync(http, work, result => !result.Found
            ? Error(StatusCodes.Status404NotFound, $"no order with client order id '{clientOrderId}'")
            : result.Decision.Approved
                ? Results.Json(new TradingAccepted(true, clientOrderId), ServerJson.Options, statusCode: StatusCodes.Status202Accepted)
                : Refusal(result.Decision)).ConfigureAwait(false);
    }

    private static async Task<IResult> CancelAllAsync(HttpContext http, ServerContext context, string? instrument, string? side)
    {
        if (context.Trading is not { } node)
        {
            return NoTradingNode();
        }

        InstrumentId? only = null;
        if (!string.IsNullOrEmpty(instrument))
        {
            var match = node.Instruments.FirstOrDefault(i => string.Equals(i.Id.Value, instrument, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                return Error(StatusCodes.Status400BadRequest, $"instrument: unknown instrument '{instrument}'");
            }

            only = match.Id;
        }

        OrderSide? onlySide = null;
        if (!string.IsNullOrEmpty(side))
        {
            onlySide = side.ToUpperInvariant() switch
            {
                "BUY" => OrderSide.Buy,
                "SELL" => OrderSide.Sell,
                _ => null,
            };
            if (onlySide is null)
            {
                return Error(StatusCodes.Status400BadRequest, $"side: '{side}' is not buy or sell");
            }
        }

        var command = new CancelAllOrders { Instrument = only, Side = onlySide, Origin = Origin(http) };
        return await OnEngineAsync(http, node.CancelAllAsync(command), decision => decision.Approved
            ? Results.Json(new TradingAccepted(true, null), ServerJson.Options, statusCode: StatusCodes.Status202Accepted)
            : Refusal(decision)).ConfigureAwait(false);
    }

    private static async Task<IResult> KillSwitchAsync(HttpContext http, ServerContext context)
    {
        if (context.Trading is not { } node)
        {
            return NoTradingNode();
        }

        TradingKillSwitchRequest? request = null;
        using (var reader = new StreamReader(http.Request.Body))
        {
            var text = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(text))
            {
                try
                {
                    request = JsonSerializer.Deserialize<TradingKillSwitchRequest>(text, ServerJson.Options);
                }
                catch (JsonException ex)
                {
                    return Error(StatusCodes.Status400BadRequest, $"malformed JSON: {ex.Message}; send {{\"reason\":\"...\",\"flatten\":false}} or nothing");
                }
            }
        }

        var by = Origin(http);
        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? $"tripped by {by}" : request!.Reason!.Trim();
        var flatten = request?.Flatten ?? false;
        var work = node.InvokeAsync(n =>
        {
            n.Risk.Trip(reason, flatten, by);
            return State(n);
        });
        return await OnEngineAsync(http, work, state => Results.Json(state, ServerJson.Options)).ConfigureAwait(false);
    }

    private static async Task<IResult> ResumeAsync(HttpContext http, ServerContext context)
    {
        if (context.Trading is not { } node)
        {
            return NoTradingNode();
        }

        var by = Origin(http);
        var work = node.InvokeAsync(n =>
        {
            n.Risk.Reset(by);
            return State(n);
        });
        return await OnEngineAsync(http, work, state => Results.Json(state, ServerJson.Options)).ConfigureAwait(false);
    }

    private static TradingStateResponse State(TradingNode node) =>
        new(node.Risk.State.ToString().ToUpperInvariant(), node.Risk.StateReason, node.Risk.IsKillSwitchTripped);

    /// <summary>Awaits engine-thread work with a deadline; failures become JSON errors, never stack traces.</summary>
    private static async Task<IResult> OnEngineAsync<T>(HttpContext http, Task<T> work, Func<T, IResult> answer)
    {
        T result;
        try
        {
            result = await work.WaitAsync(EngineTimeout, http.RequestAborted).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, $"the engine did not answer within {EngineTimeout.TotalSeconds:0} s");
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (Exception ex)
        {
            return Error(StatusCodes.Status500InternalServerError, $"the command failed: {ex.Message}");
        }

        return answer(result);
    }

    private static string Origin(HttpContext http) => "api:" + (http.User.Identity?.Name ?? "unknown");

    private static IResult Refusal(RiskDecision decision) =>
        Results.Json(new TradingRefusal(false, decision.Check ?? "refused", decision.Reason ?? "refused by the risk engine"), ServerJson.Options, statusCode: StatusCodes.Status422UnprocessableEntity);

    private static IResult NoTradingNode() =>
        Error(StatusCodes.Status503ServiceUnavailable, "this server has no trading node (read-only): trading endpoints are unavailable");

    private static IResult Error(int status, string message) =>
        Results.Json(new ErrorBody(message), ServerJson.Options, statusCode: status);
}
