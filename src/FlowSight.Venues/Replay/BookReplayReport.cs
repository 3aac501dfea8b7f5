using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;

namespace FlowSight.Venues.Replay;

/// <summary>
/// Writes replayed books the way <c>flowsight book replay</c> shows them, for every venue: per instrument, the final
/// book's top levels and the run's statistics, as text or as one JSON object per line:
/// <c>{"instrument","&lt;sequence&gt;","synced","bids":[[price,qty],...],"asks":[...],"stats":{...}}</c>, prices and
/// quantities as the venue's decimal strings.
/// </summary>
public static class BookReplayReport
{
    private static readonly JsonWriterOptions Compact = new() { Indented = false };

    /// <summary>One JSON object per book, one per line.</summary>
    public static void WriteJson(TextWriter output, IEnumerable<ReplayedBook> books, int depth)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(books);
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        foreach (var book in books)
        {
            buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(buffer, Compact))
            {
                WriteJson(json, book, depth);
            }

            output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
    }

    /// <summary>One book's JSON object.</summary>
    public static void WriteJson(Utf8JsonWriter json, ReplayedBook book, int depth)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(book);
        json.WriteStartObject();
        json.WriteString("instrument", book.Instrument.Value);
        json.WriteNumber(book.SequenceName, book.LastSequence);
        json.WriteBoolean("synced", book.Synced);
        WriteLevels(json, "bids", book.Book, OrderSide.Buy, depth);
        WriteLevels(json, "asks", book.Book, OrderSide.Sell, depth);
        json.WriteStartObject("stats");
        foreach (var statistic in book.Statistics)
        {
            json.WriteNumber(statistic.JsonName, statistic.Value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>A human-readable report: the <paramref name="header"/> line, then per book a ladder (asks above, bids below) and the statistics.</summary>
    public static void WriteText(TextWriter output, string header, IEnumerable<ReplayedBook> books, int depth)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(books);
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(header);
        foreach (var book in books)
        {
            output.WriteLine();
            output.WriteLine(string.Create(inv, $"{book.Instrument}  {book.SequenceName} {book.LastSequence}  {(book.Synced ? "in sync" : "OUT OF SYNC")}"));
            if (!book.Synced && book.LastFailure is { } failure)
            {
                output.WriteLine(string.Create(inv, $"  last failure: {failure}"));
            }

            if (book.Book is { } levels && depth > 0)
            {
                WriteLadder(output, levels, depth);
            }

            var line = new StringBuilder();
            foreach (var statistic in book.Statistics)
            {
                if (statistic.StartsLine && line.Length > 0)
                {
                    output.WriteLine(line.ToString().TrimEnd());
                    line.Clear();
                }

                line.Append(line.Length == 0 ? " " : string.Empty).Append(inv, $" {statistic.Label} {statistic.Value:N0} ");
            }

            if (line.Length > 0)
            {
                output.WriteLine(line.ToString().TrimEnd());
            }
        }
    }

    private static void WriteLadder(TextWriter output, L2OrderBook levels, int depth)
    {
        var inv = CultureInfo.InvariantCulture;
        var asks = new BookLevel[Math.Min(depth, levels.AskCount)];
        var bids = new BookLevel[Math.Min(depth, levels.BidCount)];
        levels.CopyLevels(OrderSide.Sell, asks);
        levels.CopyLevels(OrderSide.Buy, bids);
        output.WriteLine(string.Create(inv, $"  {"side",-4} {"price",20} {"quantity",20}"));
        for (int i = asks.Length - 1; i >= 0; i--)
        {
            output.WriteLine(string.Create(inv, $"  {"ask",-4} {asks[i].Price,20} {asks[i].Size,20}"));
        }

        for (int i = 0; i < bids.Length; i++)
        {
            output.WriteLine(string.Create(inv, $"  {"bid",-4} {bids[i].Price,20} {bids[i].Size,20}"));
        }
    }

    private static void WriteLevels(Utf8JsonWriter json, string name, L2OrderBook? book, OrderSide side, int depth)
    {
        json.WriteStartArray(name);
        if (book is not null)
        {
            Span<byte> text = stackalloc byte[32];
            int n = Math.Min(depth, book.Count(side));
            for (int i = 0; i < n; i++)
            {
                var level = book.GetLevel(side, i);
                json.WriteStartArray();
                level.Price.TryFormat(text, out int written);
                json.WriteStringValue(text[..written]);
                level.Size.TryFormat(text, out written);
                json.WriteStringValue(text[..written]);
                json.WriteEndArray();
            }
        }

        json.WriteEndArray();
    }
}
