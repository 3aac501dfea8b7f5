using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FlowSight.Cli.Watch;

/// <summary>Renders a <see cref="WatchSnapshot"/>: ladder with depth bars, trade tape, and the feed's health.</summary>
internal static class WatchView
{
    private const int BarWidth = 24;

    public static IRenderable Render(WatchSnapshot s)
    {
        var header = new Markup(string.Create(
            CultureInfo.InvariantCulture,
            $"[bold]{Markup.Escape(s.Instrument)}[/]  {ConnectionMarkup(s)}  book {(s.Synced ? "[green]synced[/]" : "[red]out of sync[/]")} @ {s.LastUpdateId}"));

        var body = new Grid().AddColumn().AddColumn();
        body.AddRow(
            new Panel(Ladder(s)).Header("Order book").Expand(),
            new Panel(Tape(s)).Header("Trades").Expand());

        return new Rows(header, body, new Panel(Health(s)).Header("Feed and engine").Expand());
    }

    private static string ConnectionMarkup(WatchSnapshot s)
    {
        var colour = s.Connection switch
        {
            "Connected" or "Subscribed" => "green",
            "Connecting" or "Reconnecting" or "Rotating" => "yellow",
            _ => "red",
        };
        var reason = string.IsNullOrEmpty(s.ConnectionReason) ? string.Empty : $" ({Markup.Escape(s.ConnectionReason)})";
        return $"[{colour}]{Markup.Escape(s.Connection)}[/]{reason}";
    }

    private static Table Ladder(WatchSnapshot s)
    {
        var table = new Table().Border(TableBorder.None).HideHeaders()
            .AddColumn(new TableColumn("depth").RightAligned())
            .AddColumn(new TableColumn("size").RightAligned())
            .AddColumn(new TableColumn("price").RightAligned());
        var max = Math.Max(s.Bids.Count > 0 ? s.Bids[^1].Cumulative : 0m, s.Asks.Count > 0 ? s.Asks[^1].Cumulative : 0m);

        // Asks above the spread, best ask lowest; bids below, best bid highest.
        for (var i = s.Asks.Count - 1; i >= 0; i--)
        {
            var row = s.Asks[i];
            table.AddRow(new Markup($"[red]{Bar(row.Cumulative, max)}[/]"), new Text(row.Size), new Markup($"[red]{row.Price}[/]"));
        }

        table.AddRow(new Text(string.Empty), new Markup($"[grey]spread {s.Spread ?? "-"}[/]"), new Markup($"[grey]mid {s.Mid ?? "-"}[/]"));
        foreach (var row in s.Bids)
        {
            table.AddRow(new Markup($"[green]{Bar(row.Cumulative, max)}[/]"), new Text(row.Size), new Markup($"[green]{row.Price}[/]"));
        }

        return table;
    }

    private static Table Tape(WatchSnapshot s)
    {
        var table = new Table().Border(TableBorder.None)
            .AddColumn("time").AddColumn(new TableColumn("price").RightAligned()).AddColumn(new TableColumn("size").RightAligned());
        foreach (var trade in s.Trades)
        {
            var colour = trade.BuyerAggressor ? "green" : "red";
            table.AddRow(
                new Text(trade.Time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)),
                new Markup($"[{colour}]{trade.Price}[/]"),
                new Text(trade.Size));
        }

        return table;
    }

    private static Markup Health(WatchSnapshot s) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"msgs {s.MessagesPerSecond:F0}/s  depth {s.DepthPerSecond:F0}/s  trades {s.TradesPerSecond:F0}/s  |  " +
        $"microprice {s.Microprice ?? "-"}  imbalance {(s.Imbalance is { } imb ? imb.ToString("+0.00;-0.00", CultureInfo.InvariantCulture) : "-")}  |  " +
        $"handler p50 {s.LatencyP50Nanos} ns  p99 {s.LatencyP99Nanos} ns  p99.9 {s.LatencyP999Nanos} ns  |  " +
        $"gaps {s.Gaps}  resyncs {s.Resyncs}  malformed {s.Malformed}  reconnects {s.Reconnects}"));

    private static string Bar(decimal value, decimal max)
    {
        if (max <= 0m)
        {
            return string.Empty;
        }

        var width = (int)Math.Round(value / max * BarWidth, MidpointRounding.AwayFromZero);
        return new string('█', Math.Clamp(width, 0, BarWidth));
    }
}
