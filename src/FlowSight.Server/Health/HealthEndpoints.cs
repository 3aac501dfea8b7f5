using FlowSight.Server.Hosting;
using FlowSight.Server.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FlowSight.Server.Health;

/// <summary>
/// <c>/health</c> (liveness: 200 while the engine runs) and <c>/health/ready</c> (readiness: 200 once every book is in
/// sync and every connection is up, 503 with the reasons otherwise). Both anonymous: orchestrators carry no token, and
/// neither says anything about orders or money.
/// </summary>
internal static class HealthEndpoints
{
    private static readonly string[] UpStates = ["connected", "subscribed", "rotating"];

    /// <summary>Maps them.</summary>
    public static void Map(WebApplication app)
    {
        var tracker = new FeedConnectionTracker(app.Services.GetRequiredService<ServerContext>().MarketData);
        app.Lifetime.ApplicationStopped.Register(tracker.Dispose);
        app.MapGet("/health", Live)
            .AllowAnonymous()
            .WithTags("health")
            .WithName("Liveness")
            .WithSummary("Liveness: 200 while the engine runs, 503 once it stopped or faulted.")
            .Produces<LivenessReport>()
            .Produces<LivenessReport>(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/health/ready", (ServerContext context) => Ready(context, tracker))
            .AllowAnonymous()
            .WithTags("health")
            .WithName("Readiness")
            .WithSummary("Readiness: venue connections and book sync; 503 lists what is not ready.")
            .Produces<ReadinessReport>()
            .Produces<ReadinessReport>(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>True for a connection state that carries data.</summary>
    public static bool IsUp(ConnectionView connection) =>
        UpStates.Contains(connection.State, StringComparer.OrdinalIgnoreCase);

    private static IResult Live(ServerContext context)
    {
        var completion = context.Engine.Completion;
        var engine = completion.IsFaulted ? "faulted: " + completion.Exception?.GetBaseException().Message
            : completion.IsCompleted ? "stopped"
            : "running";
        return Results.Json(
            new LivenessReport(completion.IsCompleted ? "dead" : "alive", engine),
            ServerJson.Options,
            statusCode: completion.IsCompleted ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private static IResult Ready(ServerContext context, FeedConnectionTracker tracker)
    {
        var report = Assess(context, tracker);
        return Results.Json(report, ServerJson.Options, statusCode: report.Problems.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Builds the readiness report.</summary>
    public static ReadinessReport Assess(ServerContext context, FeedConnectionTracker tracker)
    {
        var problems = new List<string>();
        var connections = context.Replica.Engine.Connections;
        foreach (var connection in connections)
        {
            if (!IsUp(connection))
            {
                problems.Add($"{connection.Kind} connection {connection.Name} is {connection.State}{(connection.Reason is null ? string.Empty : $" ({connection.Reason})")}");
            }
        }

        var feeds = new List<MarketDataReadiness>(context.MarketData.Count);
        for (var index = 0; index < context.MarketData.Count; index++)
        {
            var client = context.MarketData[index];
            var health = client.GetHealth();
            var books = new List<BookReadiness>(health.Books.Count);
            foreach (var book in health.Books)
            {
                var id = book.Instrument.ToString();
                books.Add(new BookReadiness(id, book.Synced, book.UpdatesApplied, book.Gaps, book.Resyncs, book.LastError));
                if (!book.Synced)
                {
                    problems.Add($"{client.Name}: the {id} book is not in sync{(book.LastError is null ? string.Empty : $" ({book.LastError})")}");
                }
            }

            // What the client itself said since the server started wins; before any change, the replica's view of
            // connections named after the client (e.g. binance-usdm-0), if any.
            var seen = tracker.Connections(index);
            bool? connected;
            if (seen.Count > 0)
            {
                connected = seen.Any(c => FeedConnectionTracker.IsUp(c.Current));
                if (connected == false)
                {
                    problems.Add($"{client.Name}: no connection carries data ({string.Join("; ", seen.Select(c => $"{c.ConnectionName} is {c.Current}: {c.Reason}"))})");
                }
            }
            else
            {
                var own = connections.Where(c => c.Kind != "execution" && c.Name.StartsWith(client.Name, StringComparison.OrdinalIgnoreCase)).ToList();
                connected = own.Count == 0 ? null : own.Any(IsUp);
            }

            feeds.Add(new MarketDataReadiness(client.Name, client.Venue.ToString(), connected, health.Frames, health.Malformed, books));
        }

        return new ReadinessReport(problems.Count == 0 ? "ready" : "not-ready", problems, feeds, connections);
    }
}
